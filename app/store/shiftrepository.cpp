#include "shiftrepository.h"

#include "database.h"

#include <QSqlQuery>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

const QString shiftColumns = u"SELECT id, opened_at, opened_utc_ms, opened_by, float_fen, coalesce(closed_at, ''), "
                             "coalesce(closed_by, ''), coalesce(expected_fen, 0), coalesce(counted_fen, 0), "
                             "coalesce(count_detail, ''), coalesce(closed_utc_ms, 0) FROM shifts "_s;

Shift readShift(const QSqlQuery &q)
{
    Shift s;
    s.id = q.value(0).toLongLong();
    s.openedAt = q.value(1).toString();
    s.openedUtcMs = q.value(2).toLongLong();
    s.openedBy = q.value(3).toString();
    s.floatFen = q.value(4).toLongLong();
    s.closedAt = q.value(5).toString();
    s.closedBy = q.value(6).toString();
    s.expectedFen = q.value(7).toLongLong();
    s.countedFen = q.value(8).toLongLong();
    s.countDetail = q.value(9).toString();
    s.closedUtcMs = q.value(10).toLongLong();
    return s;
}

qint64 sum(const Database &db, const QString &sql, std::initializer_list<QVariant> binds)
{
    qint64 total = 0;
    db.run(sql, binds, [&](const QSqlQuery &q) { total = q.value(0).toLongLong(); });
    return total;
}

} // namespace

std::optional<Shift> ShiftRepository::openShift() const
{
    std::optional<Shift> s;
    m_db.run(shiftColumns + u"WHERE closed_at IS NULL"_s, {}, [&](const QSqlQuery &q) { s = readShift(q); });
    return s;
}

std::optional<Shift> ShiftRepository::lastShift() const
{
    std::optional<Shift> s;
    m_db.run(shiftColumns + u"ORDER BY id DESC LIMIT 1"_s, {}, [&](const QSqlQuery &q) { s = readShift(q); });
    return s;
}

QList<Shift> ShiftRepository::shiftsOn(const QString &businessDate) const
{
    QList<Shift> all;
    m_db.run(shiftColumns + u"WHERE substr(opened_at, 1, 10) = ? ORDER BY id"_s, {businessDate},
             [&](const QSqlQuery &q) { all.append(readShift(q)); });
    return all;
}

Result<qint64> ShiftRepository::open(const QString &at, qint64 atUtcMs, const QString &by, qint64 floatFen) const
{
    qint64 id = 0;
    Status s = m_db.run(u"INSERT INTO shifts (opened_at, opened_utc_ms, opened_by, float_fen) VALUES (?, ?, ?, ?) RETURNING id"_s,
                        {at, atUtcMs, by, floatFen}, [&](const QSqlQuery &q) { id = q.value(0).toLongLong(); });
    if (!s)
        return Result<qint64>::failure(s.error(), ErrorKind::System);
    return id;
}

Status ShiftRepository::close(qint64 id, const QString &at, qint64 atUtcMs, const QString &by, qint64 expectedFen,
                              qint64 countedFen, const QString &detail) const
{
    return m_db.run(u"UPDATE shifts SET closed_at = ?, closed_utc_ms = ?, closed_by = ?, expected_fen = ?, counted_fen = ?, "
                    "count_detail = ? WHERE id = ? AND closed_at IS NULL"_s,
                    {at, atUtcMs, by, expectedFen, countedFen, detail, id});
}

Status ShiftRepository::addMovement(qint64 shiftId, const QString &at, qint64 atUtcMs, qint64 amountFen, const QString &reason) const
{
    return m_db.run(u"INSERT INTO cash_movements (shift_id, at, at_utc_ms, amount_fen, reason) VALUES (?, ?, ?, ?, ?)"_s,
                    {shiftId, at, atUtcMs, amountFen, reason});
}

QList<CashMovement> ShiftRepository::movements(qint64 shiftId) const
{
    QList<CashMovement> all;
    m_db.run(u"SELECT at, amount_fen, reason FROM cash_movements WHERE shift_id = ? ORDER BY id"_s, {shiftId},
             [&](const QSqlQuery &q) { all.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toString()}); });
    return all;
}

