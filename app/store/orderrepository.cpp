#include "orderrepository.h"

#include "database.h"
#include "outboxrepository.h"

#include "core/orderjson.h"

#include <QSqlQuery>

namespace pos {

using namespace Qt::Literals::StringLiterals;

QString OrderRepository::formatNumber(const QString &store, const QString &terminal, qint64 sequence)
{
    return store + u'-' + terminal + u'-' + QString::number(sequence).rightJustified(6, u'0');
}

Result<Order> OrderRepository::commit(Order order)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return Result<Order>::failure(tx.begun().error(), ErrorKind::System);
    Result<Order> stored = insertWithinTransaction(std::move(order));
    if (!stored)
        return stored;
    if (Status s = tx.commit(); !s)
        return Result<Order>::failure(s.error(), ErrorKind::System);
    return stored;
}

Result<Order> OrderRepository::insertWithinTransaction(Order order)
{
    using R = Result<Order>;
    // Every statement here stays prepared on the connection: the commit is the till's hot path.
    order.sequence = 0;
    // The next number follows the terminal's last order, read from the end of the orders'
    // (terminal_id, seq) index: one page less to write per sale than a counter row. Tills
    // before schema 12 kept a counter; it still counts if it is ahead. Orders are never
    // deleted, and the write lock is held, so the number can't repeat.
    Status minted = m_db.run(uR"(SELECT max(coalesce((SELECT max(seq) FROM orders WHERE terminal_id = ?), 0),
                   coalesce((SELECT last_seq FROM order_counters WHERE terminal_id = ?), 0)) + 1)"_s,
                             {order.terminalId, order.terminalId},
                             [&](const QSqlQuery &q) { order.sequence = q.value(0).toLongLong(); });
    if (!minted)
        return R::failure(minted.error(), ErrorKind::System);
    if (order.sequence <= 0)
        return R::failure(u"no sequence"_s, ErrorKind::System);
    order.number = formatNumber(order.storeId, order.terminalId, order.sequence);

    Status o = m_db.write(uR"(INSERT INTO orders (id, number, store_id, terminal_id, seq, paid_at,
            paid_at_utc_ms, business_date, member_id, sales_guide_id, exclusive_guide_id, cashier_id,
            subtotal_fen, discount_fen, total_fen, paid_fen, change_fen)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))"_s,
                       {order.id, order.number, order.storeId, order.terminalId, order.sequence,
                        order.paidAt.toString(Qt::ISODate), order.paidAt.toMSecsSinceEpoch(),
                        order.businessDate, Database::nullIfEmpty(order.memberId),
                        Database::nullIfEmpty(order.salesGuideId), Database::nullIfEmpty(order.exclusiveGuideId),
                        Database::nullIfEmpty(order.cashierId), order.subtotal.fen(), order.discount.fen(), order.total.fen(),
                        order.paid.fen(), order.change.fen()});
    if (!o)
        return R::failure(o.error(), ErrorKind::System);

    for (const OrderLine &l : order.lines) {
        Status r = m_db.write(uR"(INSERT INTO order_lines (order_id, line_no, sku, code, name, quantity,
                unit_price_fen, line_discount_fen, order_discount_fen, amount_fen, commission_bp)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))"_s,
                           {order.id, l.lineNo, l.sku, l.code, l.name, l.quantity, l.unitPrice.fen(),
                            l.lineDiscount.fen(), l.orderDiscountShare.fen(), l.amount.fen(),
                            l.commissionBp});
        if (!r)
            return R::failure(r.error(), ErrorKind::System);
    }
    for (int i = 0; i < order.payments.size(); ++i) {
        const AppliedTender &p = order.payments[i];
        Status r = m_db.write(uR"(INSERT INTO payments (order_id, seq, method, tendered_fen, amount_fen, reference)
            VALUES (?, ?, ?, ?, ?, ?))"_s,
                           {order.id, i + 1, methodKey(p.method), p.tendered.fen(), p.applied.fen(),
                            p.reference});
        if (!r)
            return R::failure(r.error(), ErrorKind::System);
    }
    Status e = OutboxRepository(m_db).addJson(u"order.paid"_s, order.id, orderJsonText(order),
                                              order.paidAt.toString(Qt::ISODate));
    if (!e)
        return R::failure(e.error(), ErrorKind::System);
    return order;
}

