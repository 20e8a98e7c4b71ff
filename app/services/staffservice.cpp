#include "staffservice.h"

#include "till.h"

#include "core/showninput.h"

#include "core/constanttime.h"
#include "core/showninput.h"
#include "store/database.h"
#include "store/outboxrepository.h"
#include "store/privatefiles.h"

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

// The columns a StaffMember is read from, and the reading.
const QString memberColumns = u"SELECT id, name, role, active, disabled_at, disabled_by, removed_at FROM staff "_s;

StaffMember readMember(const QSqlQuery &q)
{
    StaffMember m;
    m.id = q.value(0).toString();
    m.name = q.value(1).toString();
    m.role = roleFromKey(q.value(2).toString()).value_or(Role::Cashier);
    m.active = q.value(3).toBool();
    m.disabledAt = q.value(4).toString();
    m.disabledBy = q.value(5).toString();
    m.removedAt = q.value(6).toString();
    m.state = m.active ? StaffState::Active : m.removedAt.isEmpty() ? StaffState::Disabled : StaffState::Removed;
    return m;
}

} // namespace

QString staffStateKey(StaffState state)
{
    switch (state) {
    case StaffState::Disabled: return u"disabled"_s;
    case StaffState::Removed: return u"removed"_s;
    case StaffState::Active: break;
    }
    return u"active"_s;
}

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

Result<QByteArray> StaffService::pepper(bool makeIfMissing) const
{
    using R = Result<QByteArray>;
    const QString file = m_till.database().filePath() + u".pepper"_s;
    QString error;
    std::optional<QByteArray> p = PrivateFiles::read(file, &error);
    if (!p && !error.isEmpty())
        return R::failure(tr("Cannot read the PIN pepper: %1").arg(error), ErrorKind::System);
    if (!p) {
        // Never made anew to check a PIN: a new pepper would turn every PIN kept into a wrong one.
        if (!makeIfMissing)
            return R::failure(tr("The PIN pepper %1 is missing, so no PIN kept in the database can be checked. Restore it "
                                 "from a backup, or set each PIN again (posctl staff add).").arg(shownPath(file)),
                              ErrorKind::System);
        // Two processes adding staff at once: the first pepper written is everyone's.
        p = PrivateFiles::createOnce(file, randomBytes(32), &error);
        if (!p)
            return R::failure(error, ErrorKind::System);
    }
    if (p->size() < 16)
        return R::failure(tr("The PIN pepper %1 is damaged.").arg(shownPath(file)), ErrorKind::System);
    return *p;
}

Status StaffService::add(const QString &id, const QString &name, Role role, const QString &pin, int iterations)
{
    static const QRegularExpression validId(u"^[A-Za-z0-9_]{1,16}$"_s);
    static const QRegularExpression validPin(u"^\\d{4,6}$"_s);
    if (!validId.match(id).hasMatch() || name.trimmed().isEmpty())
        return Status::failure(tr("Staff need an id (letters and digits, like E01) and a name."));
    if (!validPin.match(pin).hasMatch())
        return Status::failure(tr("A PIN is 4 to 6 digits."));
    const auto pepperBytes = pepper(true);
    if (!pepperBytes)
        return Status::failure(pepperBytes.error(), ErrorKind::System);
    const QByteArray salt = randomBytes(16);
    const QByteArray hash = hashPin(pin, salt, *pepperBytes, iterations);
    if (hash.isEmpty())
        return Status::failure(tr("The PIN could not be hashed."), ErrorKind::System);
    Status s = m_till.database().run(
        u"INSERT INTO staff (id, name, role, pin_salt, pin_hash, pin_iterations) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_salt = excluded.pin_salt, "
        "pin_hash = excluded.pin_hash, pin_iterations = excluded.pin_iterations, failed_attempts = 0, locked_until_ms = 0, "
        // Someone removed comes back with their new PIN; someone disabled stays so until a
        // manager enables them (a new PIN is not a way back past the manager).
        "active = CASE WHEN staff.removed_at IS NULL THEN staff.active ELSE 1 END, "
        "disabled_at = CASE WHEN staff.removed_at IS NULL THEN staff.disabled_at END, "
        "disabled_by = CASE WHEN staff.removed_at IS NULL THEN staff.disabled_by ELSE '' END, removed_at = NULL"_s,
        {id, name.trimmed(), roleKey(role), QString::fromLatin1(salt.toHex()), QString::fromLatin1(hash), iterations});
    if (!s)
        return s;
    return audit(id, u"staff_set"_s, id, roleKey(role));
}

