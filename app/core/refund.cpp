#include "refund.h"

#include "showninput.h"

namespace pos {

Result<RefundPlan> RefundPlanner::plan(const Order &order, const RefundHistory &history,
                                       const QList<RefundRequestLine> &request)
{
    using R = Result<RefundPlan>;
    QList<RefundRequestLine> wanted = request;
    if (wanted.isEmpty()) {
        for (const OrderLine &l : order.lines) {
            const int left = l.quantity - history.quantityByLine.value(l.lineNo);
            if (left > 0)
                wanted.append({l.lineNo, left});
        }
        if (wanted.isEmpty())
            return R::failure(tr("Order %1 has already been refunded in full.").arg(order.number));
    }
    RefundPlan plan;
    QHash<int, int> asked;
    for (const RefundRequestLine &w : wanted) {
        const auto it = std::find_if(order.lines.cbegin(), order.lines.cend(),
                                     [&](const OrderLine &l) { return l.lineNo == w.lineNo; });
        if (it == order.lines.cend())
            return R::failure(tr("Order %1 has no line %2.").arg(order.number).arg(w.lineNo));
        if (w.quantity <= 0)
            return R::failure(tr("Refund quantities must be at least 1."));
        const int before = history.quantityByLine.value(w.lineNo) + asked.value(w.lineNo);
        const int left = it->quantity - before;
        if (w.quantity > left) {
            if (left == 0)
                return R::failure(tr("%1 (%2) on order %3 has already been refunded.").arg(shownInput(it->name), shownInput(it->sku), order.number));
            return R::failure(tr("Only %1 of %2 (%3) can still be refunded on order %4; %5 already were.")
                                  .arg(left).arg(shownInput(it->name), shownInput(it->sku), order.number)
                                  .arg(history.quantityByLine.value(w.lineNo)));
        }
        asked[w.lineNo] += w.quantity;
        const qint64 amount = mulDivRounded(it->amount.fen(), before + w.quantity, it->quantity)
                              - mulDivRounded(it->amount.fen(), before, it->quantity);
        plan.lines.append({it->lineNo, it->sku, it->name, w.quantity, Money::fromFen(amount)});
        plan.total += Money::fromFen(amount);
    }
    if (plan.total + history.total > order.total)
        return R::failure(tr("A refund of %1 would exceed what was paid for order %2 (%3, %4 already refunded).")
                              .arg(plan.total.toString(), order.number, order.total.toString(), history.total.toString()));

    Money due = plan.total;
    for (qsizetype i = order.payments.size() - 1; i >= 0 && due > Money(); --i) {
        const AppliedTender &p = order.payments[i];
        const Money room = p.applied - history.amountByPayment.value(i);
        const Money take = std::min(room, due);
        if (take <= Money())
            continue;
        plan.tenders.prepend({int(i), p.method, take, p.reference});
        due -= take;
    }
    if (due > Money())
        return R::failure(tr("The original payments of order %1 can't cover a refund of %2.")
                              .arg(order.number, plan.total.toString()));
    return plan;
}

} // namespace pos
