#include "peoplerepository.h"

#include "database.h"

#include <QSqlQuery>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

Status toStatus(const Result<QSqlQuery> &r)
{
    return r ? Status() : Status::failure(r.error());
}

Guide readGuide(const QSqlQuery &q)
{
    Guide g;
    g.id = q.value(0).toString();
    g.name = q.value(1).toString();
    g.storeId = q.value(2).toString();
    g.active = q.value(3).toBool();
    if (!q.value(4).isNull())
        g.departedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODate);
    return g;
}

Member readMember(const QSqlQuery &q)
{
    return Member{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                  q.value(3).toString()};
}

const QString guideColumns = u"SELECT id, name, store_id, active, departed_at FROM guides "_s;
const QString memberColumns = u"SELECT id, coalesce(phone, ''), name, coalesce(exclusive_guide_id, '') FROM members "_s;

} // namespace

Status PeopleRepository::upsertStore(const StoreInfo &s)
{
    return toStatus(m_db.exec(uR"(INSERT INTO stores (id, name, address, phone, time_zone) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, address = excluded.address,
            phone = excluded.phone, time_zone = excluded.time_zone)"_s,
                              {s.id, s.name, s.address, s.phone, s.timeZone}));
}

std::optional<StoreInfo> PeopleRepository::store(const QString &id) const
{
    auto r = m_db.exec(u"SELECT id, name, address, phone, time_zone FROM stores WHERE id = ?"_s, {id});
    if (!r || !r->next())
        return std::nullopt;
    StoreInfo s;
    s.id = r->value(0).toString();
    s.name = r->value(1).toString();
    s.address = r->value(2).toString();
    s.phone = r->value(3).toString();
    s.timeZone = r->value(4).toString();
    return s;
}

Status PeopleRepository::upsertGuide(const Guide &g)
{
    return toStatus(m_db.exec(uR"(INSERT INTO guides (id, name, store_id, active, departed_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, store_id = excluded.store_id,
            active = excluded.active, departed_at = excluded.departed_at)"_s,
                              {g.id, g.name, g.storeId, g.active ? 1 : 0,
                               Database::nullIfEmpty(g.departedAt.isValid() ? g.departedAt.toString(Qt::ISODate) : QString())}));
}

std::optional<Guide> PeopleRepository::guide(const QString &id) const
{
    std::optional<Guide> found;
    m_db.run(guideColumns + u"WHERE id = ?"_s, {id}, [&](const QSqlQuery &q) { found = readGuide(q); });
    return found;
}

QList<Guide> PeopleRepository::guides(const QString &storeId) const
{
    QList<Guide> list;
    auto r = storeId.isEmpty() ? m_db.exec(guideColumns + u"ORDER BY id"_s)
                               : m_db.exec(guideColumns + u"WHERE store_id = ? ORDER BY id"_s, {storeId});
    while (r && r->next())
        list.append(readGuide(*r));
    return list;
}

Status PeopleRepository::upsertMember(const Member &m)
{
    return toStatus(m_db.exec(uR"(INSERT INTO members (id, phone, name, exclusive_guide_id) VALUES (?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET phone = excluded.phone, name = excluded.name,
            exclusive_guide_id = excluded.exclusive_guide_id)"_s,
                              {m.id, Database::nullIfEmpty(m.phone), m.name, Database::nullIfEmpty(m.exclusiveGuideId)}));
}

std::optional<Member> PeopleRepository::member(const QString &id) const
{
    std::optional<Member> found;
    m_db.run(memberColumns + u"WHERE id = ? COLLATE NOCASE"_s, {id}, [&](const QSqlQuery &q) { found = readMember(q); });
    return found;
}

std::optional<Member> PeopleRepository::memberByPhone(const QString &phone) const
{
    std::optional<Member> found;
    m_db.run(memberColumns + u"WHERE phone = ?"_s, {phone}, [&](const QSqlQuery &q) { found = readMember(q); });
    return found;
}

int PeopleRepository::memberCount() const
{
    auto r = m_db.exec(u"SELECT count(*) FROM members"_s);
    return r && r->next() ? r->value(0).toInt() : 0;
}

QString SettingsRepository::value(const QString &key, const QString &fallback) const
{
    // Read on every sale (the attribution policy): a statement kept prepared.
    QString found = fallback;
    m_db.run(u"SELECT value FROM settings WHERE key = ?"_s, {key},
             [&found](const QSqlQuery &q) { found = q.value(0).toString(); });
    return found;
}

Status SettingsRepository::setValue(const QString &key, const QString &value)
{
    return toStatus(m_db.exec(u"INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s,
                              {key, value}));
}

} // namespace pos
