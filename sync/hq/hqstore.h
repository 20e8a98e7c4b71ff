#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <functional>
#include <memory>
#include <unordered_map>

class QSqlQuery;

namespace pos::hq {

// Where HQ keeps everything: sqlite:/path/hq.db (the default, one file) or
// postgresql://user:password@host:port/database for a chain with many stores. The same SQL
// runs on both (INSERT … ON CONFLICT DO NOTHING for idempotent ingest).
struct DatabaseUrl
{
    enum class Kind : quint8 { Sqlite, Postgres } kind = Kind::Sqlite;
    QString path; // SQLite
    QString host, user, password, name;
    int port = 5432;
    static std::optional<DatabaseUrl> parse(const QString &text, QString *error);
    static QString defaultUrl(); // sqlite: under the user's data directory
};

struct Terminal
{
    QString store;
    QString terminal;
    QByteArray secret; // empty when revoked
    QString enrolledAt;
    QString revokedAt;
};

// One HQ database connection and what HQ does with it. Not thread-safe: one per thread.
class HqStore
{
    Q_DECLARE_TR_FUNCTIONS(HqStore)
public:
    explicit HqStore(QString connectionName = QStringLiteral("pos-hq"));
    ~HqStore();
    HqStore(const HqStore &) = delete;
    HqStore &operator=(const HqStore &) = delete;

    // Opens (creating a SQLite file and its folder when needed) and migrates.
    Status open(const DatabaseUrl &url);
    bool isPostgres() const { return m_url.kind == DatabaseUrl::Kind::Postgres; }
    int schemaVersion() const;

    Status addStore(const QString &id, const QString &name);
    QList<std::pair<QString, QString>> stores() const;

    // A one-time code for a terminal of a known store, valid until `expiresMs`.
    Result<QString> createEnrolment(const QString &store, const QString &terminal, qint64 nowMs, qint64 expiresMs);
    // The code exchanged for the terminal's new secret (used once). When the till says who it
    // is, a code for another terminal is refused and stays unused.
    Result<Terminal> redeem(const QString &code, const QString &store, const QString &terminal, qint64 nowMs);
    std::optional<Terminal> terminal(const QString &store, const QString &terminal) const;
    QList<Terminal> terminals() const;
    Status revoke(const QString &store, const QString &terminal, qint64 nowMs);

    // The events a terminal sent, in one transaction: one result per event (accepted,
    // duplicate, rejected with the reason), or a failure when nothing could be stored.
    Result<QJsonArray> ingest(const Terminal &from, const QJsonArray &events, qint64 nowMs);

    // Master data; each change also goes into the feed the tills pull.
    Status addGuide(const QString &id, const QString &name, const QString &store, qint64 nowMs);
    Status departGuide(const QString &id, const QString &heir, qint64 nowMs);
    Status addMember(const QString &id, const QString &phone, const QString &name, const QString &guide, qint64 nowMs);

    // The web shop's attribution events (spec §10 lines: guide, bind, click, order, refund,
    // depart, policy). Bad lines are reported and not kept; HQ replays everything it has with
    // the tills' own engine and sends each store its new online credits.
    struct FeedResult
    {
        int accepted = 0;
        QStringList errors; // "line N: why"
        int newCredits = 0;
    };
    Result<FeedResult> importOnlineFeed(const QStringList &lines, qint64 nowMs);

    // The chain's catalog from CSV (sku, barcodes separated by |, name, category, price_fen,
    // commission_bp, optionally active 0/1): only products that changed go to the tills.
    struct CatalogResult
    {
        int changed = 0;
        int unchanged = 0;
        QStringList errors;
    };
    Result<CatalogResult> importCatalog(const QString &csv, qint64 nowMs);

    // The chain's attribution policy (spec §10 policy fields): kept, and sent to every till.
    Status setPolicy(const QString &json, qint64 nowMs);
    QString policy() const; // empty until set

    // HQ recomputes the store credits with the tills' own engine from everything it knows
    // (bindings made at any store, HQ's members, the web shop's events): where its answer
    // differs from what a till credited, an adjusting credit is recorded and sent to that
    // store. Nothing already credited is rewritten. Needs the policy.
    struct ReconcileResult
    {
        int orders = 0;
        int adjustments = 0;
        QStringList errors;
    };
    Result<ReconcileResult> reconcile(qint64 nowMs);

    // Tokens for the chain's reports over HTTPS (printed once; HQ keeps only a hash).
    Result<QString> createAdminToken(const QString &name, qint64 nowMs);
    bool adminTokenValid(const QString &token) const;
    // Every credit of a store on business days [from, to]: the tills', HQ's adjustments
    // (doc "adj:N") and the online ones.
    QList<QJsonObject> ledger(const QString &store, const QString &from, const QString &to) const;

    // The feed for one store after `cursor`, oldest first, at most `limit`.
    QJsonArray changes(const QString &store, qint64 cursor, int limit, bool *more) const;

    // How many events of a topic a store's tills have sent.
    int eventCount(const QString &topic, const QString &store) const;

    // A store's orders of a business day (empty date: every day), oldest first.
    QList<QJsonObject> orders(const QString &store, const QString &date) const;
    // Per guide of a store on a day: store and online credits net of refunds, orders.
    QList<QJsonObject> leaderboard(const QString &store, const QString &date) const;

private:
    Status migrate();
    Status run(const QString &sql, const QVariantList &values = {}, int *affected = nullptr) const;
    Status select(const QString &sql, const QVariantList &values,
                  const std::function<void(const class QSqlQuery &)> &row) const;
    Status transaction(const std::function<Status()> &work);
    QSqlQuery *execute(const QString &sql, const QVariantList &values, QString *error) const;
    Status publish(const QString &store, const QString &kind, const QString &item, const QJsonObject &data, qint64 nowMs);
    Result<bool> insertEvent(const Terminal &from, const QJsonObject &event, const QString &payload, const QString &receivedAt);
    QString ingestBinding(const Terminal &from, const QJsonObject &event, const QString &receivedAt, QString *status);
    QString ingestOne(const Terminal &from, const QJsonObject &event, const QString &receivedAt, QString *status);
    Result<std::optional<qint64>> refundableLeft(const QString &store, const QString &order, const QString &refundId) const;

    QString m_connection;
    DatabaseUrl m_url;
    mutable std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_prepared;
    mutable std::unique_ptr<QSqlQuery> m_adHoc;
};

} // namespace pos::hq
