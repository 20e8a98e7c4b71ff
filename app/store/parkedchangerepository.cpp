#include "parkedchangerepository.h"

#include "database.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace pos {

using namespace Qt::Literals::StringLiterals;

Status ParkedChangeRepository::park(const ParkedChange &c) const
{
    // The newest change of an item is the one worth trying again; an older one arriving late
    // (it should not) leaves it alone.
    return m_db.run(uR"(INSERT INTO parked_changes (kind, item, seq, change, reason, parked_at, last_try_at, tries)
        VALUES (?, ?, ?, ?, ?, ?, ?, 1)
        ON CONFLICT (kind, item) DO UPDATE SET seq = excluded.seq, change = excluded.change, reason = excluded.reason,
            parked_at = excluded.parked_at, last_try_at = excluded.last_try_at, tries = 1
        WHERE excluded.seq >= parked_changes.seq)"_s,
                    {c.kind, c.item, c.seq, QString::fromUtf8(QJsonDocument(c.change).toJson(QJsonDocument::Compact)),
                     c.reason, c.parkedAt, c.parkedAt});
}

Status ParkedChangeRepository::applied(const QString &kind, const QString &item, qint64 seq) const
{
    return m_db.run(u"DELETE FROM parked_changes WHERE kind = ? AND item = ? AND seq <= ?"_s, {kind, item, seq});
}

Status ParkedChangeRepository::noteTry(const QString &kind, const QString &item, const QString &reason, const QString &at) const
{
    return m_db.run(u"UPDATE parked_changes SET tries = tries + 1, reason = ?, last_try_at = ? WHERE kind = ? AND item = ?"_s,
                    {reason, at, kind, item});
}

QList<ParkedChange> ParkedChangeRepository::all() const
{
    QList<ParkedChange> list;
    m_db.run(u"SELECT kind, item, seq, change, reason, parked_at, last_try_at, tries FROM parked_changes ORDER BY seq"_s, {},
             [&](const QSqlQuery &q) {
                 list.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                              QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object(), q.value(4).toString(),
                              q.value(5).toString(), q.value(6).toString(), q.value(7).toInt()});
             });
    return list;
}

ParkedChangeCounts ParkedChangeRepository::counts() const
{
    ParkedChangeCounts c;
    m_db.run(u"SELECT count(*), (SELECT reason FROM parked_changes ORDER BY last_try_at DESC, seq DESC LIMIT 1) "
             "FROM parked_changes"_s,
             {}, [&](const QSqlQuery &q) {
                 c.count = q.value(0).toInt();
                 c.lastReason = q.value(1).toString();
             });
    return c;
}

} // namespace pos
