#include "staffservice.h"

#include "till.h"

#include "core/showninput.h"

#include "core/constanttime.h"
#include "store/database.h"
#include "store/outboxrepository.h"

#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>

#include <openssl/evp.h>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray randomBytes(int n)
{
    QByteArray out(n, '\0');
    for (int i = 0; i < n; ++i)
        out[i] = char(QRandomGenerator::system()->bounded(256));
    return out;
}

} // namespace

QByteArray StaffService::hashPin(const QString &pin, const QByteArray &salt, const QByteArray &pepper, int iterations)
{
    const QByteArray secret = pin.toUtf8() + pepper; // the pepper makes a database-only copy useless
    unsigned char out[32];
    if (PKCS5_PBKDF2_HMAC(secret.constData(), int(secret.size()), reinterpret_cast<const unsigned char *>(salt.constData()),
                          int(salt.size()), iterations, EVP_sha256(), int(sizeof out), out)
        != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex();
}

Result<QByteArray> StaffService::pepper() const
{
    QFile file(m_till.database().filePath() + u".pepper"_s);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return Result<QByteArray>::failure(tr("Cannot read the PIN pepper %1: %2").arg(file.fileName(), file.errorString()),
                                               ErrorKind::System);
        const QByteArray p = file.readAll();
        if (p.size() < 16)
            return Result<QByteArray>::failure(tr("The PIN pepper %1 is damaged.").arg(file.fileName()), ErrorKind::System);
        return p;
    }
    const QByteArray p = randomBytes(32);
    if (!file.open(QIODevice::WriteOnly) || file.write(p) != p.size())
        return Result<QByteArray>::failure(tr("Cannot write the PIN pepper %1: %2").arg(file.fileName(), file.errorString()),
                                           ErrorKind::System);
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return p;
}

Status StaffService::add(const QString &id, const QString &name, Role role, const QString &pin, int iterations)
{
    static const QRegularExpression validId(u"^[A-Za-z0-9_]{1,16}$"_s);
    static const QRegularExpression validPin(u"^\\d{4,6}$"_s);
    if (!validId.match(id).hasMatch() || name.trimmed().isEmpty())
        return Status::failure(tr("Staff need an id (letters and digits, like E01) and a name."));
    if (!validPin.match(pin).hasMatch())
        return Status::failure(tr("A PIN is 4 to 6 digits."));
    const auto pepperBytes = pepper();
    if (!pepperBytes)
        return Status::failure(pepperBytes.error(), ErrorKind::System);
    const QByteArray salt = randomBytes(16);
    const QByteArray hash = hashPin(pin, salt, *pepperBytes, iterations);
    if (hash.isEmpty())
        return Status::failure(tr("The PIN could not be hashed."), ErrorKind::System);
    Status s = m_till.database().run(
        u"INSERT INTO staff (id, name, role, pin_salt, pin_hash, pin_iterations) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_salt = excluded.pin_salt, "
        "pin_hash = excluded.pin_hash, pin_iterations = excluded.pin_iterations, failed_attempts = 0, locked_until_ms = 0"_s,
        {id, name.trimmed(), roleKey(role), QString::fromLatin1(salt.toHex()), QString::fromLatin1(hash), iterations});
    if (!s)
        return s;
    return audit(id, u"staff_set"_s, id, roleKey(role));
}

QList<StaffMember> StaffService::all() const
{
    QList<StaffMember> list;
    m_till.database().run(u"SELECT id, name, role, active FROM staff ORDER BY id"_s, {}, [&](const QSqlQuery &q) {
        list.append({q.value(0).toString(), q.value(1).toString(), roleFromKey(q.value(2).toString()).value_or(Role::Cashier),
                     q.value(3).toBool()});
    });
    return list;
}

std::optional<StaffMember> StaffService::member(const QString &id) const
{
    std::optional<StaffMember> found;
    m_till.database().run(u"SELECT id, name, role, active FROM staff WHERE id = ?"_s, {id}, [&](const QSqlQuery &q) {
        found = StaffMember{q.value(0).toString(), q.value(1).toString(),
                            roleFromKey(q.value(2).toString()).value_or(Role::Cashier), q.value(3).toBool()};
    });
    return found;
}

