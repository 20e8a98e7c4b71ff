#pragma once

#include "core/result.h"
#include "client/hqclient.h"

#include <QCoreApplication>

#include <memory>
#include <optional>

namespace pos {

class Till;

// What the till knows of its link to HQ, for the status bar and posctl sync-status.
struct SyncStatus
{
    bool enrolled = false;
    QString url;
    bool online = false;  // the last authenticated call to HQ succeeded
    int pending = 0;      // events HQ has not acknowledged
    int parked = 0;       // events HQ refused as invalid, waiting for a person
    QString oldestPending;
    QString lastOkAt;     // the last successful call
    QString lastAttemptAt;
    QString lastError;    // why the last call failed, or that changes from HQ are parked (empty when all is well)
    qint64 skewMs = 0;    // this till's clock minus HQ's, as of the last answer
    int parkedChanges = 0;       // changes from HQ the till could not apply, kept and tried again
    QString parkedChangeReason;  // why the one tried last failed
};

// One push of the outbox: how many events HQ took, and why it stopped early if it did.
struct SyncRound
{
    int accepted = 0;
    int duplicates = 0; // HQ had them already (an answer lost on the way): as good as accepted
    int parked = 0;     // refused by HQ as invalid: parked, the queue goes on
    int received = 0;   // changes from HQ applied (guides, members, online credits)
    int unapplied = 0;  // changes from HQ that could not be applied: parked, the cursor went past them
    bool drained = false;
    bool failed = false;
    sync::HqReply failure; // when failed
};

// The till's side of sync/PROTOCOL.md: enrolment, and the outbox pushed to HQ oldest first,
// marked sent only once HQ has acknowledged each event. Used by the sync worker thread and
// by posctl, each with its own database connection.
class SyncService
{
    Q_DECLARE_TR_FUNCTIONS(SyncService)
public:
    explicit SyncService(const Till &till) : m_till(till) {}

    static constexpr auto urlKey = "hq.url";
    static constexpr auto caKey = "hq.ca_pem";
    static constexpr auto pinKey = "hq.pin_sha256";
    static constexpr auto secretKey = "hq.secret"; // where older tills kept it: read only to move it out
    static constexpr auto secretWipeKey = "hq.secret_wipe_pending"; // the WAL may still hold the moved secret
    static constexpr auto lastOkKey = "hq.last_ok_at";
    static constexpr auto lastAttemptKey = "hq.last_attempt_at";
    static constexpr auto lastErrorKey = "hq.last_error";
    static constexpr auto skewKey = "hq.skew_ms";
    static constexpr auto onlineKey = "hq.online"; // "1" when the last call got HQ's answer
    static constexpr auto cursorKey = "hq.cursor"; // the last change from HQ applied
    static constexpr int defaultBatch = 500;

    // Exchanges HQ's one-time code for this terminal's secret; trusts `caPem` (the chain's
    // CA) from now on, and HQ's key only if `pinSha256` is given.
    Status enroll(const QString &url, const QString &code, const QByteArray &caPem, const QString &pinSha256 = {});
    bool isEnrolled() const;

    // The terminal's HQ secret lives beside the database, 0600 (`till.db.hq-secret`), never in
    // it: a copied database alone cannot sign for the till.
    QString secretFile() const;
    // A till enrolled by an older version kept it in the settings table: moved to the file and
    // wiped from the database (pages overwritten, WAL emptied — tried again at each start while
    // a reader keeps the WAL). The till does it as it starts (posctl does not, so a till of the
    // older version still running meanwhile keeps signing). Nothing to do otherwise.
    Status moveSecretOutOfDatabase() const;

    // Sends pending events in batches until none is left or HQ can't take more now.
    SyncRound push(int batchSize = defaultBatch);
    // HQ's changes since the last pull (guides, members and their bindings, online credits),
    // each page applied in one transaction with the cursor that follows it. A change that
    // can't be applied is rolled back alone (its own savepoint) and parked in the same
    // transaction; the others apply and the cursor moves past it. After a pull that brought
    // anything, the parked changes are tried again.
    SyncRound pull();
    // What the sync worker and posctl sync do: push, then pull.
    SyncRound syncOnce(int batchSize = defaultBatch);

    SyncStatus status() const;
    // The events HQ refused put back in the queue (once HQ has been fixed); how many.
    Result<int> retryParked();
    // The changes from HQ parked here, tried again oldest first, each in its own savepoint;
    // those that apply now are dropped from the parked ones.
    struct ParkedRetry
    {
        int applied = 0;
        int stillParked = 0;
    };
    Result<ParkedRetry> retryParkedChanges();
    // "N change(s) from HQ could not be applied: why", or empty when none are parked.
    static QString describeParkedChanges(const SyncStatus &status);
    // How long a call may take before HQ counts as unreachable.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // How the link stands, a line a fact, for people (the till's HQ screen, posctl sync-status).
    static QStringList describe(const SyncStatus &status);
    // Why a reply failed, in the cashier's words.
    static QString describe(const sync::HqReply &reply);

private:
    std::optional<sync::HqEndpoint> endpoint(QString *why = nullptr) const;
    Result<QByteArray> secret() const;
    Status storeSecret(const QByteArray &secret) const;
    // A client for HQ; none (and why, in `round`) when the till is not enrolled.
    std::unique_ptr<sync::HqClient> connect(SyncRound &round) const;
    void record(const sync::HqReply &reply) const;
    qint64 nowMs() const;
    Status apply(const QJsonObject &change) const;
    // One change in its own savepoint inside the page's transaction: applied (parked changes of
    // its item it makes stale dropped), or rolled back and parked. `applied` says which. Fails
    // only when the transaction itself can't go on.
    Status applyOrPark(const QJsonObject &change, bool &applied) const;
    // One change in a savepoint of its own, undone alone when it fails: the change's outcome in
    // `outcome`; the failure returned is the database's (the savepoint itself).
    Status applyAlone(const QJsonObject &change, Status &outcome) const;
    static QString parkReason(const QString &kind, const QString &item, const Status &outcome);
    const Till &m_till;
    int m_timeoutMs = 30000;
};

} // namespace pos