qint64 ShiftRepository::cashSales(qint64 fromMs, qint64 toMs) const
{
    return sum(m_db, u"SELECT coalesce(sum(p.amount_fen), 0) FROM payments p JOIN orders o ON o.id = p.order_id "
                     "WHERE p.method = 'cash' AND o.paid_at_utc_ms >= ? AND o.paid_at_utc_ms < ?"_s,
               {fromMs, toMs});
}

qint64 ShiftRepository::cashRefunds(qint64 fromMs, qint64 toMs) const
{
    return sum(m_db, u"SELECT coalesce(sum(p.amount_fen), 0) FROM refund_payments p JOIN refunds r ON r.id = p.refund_id "
                     "WHERE p.method = 'cash' AND r.at_utc_ms >= ? AND r.at_utc_ms < ?"_s,
               {fromMs, toMs});
}

DayFigures ShiftRepository::day(const QString &date) const
{
    DayFigures f;
    m_db.run(u"SELECT count(*), coalesce(sum(subtotal_fen), 0), coalesce(sum(discount_fen), 0), coalesce(sum(total_fen), 0) "
             "FROM orders WHERE business_date = ?"_s,
             {date}, [&](const QSqlQuery &q) {
                 f.orders = q.value(0).toInt();
                 f.subtotalFen = q.value(1).toLongLong();
                 f.discountFen = q.value(2).toLongLong();
                 f.salesFen = q.value(3).toLongLong();
             });
    m_db.run(u"SELECT count(*), coalesce(sum(amount_fen), 0) FROM refunds WHERE business_date = ?"_s, {date},
             [&](const QSqlQuery &q) {
                 f.refunds = q.value(0).toInt();
                 f.refundsFen = q.value(1).toLongLong();
             });
    m_db.run(u"SELECT p.method, sum(p.amount_fen) FROM payments p JOIN orders o ON o.id = p.order_id "
             "WHERE o.business_date = ? GROUP BY p.method"_s,
             {date}, [&](const QSqlQuery &q) { f.tenderSales.insert(q.value(0).toString(), q.value(1).toLongLong()); });
    m_db.run(u"SELECT p.method, sum(p.amount_fen) FROM refund_payments p JOIN refunds r ON r.id = p.refund_id "
             "WHERE r.business_date = ? GROUP BY p.method"_s,
             {date}, [&](const QSqlQuery &q) { f.tenderRefunds.insert(q.value(0).toString(), q.value(1).toLongLong()); });
    m_db.run(u"SELECT guide_id, coalesce(sum(amount_fen) FILTER (WHERE is_refund = 0), 0), "
             "coalesce(sum(amount_fen) FILTER (WHERE is_refund = 1), 0) FROM ledger "
             "WHERE business_date = ? AND channel = 'store' GROUP BY guide_id"_s,
             {date}, [&](const QSqlQuery &q) {
                 f.guides.insert(q.value(0).toString(), {q.value(1).toLongLong(), q.value(2).toLongLong()});
             });
    m_db.run(u"SELECT count(DISTINCT member_id) FROM bind_events WHERE business_date = ? AND source = 'register' "
             "AND outcome IN ('bound', 'renewed', 'rebound', 'assigned')"_s,
             {date}, [&](const QSqlQuery &q) { f.memberSignups = q.value(0).toInt(); });
    return f;
}

Result<int> ShiftRepository::insertZ(const QString &businessDate, const QString &createdAt, const QString &report) const
{
    int number = 0;
    Status s = m_db.run(u"INSERT INTO z_reports (number, business_date, created_at, report) "
                        "VALUES ((SELECT coalesce(max(number), 0) + 1 FROM z_reports), ?, ?, ?) RETURNING number"_s,
                        {businessDate, createdAt, report}, [&](const QSqlQuery &q) { number = q.value(0).toInt(); });
    if (!s)
        return Result<int>::failure(s.error(), ErrorKind::System);
    return number;
}

std::optional<std::pair<int, QString>> ShiftRepository::zFor(const QString &businessDate) const
{
    std::optional<std::pair<int, QString>> z;
    m_db.run(u"SELECT number, report FROM z_reports WHERE business_date = ?"_s, {businessDate},
             [&](const QSqlQuery &q) { z = std::pair{q.value(0).toInt(), q.value(1).toString()}; });
    return z;
}

} // namespace pos
