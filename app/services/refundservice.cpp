#include "refundservice.h"

#include "till.h"

#include "core/attribution/credit.h"
#include "core/orderedid.h"
#include "core/showninput.h"
#include "store/attributionrepository.h"
#include "store/database.h"
#include "store/orderrepository.h"

namespace pos {

using namespace pos::attribution;

Result<Order> RefundService::findOrder(const QString &number) const
{
    const QString key = number.trimmed();
    if (key.isEmpty())
        return Result<Order>::failure(tr("Scan the receipt's code or type the order number."));
    auto order = OrderRepository(m_till.database()).findByNumber(key);
    if (!order) // a refund receipt leads back to its sale
        if (const auto refund = RefundRepository(m_till.database()).byNumber(key))
            order = OrderRepository(m_till.database()).findByNumber(refund->orderNumber);
    if (!order)
        return Result<Order>::failure(tr("No sale with number %1 on this till.").arg(shownInput(key)));
    return *order;
}

RefundHistory RefundService::history(const Order &order) const
{
    return RefundRepository(m_till.database()).history(order.id);
}

Result<QList<RefundRequestLine>> RefundService::linesFor(const Order &order, const QList<SkuQuantity> &wanted) const
{
    using R = Result<QList<RefundRequestLine>>;
    const RefundHistory done = history(order);
    QList<RefundRequestLine> lines;
    QHash<int, int> taken;
    for (const SkuQuantity &w : wanted) {
        int need = w.quantity;
        if (need < 1)
            return R::failure(tr("Refund quantities must be at least 1."));
        bool onOrder = false;
        for (const OrderLine &l : order.lines) {
            if (l.sku.compare(w.sku.trimmed(), Qt::CaseInsensitive) != 0)
                continue;
            onOrder = true;
            const int left = l.quantity - done.quantityByLine.value(l.lineNo) - taken.value(l.lineNo);
            const int take = std::min(left, need);
            if (take <= 0)
                continue;
            lines.append({l.lineNo, take});
            taken[l.lineNo] += take;
            need -= take;
            if (need == 0)
                break;
        }
        if (!onOrder)
            return R::failure(tr("%1 is not on order %2.").arg(shownInput(w.sku), order.number));
        if (need > 0) {
            const int left = w.quantity - need;
            if (left == 0)
                return R::failure(tr("%1 on order %2 has already been refunded.").arg(shownInput(w.sku), order.number));
            return R::failure(tr("Only %1 of %2 can still be refunded on order %3.").arg(left).arg(shownInput(w.sku), order.number));
        }
    }
    return lines;
}

Result<RefundPlan> RefundService::prepare(const Order &order, const QList<RefundRequestLine> &request) const
{
    return RefundPlanner::plan(order, history(order), request);
}

Result<Refund> RefundService::refund(const QString &orderNumber, const QList<RefundRequestLine> &request) const
{
    using R = Result<Refund>;
    auto notSaved = [](const QString &why) { return R::failure(tr("The refund was not saved: %1").arg(why), ErrorKind::System); };
    Transaction tx(m_till.database());
    if (!tx.begun())
        return notSaved(tx.begun().error());
    // Read and check inside the transaction, so two tills can't refund the same line twice.
    auto order = findOrder(orderNumber);
    if (!order)
        return R::failure(order.error());
    const RefundHistory before = history(*order);
    auto plan = RefundPlanner::plan(*order, before, request);
    if (!plan)
        return R::failure(plan.error());

    Refund refund;
    refund.refundedAt = m_till.now();
    refund.id = mintOrderedId(refund.refundedAt.toMSecsSinceEpoch());
    refund.orderId = order->id;
    refund.orderNumber = order->number;
    refund.businessDate = refund.refundedAt.date().toString(Qt::ISODate);
    refund.plan = *plan;
    AttributionRepository ledger(m_till.database());
    const auto attribution = ledger.orderAttribution(order->id);
    if (attribution)
        refund.credits = refundParts(attribution->attribution, before.total.fen(), plan->total.fen());
    auto stored = RefundRepository(m_till.database()).insertWithinTransaction(refund, m_till.store().id,
                                                                              m_till.store().terminalId);
    if (!stored)
        return notSaved(stored.error());

    if (attribution) {
        for (const CreditPart &p : std::as_const(refund.credits)) {
            const LedgerRow row{refund.id, order->id, p.guide, p.kind, p.amount, refund.refundedAt,
                                refund.businessDate, Channel::Store, order->storeId, true,
                                explainRefund(ledger.creditWhy(order->id, p.guide, p.kind), Wording::Local)};
            if (Status s = ledger.insertLedger(row); !s)
                return notSaved(s.error());
        }
    }
    if (Status s = tx.commit(); !s)
        return notSaved(s.error());
    return stored;
}

} // namespace pos
