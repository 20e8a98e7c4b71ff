#pragma once

#include "core/permissions.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

namespace pos {

class Till;

// Whether someone may work the till: active; disabled by a manager or by HQ (a guide who
// departed), which a manager can undo; or removed for good (their PIN hash wiped).
enum class StaffState : quint8 { Active, Disabled, Removed };
QString staffStateKey(StaffState state); // "active", "disabled", "removed"

struct StaffMember
{
    QString id;
    QString name;
    Role role = Role::Cashier;
    bool active = true; // state == Active
    StaffState state = StaffState::Active;
    QString disabledAt; // when taken off the till (disabled or removed), the till's time
    QString disabledBy; // the manager's id, or "hq" for a guide who departed at HQ
    QString removedAt;
};

// What a manager does to someone's access: reversible (disable, enable) or for good (remove).
enum class StaffChange : quint8 { Disable, Enable, Remove };

struct AuditEntry
{
    QString at;
    QString actor;
    QString action;
    QString subject;
    QString detail;
    QString approvedBy;
};

// Who works the till. PINs (4 to 6 digits) are kept only as PBKDF2-HMAC-SHA256 hashes with a
// salt per person and a pepper — a secret in a file beside the database, not in it — so a
// copied database alone does not give the PINs away. Five wrong PINs lock that person out for
// a while. Sign-ins, failures and overrides go to the append-only audit log.
class StaffService
{
    Q_DECLARE_TR_FUNCTIONS(StaffService)
public:
    explicit StaffService(const Till &till) : m_till(till) {}

    static constexpr int defaultIterations = 600000; // ~0.25 s here: slow for a guesser, fine for a person
    static constexpr int maxAttempts = 5;
    static constexpr int lockoutSeconds = 300;

    Status add(const QString &id, const QString &name, Role role, const QString &pin, int iterations = defaultIterations);
    QList<StaffMember> all() const;
    std::optional<StaffMember> member(const QString &id) const;

    // Signs someone in with their PIN; refused (and counted) when wrong or locked out.
    Result<StaffMember> signIn(const QString &id, const QString &pin);

    // A manager approving something on the spot: their PIN right (counted towards the lockout
    // and audited like any sign-in), and their role one that may approve.
    Result<StaffMember> approveAsManager(const QString &id, const QString &pin);
    // Whether anyone here may approve: a till with no manager can't ask for one.
    bool hasManager() const;

    // A manager (`actorId` with their PIN, checked and audited like any sign-in) takes `id`
    // off the till, puts a disabled person back, or removes them for good: inactive, and the
    // PIN hash wiped so that no PIN verifies again (they come back only through add() with a
    // new PIN). Asking for the state someone is already in changes nothing. Refused for an
    // unknown id, for enabling someone removed, and for taking off the last active manager —
    // a till with staff and no manager could approve nothing. The change and its audit entry
    // (sent to HQ) are one transaction. Returns the person as they are now.
    Result<StaffMember> change(StaffChange change, const QString &id, const QString &actorId, const QString &actorPin);

    // Someone signed in a while ago: may they still act? Refused, with the reason to show, once
    // they were disabled or removed (posctl beside the running till, HQ's departure); a
    // database fault is a System failure. The screens ask before each guarded action.
    Result<StaffMember> stillActive(const QString &id) const;

    // A guide who departed at HQ: the staff row with the same id (guides sign in with their
    // guide id) can no longer sign in either. Disabled, not removed, and audited as "hq",
    // inside the caller's transaction (the sync's, with the guide row). HQ only ever takes
    // access away: a guide active again at HQ is enabled at the till by a manager.
    Status disableDepartedGuideWithinTransaction(const QString &id, const QString &departedAt) const;

    // May `actorId` do `action`? Yes on their own role, or with a manager's id and PIN given
    // on the spot — recorded with both names. `subject` names what it is about (an order…).
    // With nobody signed in (an empty actor) only a manager on the spot can, acting alone.
    Result<QString> authorize(const QString &actorId, Action action, const QString &subject = {},
                              const QString &managerId = {}, const QString &managerPin = {});

    Status audit(const QString &actor, const QString &action, const QString &subject = {}, const QString &detail = {},
                 const QString &approvedBy = {}) const;
    // The same inside a transaction the caller holds.
    Status auditWithinTransaction(const QString &actor, const QString &action, const QString &subject = {},
                                  const QString &detail = {}, const QString &approvedBy = {}) const;
    QList<AuditEntry> auditLog(int limit = 200) const;

    // The staff id a scanned badge carries: "STAFF:C01", a guide's "GUIDE:G01", or the bare id.
    static QString idFromBadge(const QString &code);

    // The PIN hash as stored (hex), for a salt and pepper: exposed for the tests.
    static QByteArray hashPin(const QString &pin, const QByteArray &salt, const QByteArray &pepper, int iterations);
    // The pepper file beside the database (0600), made when the first PIN is set
    // (`makeIfMissing`) and never to check one.
    Result<QByteArray> pepper(bool makeIfMissing = false) const;

private:
    const Till &m_till;
};

} // namespace pos