Result<StaffMember> StaffService::signIn(const QString &id, const QString &pin)
{
    using R = Result<StaffMember>;
    const qint64 now = m_till.clock().now().toMSecsSinceEpoch();
    struct Row
    {
        StaffMember who;
        QByteArray salt, hash;
        int iterations = 0, failed = 0;
        qint64 lockedUntil = 0;
    };
    std::optional<Row> row;
    m_till.database().run(u"SELECT id, name, role, active, pin_salt, pin_hash, pin_iterations, failed_attempts, locked_until_ms "
                          "FROM staff WHERE id = ?"_s,
                          {id}, [&](const QSqlQuery &q) {
                              row = Row{{q.value(0).toString(), q.value(1).toString(),
                                         roleFromKey(q.value(2).toString()).value_or(Role::Cashier), q.value(3).toBool()},
                                        QByteArray::fromHex(q.value(4).toString().toLatin1()), q.value(5).toString().toLatin1(),
                                        q.value(6).toInt(), q.value(7).toInt(), q.value(8).toLongLong()};
                          });
    const auto pepperBytes = pepper();
    if (!pepperBytes)
        return R::failure(pepperBytes.error(), ErrorKind::System);
    // The same work whether or not the person exists: the answer's time says nothing.
    const QByteArray computed = hashPin(pin, row ? row->salt : QByteArray(16, 'x'), *pepperBytes,
                                        row ? row->iterations : defaultIterations);
    const QString refused = tr("Wrong staff id or PIN.");
    if (!row || !row->who.active) {
        audit(id, u"sign_in_failed"_s);
        return R::failure(refused);
    }
    if (row->lockedUntil > now) {
        audit(id, u"sign_in_locked"_s);
        return R::failure(tr("%1 is locked out after %2 wrong PINs; try again after %3.")
                              .arg(row->who.name).arg(maxAttempts)
                              .arg(QDateTime::fromMSecsSinceEpoch(row->lockedUntil, m_till.timeZone()).toString(u"HH:mm"_s)));
    }
    if (!equalInConstantTime(computed, row->hash)) {
        const int failed = row->failed + 1;
        const bool lock = failed >= maxAttempts;
        m_till.database().run(u"UPDATE staff SET failed_attempts = ?, locked_until_ms = ? WHERE id = ?"_s,
                              {lock ? 0 : failed, lock ? now + lockoutSeconds * 1000LL : 0, id});
        audit(id, lock ? u"locked_out"_s : u"sign_in_failed"_s);
        return R::failure(refused);
    }
    m_till.database().run(u"UPDATE staff SET failed_attempts = 0, locked_until_ms = 0 WHERE id = ?"_s, {id});
    audit(id, u"sign_in"_s);
    return row->who;
}

Result<StaffMember> StaffService::approveAsManager(const QString &id, const QString &pin)
{
    auto who = signIn(id, pin);
    if (who && !canOverride(who->role))
        return Result<StaffMember>::failure(tr("%1 is not a manager and can't approve this.").arg(who->name));
    return who;
}

bool StaffService::hasManager() const
{
    const QList<StaffMember> everyone = all();
    return std::any_of(everyone.cbegin(), everyone.cend(), [](const StaffMember &m) { return m.active && canOverride(m.role); });
}

Result<QString> StaffService::authorize(const QString &actorId, Action action, const QString &subject,
                                        const QString &managerId, const QString &managerPin)
{
    using R = Result<QString>;
    if (actorId.isEmpty()) {
        auto manager = approveAsManager(managerId, managerPin);
        if (!manager)
            return R::failure(manager.error());
        audit(managerId, actionKey(action), subject, u"override"_s, managerId);
        return managerId;
    }
    const auto actor = member(actorId);
    if (!actor || !actor->active)
        return R::failure(tr("Nobody with id %1 works here.").arg(shownInput(actorId)));
    if (allowed(actor->role, action)) {
        audit(actorId, actionKey(action), subject);
        return actorId;
    }
    if (managerId.isEmpty())
        return R::failure(tr("%1 may not do this (%2): a manager's PIN is needed.").arg(actor->name, actionKey(action)));
    auto manager = approveAsManager(managerId, managerPin);
    if (!manager)
        return R::failure(manager.error());
    audit(actorId, actionKey(action), subject, u"override"_s, managerId);
    return managerId;
}

Status StaffService::audit(const QString &actor, const QString &action, const QString &subject, const QString &detail,
                           const QString &approvedBy) const
{
    const QDateTime now = m_till.now();
    const QString at = now.toString(Qt::ISODate);
    // Kept here and sent to HQ with everything else, both or neither.
    Transaction tx(m_till.database());
    if (!tx.begun())
        return tx.begun();
    if (Status s = m_till.database().run(u"INSERT INTO audit_log (at, at_utc_ms, actor, action, subject, detail, approved_by) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                                         {at, now.toMSecsSinceEpoch(), actor, action, subject, detail, approvedBy});
        !s)
        return s;
    if (Status s = OutboxRepository(m_till.database())
                       .add(u"audit.entry"_s, actor,
                            {{u"at"_s, at}, {u"actor"_s, actor}, {u"action"_s, action}, {u"subject"_s, subject},
                             {u"detail"_s, detail}, {u"approved_by"_s, approvedBy}, {u"store"_s, m_till.store().id},
                             {u"terminal"_s, m_till.store().terminalId}},
                            at);
        !s)
        return s;
    return tx.commit();
}

QList<AuditEntry> StaffService::auditLog(int limit) const
{
    QList<AuditEntry> entries;
    m_till.database().run(u"SELECT at, actor, action, subject, detail, approved_by FROM audit_log ORDER BY id DESC LIMIT ?"_s,
                          {limit}, [&](const QSqlQuery &q) {
                              entries.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                              q.value(3).toString(), q.value(4).toString(), q.value(5).toString()});
                          });
    return entries;
}

QString StaffService::idFromBadge(const QString &code)
{
    QString id = code.trimmed();
    for (const QString &prefix : {u"STAFF:"_s, u"GUIDE:"_s})
        if (id.startsWith(prefix, Qt::CaseInsensitive))
            return id.mid(prefix.size()).trimmed();
    return id;
}

} // namespace pos
