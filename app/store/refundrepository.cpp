#include "refundrepository.h"

#include "database.h"
#include "orderrepository.h"
#include "outboxrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace pos {

using namespace Qt::Literals::StringLiterals;

RefundHistory RefundRepository::history(const QString &orderId) const
{
    RefundHistory h;
    m_db.run(uR"(SELECT l.line_no, sum(l.quantity) FROM refund_lines l JOIN refunds r ON r.id = l.refund_id
            WHERE r.order_id = ? GROUP BY l.line_no)"_s,
             {orderId}, [&](const QSqlQuery &q) { h.quantityByLine.insert(q.value(0).toInt(), q.value(1).toInt()); });
    m_db.run(uR"(SELECT p.payment_seq, sum(p.amount_fen) FROM refund_payments p JOIN refunds r ON r.id = p.refund_id
            WHERE r.order_id = ? GROUP BY p.payment_seq)"_s,
             {orderId}, [&](const QSqlQuery &q) {
                 const int index = q.value(0).toInt() - 1;
                 while (h.amountByPayment.size() <= index)
                     h.amountByPayment.append(Money());
                 h.amountByPayment[index] = Money::fromFen(q.value(1).toLongLong());
             });
    m_db.run(u"SELECT coalesce(sum(amount_fen), 0) FROM refunds WHERE order_id = ?"_s, {orderId},
             [&](const QSqlQuery &q) { h.total = Money::fromFen(q.value(0).toLongLong()); });
    return h;
}

std::optional<Refund> RefundRepository::byNumber(const QString &number) const
{
    std::optional<Refund> found;
    m_db.run(uR"(SELECT r.id, r.number, r.order_id, o.number, r.refunded_at, r.business_date, r.amount_fen
            FROM refunds r JOIN orders o ON o.id = r.order_id WHERE r.number = ?)"_s,
             {number}, [&](const QSqlQuery &q) {
                 Refund r;
                 r.id = q.value(0).toString();
                 r.number = q.value(1).toString();
                 r.orderId = q.value(2).toString();
                 r.orderNumber = q.value(3).toString();
                 r.refundedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODate);
                 r.businessDate = q.value(5).toString();
                 r.plan.total = Money::fromFen(q.value(6).toLongLong());
                 found = r;
             });
    if (!found)
        return std::nullopt;
    Refund &r = *found;
    m_db.run(uR"(SELECT l.line_no, o.sku, o.name, l.quantity, l.amount_fen FROM refund_lines l
            JOIN order_lines o ON o.order_id = ? AND o.line_no = l.line_no
            WHERE l.refund_id = ? ORDER BY l.line_no)"_s,
             {r.orderId, r.id}, [&](const QSqlQuery &q) {
                 r.plan.lines.append({q.value(0).toInt(), q.value(1).toString(), q.value(2).toString(),
                                      q.value(3).toInt(), Money::fromFen(q.value(4).toLongLong())});
             });
    m_db.run(uR"(SELECT payment_seq, method, amount_fen, reference FROM refund_payments
            WHERE refund_id = ? ORDER BY seq)"_s,
             {r.id}, [&](const QSqlQuery &q) {
                 r.plan.tenders.append({q.value(0).toInt() - 1,
                                        methodFromKey(q.value(1).toString()).value_or(PaymentMethod::Cash),
                                        Money::fromFen(q.value(2).toLongLong()), q.value(3).toString()});
             });
    return found;
}

Result<Refund> RefundRepository::insertWithinTransaction(Refund refund, const QString &storeId, const QString &terminalId)
{
    using R = Result<Refund>;
    qint64 seq = 0;
    // Refund numbers have their own sequence per terminal, next to the sales'.
    Status minted = m_db.run(uR"(INSERT INTO order_counters (terminal_id, last_seq) VALUES (?, 1)
        ON CONFLICT(terminal_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq)"_s,
                             {QString(terminalId + u"/refunds"_s)}, [&](const QSqlQuery &q) { seq = q.value(0).toLongLong(); });
    if (!minted || seq <= 0)
        return R::failure(minted ? u"no refund sequence"_s : minted.error(), ErrorKind::System);
    refund.number = OrderRepository::formatNumber(storeId, terminalId, seq);
    refund.number.insert(refund.number.lastIndexOf(u'-') + 1, u'R');

    Status s = m_db.run(uR"(INSERT INTO refunds (id, number, order_id, refunded_at, at_utc_ms, business_date, amount_fen)
            VALUES (?, ?, ?, ?, ?, ?, ?))"_s,
                        {refund.id, refund.number, refund.orderId, refund.refundedAt.toString(Qt::ISODate),
                         refund.refundedAt.toMSecsSinceEpoch(), refund.businessDate, refund.plan.total.fen()});
    if (!s)
        return R::failure(s.error(), ErrorKind::System);
    QJsonArray lines;
    for (const RefundLine &l : refund.plan.lines) {
        s = m_db.run(u"INSERT INTO refund_lines (refund_id, line_no, quantity, amount_fen) VALUES (?, ?, ?, ?)"_s,
                     {refund.id, l.lineNo, l.quantity, l.amount.fen()});
        if (!s)
            return R::failure(s.error(), ErrorKind::System);
        lines.append(QJsonObject{{u"line"_s, l.lineNo}, {u"sku"_s, l.sku}, {u"qty"_s, l.quantity}, {u"amount"_s, l.amount.fen()}});
    }
    QJsonArray payments;
    for (int i = 0; i < refund.plan.tenders.size(); ++i) {
        const RefundTender &t = refund.plan.tenders[i];
        s = m_db.run(uR"(INSERT INTO refund_payments (refund_id, seq, payment_seq, method, amount_fen, reference)
                VALUES (?, ?, ?, ?, ?, ?))"_s,
                     {refund.id, i + 1, t.paymentIndex + 1, methodKey(t.method), t.amount.fen(), t.reference});
        if (!s)
            return R::failure(s.error(), ErrorKind::System);
        payments.append(QJsonObject{{u"method"_s, methodKey(t.method)}, {u"amount"_s, t.amount.fen()}, {u"reference"_s, t.reference}});
    }
    QJsonArray credits;
    for (const attribution::CreditPart &c : refund.credits)
        credits.append(QJsonObject{{u"guide"_s, c.guide}, {u"kind"_s, attribution::creditKindKey(c.kind)}, {u"amount"_s, c.amount}});
    const QJsonObject event{{u"refund"_s, refund.id},
                            {u"number"_s, refund.number},
                            {u"order"_s, refund.orderId},
                            {u"order_number"_s, refund.orderNumber},
                            {u"refunded_at"_s, refund.refundedAt.toString(Qt::ISODate)},
                            {u"business_date"_s, refund.businessDate},
                            {u"amount"_s, refund.plan.total.fen()},
                            {u"lines"_s, lines},
                            {u"payments"_s, payments},
                            {u"store"_s, storeId},
                            {u"terminal"_s, terminalId},
                            {u"credits"_s, credits}};
    s = OutboxRepository(m_db).addJson(u"order.refunded"_s, refund.id, QJsonDocument(event).toJson(QJsonDocument::Compact),
                                       refund.refundedAt.toString(Qt::ISODate), refund.id);
    if (!s)
        return R::failure(s.error(), ErrorKind::System);
    return refund;
}

} // namespace pos