std::optional<Order> OrderRepository::load(const QString &whereColumn, const QString &value) const
{
    auto r = m_db.exec(uR"(SELECT id, number, seq, store_id, terminal_id, paid_at, business_date,
            coalesce(member_id, ''), coalesce(sales_guide_id, ''), coalesce(exclusive_guide_id, ''),
            subtotal_fen, discount_fen, total_fen, paid_fen, change_fen, coalesce(cashier_id, '')
        FROM orders WHERE )"_s + whereColumn + u" = ?"_s,
                       {value});
    if (!r || !r->next())
        return std::nullopt;
    Order o;
    o.id = r->value(0).toString();
    o.number = r->value(1).toString();
    o.sequence = r->value(2).toLongLong();
    o.storeId = r->value(3).toString();
    o.terminalId = r->value(4).toString();
    o.paidAt = QDateTime::fromString(r->value(5).toString(), Qt::ISODate);
    o.businessDate = r->value(6).toString();
    o.memberId = r->value(7).toString();
    o.salesGuideId = r->value(8).toString();
    o.exclusiveGuideId = r->value(9).toString();
    o.subtotal = Money::fromFen(r->value(10).toLongLong());
    o.discount = Money::fromFen(r->value(11).toLongLong());
    o.total = Money::fromFen(r->value(12).toLongLong());
    o.paid = Money::fromFen(r->value(13).toLongLong());
    o.change = Money::fromFen(r->value(14).toLongLong());
    o.cashierId = r->value(15).toString();

    auto lines = m_db.exec(uR"(SELECT line_no, sku, code, name, quantity, unit_price_fen,
            line_discount_fen, order_discount_fen, amount_fen, commission_bp
        FROM order_lines WHERE order_id = ? ORDER BY line_no)"_s, {o.id});
    while (lines && lines->next()) {
        OrderLine l;
        l.lineNo = lines->value(0).toInt();
        l.sku = lines->value(1).toString();
        l.code = lines->value(2).toString();
        l.name = lines->value(3).toString();
        l.quantity = lines->value(4).toInt();
        l.unitPrice = Money::fromFen(lines->value(5).toLongLong());
        l.lineDiscount = Money::fromFen(lines->value(6).toLongLong());
        l.orderDiscountShare = Money::fromFen(lines->value(7).toLongLong());
        l.amount = Money::fromFen(lines->value(8).toLongLong());
        l.commissionBp = lines->value(9).toInt();
        o.lines.append(l);
    }
    auto pays = m_db.exec(u"SELECT method, tendered_fen, amount_fen, reference FROM payments WHERE order_id = ? ORDER BY seq"_s,
                          {o.id});
    while (pays && pays->next()) {
        AppliedTender p;
        p.method = methodFromKey(pays->value(0).toString()).value_or(PaymentMethod::Cash);
        p.tendered = Money::fromFen(pays->value(1).toLongLong());
        p.applied = Money::fromFen(pays->value(2).toLongLong());
        p.reference = pays->value(3).toString();
        o.payments.append(p);
    }
    m_db.run(u"SELECT policy_version FROM order_attribution WHERE order_id = ?"_s, {o.id},
             [&](const QSqlQuery &q) { o.policyVersion = q.value(0).toString(); });
    // The sale's own credits (doc = the order; its refunds' rows have their own doc). Through
    // order_id, which is indexed: a year of ledger is hundreds of thousands of rows.
    m_db.run(u"SELECT guide_id, kind, amount_fen FROM ledger WHERE order_id = ? AND doc_id = ? ORDER BY id"_s, {o.id, o.id},
             [&](const QSqlQuery &q) {
        o.credits.append({q.value(0).toString(),
                          q.value(1).toString() == u"exclusive"_s ? attribution::CreditKind::Exclusive
                                                                  : attribution::CreditKind::Sales,
                          q.value(2).toLongLong()});
    });
    return o;
}

std::optional<Order> OrderRepository::findByNumber(const QString &number) const
{
    const QString key = number.trimmed();
    if (auto o = load(u"number"_s, key.toUpper()))
        return o;
    return load(u"id"_s, key.toLower());
}

QList<Order> OrderRepository::listByBusinessDate(const QString &date) const
{
    QList<Order> orders;
    QStringList ids;
    auto r = m_db.exec(u"SELECT id FROM orders WHERE business_date = ? ORDER BY paid_at_utc_ms, seq"_s, {date});
    while (r && r->next())
        ids.append(r->value(0).toString());
    for (const QString &id : ids) {
        if (auto o = load(u"id"_s, id))
            orders.append(*o);
    }
    return orders;
}

int OrderRepository::count() const
{
    auto r = m_db.exec(u"SELECT count(*) FROM orders"_s);
    return r && r->next() ? r->value(0).toInt() : 0;
}

int OrderRepository::pendingOutboxCount() const
{
    auto r = m_db.exec(u"SELECT count(*) FROM outbox WHERE sent_at IS NULL"_s);
    return r && r->next() ? r->value(0).toInt() : 0;
}

} // namespace pos
