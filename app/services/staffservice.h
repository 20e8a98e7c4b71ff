#pragma once

#include "core/permissions.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

namespace pos {

class Till;

struct StaffMember
{
    QString id;
    QString name;
    Role role = Role::Cashier;
    bool active = true;
};

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

    // May `actorId` do `action`? Yes on their own role, or with a manager's id and PIN given
    // on the spot — recorded with both names. `subject` names what it is about (an order…).
    // With nobody signed in (an empty actor) only a manager on the spot can, acting alone.
    Result<QString> authorize(const QString &actorId, Action action, const QString &subject = {},
                              const QString &managerId = {}, const QString &managerPin = {});

    Status audit(const QString &actor, const QString &action, const QString &subject = {}, const QString &detail = {},
                 const QString &approvedBy = {}) const;
    QList<AuditEntry> auditLog(int limit = 200) const;

    // The staff id a scanned badge carries: "STAFF:C01", a guide's "GUIDE:G01", or the bare id.
    static QString idFromBadge(const QString &code);

    // The PIN hash as stored (hex), for a salt and pepper: exposed for the tests.
    static QByteArray hashPin(const QString &pin, const QByteArray &salt, const QByteArray &pepper, int iterations);
    // The pepper file beside the database, made on first use (0600).
    Result<QByteArray> pepper() const;

private:
    const Till &m_till;
};

} // namespace pos