QList<StaffMember> StaffService::all() const
{
    QList<StaffMember> list;
    m_till.database().run(memberColumns + u"ORDER BY id"_s, {}, [&](const QSqlQuery &q) { list.append(readMember(q)); });
    return list;
}

std::optional<StaffMember> StaffService::member(const QString &id) const
{
    std::optional<StaffMember> found;
    m_till.database().run(memberColumns + u"WHERE id = ?"_s, {id}, [&](const QSqlQuery &q) { found = readMember(q); });
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
    m_till.database().run(u"SELECT id, name, role, active, disabled_at, disabled_by, removed_at, pin_salt, pin_hash, "
                          "pin_iterations, failed_attempts, locked_until_ms FROM staff WHERE id = ?"_s,
                          {id}, [&](const QSqlQuery &q) {
                              row = Row{readMember(q), QByteArray::fromHex(q.value(7).toString().toLatin1()),
                                        q.value(8).toString().toLatin1(), q.value(9).toInt(), q.value(10).toInt(),
                                        q.value(11).toLongLong()};
                          });
    const bool known = row && !row->salt.isEmpty(); // a removed person's salt and hash are wiped
    auto pepperBytes = pepper(false);
    if (!pepperBytes && known)
        return R::failure(pepperBytes.error(), ErrorKind::System);
    if (!pepperBytes) // nobody to check: the same work all the same
        pepperBytes = QByteArray(32, 'x');
    // The same work whether or not the person exists: the answer's time says nothing.
    const QByteArray computed = hashPin(pin, known ? row->salt : QByteArray(16, 'x'), *pepperBytes,
                                        known ? row->iterations : defaultIterations);
    const QString refused = tr("Wrong staff id or PIN.");
    if (!row || !row->who.active) {
        // Disabled or removed: the same answer as a wrong PIN (it says nothing of the PIN); the
        // log says why for the manager.
        audit(id, u"sign_in_failed"_s, {}, row ? staffStateKey(row->who.state) : QString());
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

Result<StaffMember> StaffService::change(StaffChange change, const QString &id, const QString &actorId, const QString &actorPin)
{
    using R = Result<StaffMember>;
    // Who asks first (their PIN counted and audited), then what they ask: the answer about an
    // id is only for someone who may manage staff.
    auto actor = signIn(actorId, actorPin);
    if (!actor)
        return R::failure(actor.error(), actor.errorKind());
    if (auto allowed = authorize(actor->id, Action::ManageStaff, id); !allowed)
        return R::failure(allowed.error(), allowed.errorKind());

    // The check of the managers left and the change under one write lock: two managers taking
    // each other off at once can't leave the till with none.
    Transaction tx(m_till.database());
    if (!tx.begun())
        return R::failure(tx.begun().error(), ErrorKind::System);
    const auto before = member(id);
    if (!before)
        return R::failure(tr("Nobody with id %1 works here.").arg(shownInput(id)));
    const QString at = m_till.now().toString(Qt::ISODate);
    QString sql;
    QString action;
    switch (change) {
    case StaffChange::Enable:
        if (before->state == StaffState::Removed)
            return R::failure(tr("%1 was removed for good: to have them back, add them again with a new PIN "
                                 "(posctl staff add %2 …).").arg(before->name, before->id));
        if (before->state == StaffState::Active)
            return *before;
        sql = u"UPDATE staff SET active = 1, disabled_at = NULL, disabled_by = '', failed_attempts = 0, locked_until_ms = 0 "
              "WHERE id = ?"_s;
        action = u"staff_enable"_s;
        break;
    case StaffChange::Disable:
        if (before->state != StaffState::Active)
            return *before; // already off the till (removed is more than disabled)
        sql = u"UPDATE staff SET active = 0, disabled_at = ?, disabled_by = ? WHERE id = ?"_s;
        action = u"staff_disable"_s;
        break;
    case StaffChange::Remove:
        if (before->state == StaffState::Removed)
            return *before;
        sql = u"UPDATE staff SET active = 0, disabled_at = coalesce(disabled_at, ?), disabled_by = ?, removed_at = ?, "
              "pin_salt = '', pin_hash = '', failed_attempts = 0, locked_until_ms = 0 WHERE id = ?"_s;
        action = u"staff_remove"_s;
        break;
    }
    if (change != StaffChange::Enable && before->state == StaffState::Active && canOverride(before->role)) {
        int managers = 0;
        if (Status s = m_till.database().run(u"SELECT count(*) FROM staff WHERE active = 1 AND role = ? AND id <> ?"_s,
                                             {roleKey(Role::Manager), before->id},
                                             [&](const QSqlQuery &q) { managers = q.value(0).toInt(); });
            !s)
            return R::failure(s.error(), ErrorKind::System);
        if (managers == 0)
            return R::failure(tr("%1 is the last active manager here: enable or add another manager first (a till "
                                 "with staff and no manager could approve nothing).").arg(before->name));
    }
    Status written = change == StaffChange::Enable    ? m_till.database().run(sql, {id})
                     : change == StaffChange::Disable ? m_till.database().run(sql, {at, actor->id, id})
                                                      : m_till.database().run(sql, {at, actor->id, at, id});
    if (!written)
        return R::failure(written.error(), ErrorKind::System);
    const StaffState to = change == StaffChange::Enable    ? StaffState::Active
                          : change == StaffChange::Disable ? StaffState::Disabled
                                                           : StaffState::Removed;
    if (Status s = auditWithinTransaction(actor->id, action, id, staffStateKey(before->state) + u" → "_s + staffStateKey(to)); !s)
        return R::failure(s.error(), ErrorKind::System);
    if (Status s = tx.commit(); !s)
        return R::failure(s.error(), ErrorKind::System);
    const auto after = member(id);
    return after ? R(*after) : R::failure(tr("Nobody with id %1 works here.").arg(shownInput(id)), ErrorKind::System);
}

Result<StaffMember> StaffService::stillActive(const QString &id) const
{
    using R = Result<StaffMember>;
    std::optional<StaffMember> found;
    if (Status s = m_till.database().run(memberColumns + u"WHERE id = ?"_s, {id}, [&](const QSqlQuery &q) { found = readMember(q); });
        !s)
        return R::failure(s.error(), ErrorKind::System);
    if (!found)
        return R::failure(tr("%1 no longer works at this till: sign in again.").arg(shownInput(id)));
    if (found->state == StaffState::Removed)
        return R::failure(tr("%1 was removed from this till: sign in again.").arg(found->name));
    if (found->state == StaffState::Disabled)
        return R::failure(found->disabledBy == u"hq"_s
                              ? tr("%1 left the company (HQ): they can no longer work at this till.").arg(found->name)
                              : tr("%1 was disabled by a manager: sign in again.").arg(found->name));
    return *found;
}

Status StaffService::disableDepartedGuideWithinTransaction(const QString &id, const QString &departedAt) const
{
    auto disabled = m_till.database().exec(u"UPDATE staff SET active = 0, disabled_at = ?, disabled_by = 'hq' "
                                           "WHERE id = ? AND active = 1"_s,
                                           {m_till.now().toString(Qt::ISODate), id});
    if (!disabled)
        return Status::failure(disabled.error(), ErrorKind::System);
    if (disabled->numRowsAffected() <= 0)
        return {}; // no staff row for this guide, or already off the till
    return auditWithinTransaction(u"hq"_s, u"staff_disable"_s, id, tr("departed at HQ %1").arg(shownInput(departedAt)));
}

Status StaffService::audit(const QString &actor, const QString &action, const QString &subject, const QString &detail,
                           const QString &approvedBy) const
{
    // Kept here and sent to HQ with everything else, both or neither.
    Transaction tx(m_till.database());
    if (!tx.begun())
        return tx.begun();
    if (Status s = auditWithinTransaction(actor, action, subject, detail, approvedBy); !s)
        return s;
    return tx.commit();
}

Status StaffService::auditWithinTransaction(const QString &actor, const QString &action, const QString &subject,
                                            const QString &detail, const QString &approvedBy) const
{
    const QDateTime now = m_till.now();
    const QString at = now.toString(Qt::ISODate);
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
    return {};
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
