#include "outboxrepository.h"

#include "database.h"

#include "core/orderedid.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

OutboxEvent eventFrom(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object(), q.value(5).toInt(),
            q.value(6).toString(), q.value(7).toString()};
}

const QString columns = u"id, topic, ref, created_at, payload, attempts, coalesce(last_error, ''), coalesce(parked_at, '')"_s;

// Each id in its own statement: batches are small, and the statement stays prepared.
Status forEach(const Database &db, const QStringList &ids, const QString &sql, const QVariant &value)
{
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun();
    for (const QString &id : ids)
        if (Status s = value.isValid() ? db.run(sql, {value, id}) : db.run(sql, {id}); !s)
            return s;
    return tx.commit();
}

} // namespace

Status OutboxRepository::add(const QString &topic, const QString &ref, const QJsonObject &payload, const QString &createdAt) const
{
    return addJson(topic, ref, QJsonDocument(payload).toJson(QJsonDocument::Compact), createdAt);
}

Status OutboxRepository::addJson(const QString &topic, const QString &ref, const QByteArray &payload,
                                 const QString &createdAt, const QString &id) const
{
    return m_db.write(u"INSERT INTO outbox (id, topic, ref, payload, created_at) VALUES (?, ?, ?, ?, ?)"_s,
                      {id.isEmpty() ? mintOrderedId(QDateTime::currentMSecsSinceEpoch()) : id, topic, ref,
                       QString::fromUtf8(payload), createdAt});
}

QList<OutboxEvent> OutboxRepository::pending(int limit) const
{
    QList<OutboxEvent> out;
    m_db.run(u"SELECT "_s + columns + u" FROM outbox WHERE sent_at IS NULL AND parked_at IS NULL ORDER BY rowid LIMIT ?"_s,
             {limit}, [&](const QSqlQuery &q) { out.append(eventFrom(q)); });
    return out;
}

QList<OutboxEvent> OutboxRepository::parked() const
{
    QList<OutboxEvent> out;
    m_db.run(u"SELECT "_s + columns + u" FROM outbox WHERE sent_at IS NULL AND parked_at IS NOT NULL ORDER BY rowid"_s, {},
             [&](const QSqlQuery &q) { out.append(eventFrom(q)); });
    return out;
}

OutboxCounts OutboxRepository::counts() const
{
    OutboxCounts c;
    m_db.run(u"SELECT count(*) FILTER (WHERE parked_at IS NULL), count(*) FILTER (WHERE parked_at IS NOT NULL), "
             "min(created_at) FILTER (WHERE parked_at IS NULL) FROM outbox WHERE sent_at IS NULL"_s,
             {}, [&](const QSqlQuery &q) {
                 c.pending = q.value(0).toInt();
                 c.parked = q.value(1).toInt();
                 c.oldestPending = q.value(2).toString();
             });
    return c;
}

Status OutboxRepository::markSent(const QStringList &ids, const QString &at) const
{
    return forEach(m_db, ids, u"UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?"_s, at);
}

Status OutboxRepository::park(const QString &id, const QString &why, const QString &at) const
{
    return m_db.run(u"UPDATE outbox SET parked_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?"_s, {at, why, id});
}

Status OutboxRepository::unpark(const QString &id) const
{
    return m_db.run(u"UPDATE outbox SET parked_at = NULL WHERE id = ? AND sent_at IS NULL"_s, {id});
}

Status OutboxRepository::noteAttempt(const QStringList &ids, const QString &why) const
{
    return forEach(m_db, ids, u"UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?"_s, why);
}

} // namespace pos
