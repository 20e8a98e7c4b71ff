#include "checkoutservice.h"

#include "lookupservice.h"
#include "till.h"

#include "store/orderrepository.h"

#include <QUuid>

namespace pos {

Result<Order> CheckoutService::checkout(const SaleRequest &request) const
{
    auto order = prepare(request);
    if (!order)
        return order;
    auto stored = OrderRepository(m_till.database()).commit(*order);
    if (!stored)
        return Result<Order>::failure(tr("The sale was not saved: %1").arg(stored.error()), ErrorKind::System);
    return stored;
}

Result<Order> CheckoutService::prepare(const SaleRequest &request) const
{
    using R = Result<Order>;
    if (!m_till.isProvisioned())
        return R::failure(tr("This till is not set up for a store yet (run posctl init --demo)."));
    if (request.cart.isEmpty())
        return R::failure(tr("The sale has no items."));

    const LookupService lookup(m_till);
    QString guideId;
    if (!request.guideId.trimmed().isEmpty()) {
        auto guide = lookup.choosableGuide(request.guideId);
        if (!guide)
            return R::failure(guide.error());
        guideId = guide->id;
    }
    Member member;
    if (!request.memberId.trimmed().isEmpty()) {
        auto found = lookup.member(request.memberId);
        if (!found)
            return R::failure(found.error());
        member = *found;
    }
    // Prices as they are now: a held cart may carry old ones, and a product may have been
    // withdrawn since it was scanned.
    for (const CartLine &line : request.cart.lines()) {
        if (line.voided)
            continue;
        auto current = lookup.sellableProduct(line.item.sku);
        if (!current)
            return R::failure(current.error());
    }

    auto settlement = Tendering::settle(request.cart.total(), request.tenders);
    if (!settlement)
        return R::failure(settlement.error());

    Order order = Order::fromCart(request.cart, *settlement);
    order.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    order.storeId = m_till.store().id;
    order.terminalId = m_till.store().terminalId;
    order.paidAt = m_till.now();
    order.businessDate = order.paidAt.date().toString(Qt::ISODate);
    order.memberId = member.id;
    order.exclusiveGuideId = member.exclusiveGuideId;
    order.salesGuideId = guideId;
    return order;
}

} // namespace pos
