#include "checkoutservice.h"

#include "attributionservice.h"
#include "lookupservice.h"
#include "staffservice.h"
#include "till.h"

#include "core/orderedid.h"
#include "core/showninput.h"
#include "store/database.h"
#include "store/orderrepository.h"

namespace pos {

Result<Order> CheckoutService::checkout(const SaleRequest &request) const
{
    auto order = prepare(request);
    if (!order)
        return order;
    return commit(std::move(order.value()));
}

Result<Order> CheckoutService::commit(Order prepared) const
{
    // One transaction: the order, its payments, its attribution and ledger credits, its
    // bind event and its outbox row stand or fall together.
    auto notSaved = [](const QString &why) {
        return Result<Order>::failure(tr("The sale was not saved: %1").arg(why), ErrorKind::System);
    };
    Transaction tx(m_till.database());
    if (!tx.begun())
        return notSaved(tx.begun().error());
    auto stored = storeWithinTransaction(std::move(prepared));
    if (!stored)
        return notSaved(stored.error());
    if (Status s = tx.commit(); !s)
        return notSaved(s.error());
    return stored;
}

Result<Order> CheckoutService::storeWithinTransaction(Order order) const
{
    const AttributionService attribution(m_till);
    auto credited = attribution.attribute(order);
    if (!credited)
        return Result<Order>::failure(credited.error(), ErrorKind::System);
    auto stored = OrderRepository(m_till.database()).insertWithinTransaction(order);
    if (!stored)
        return stored;
    if (Status s = attribution.record(*stored, *credited); !s)
        return Result<Order>::failure(s.error(), ErrorKind::System);
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
    if (!request.cashierId.isEmpty()) {
        const auto cashier = StaffService(m_till).member(request.cashierId);
        if (!cashier || !cashier->active)
            return R::failure(tr("There is no active staff member %1.").arg(shownInput(request.cashierId)));
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
    order.storeId = m_till.store().id;
    order.terminalId = m_till.store().terminalId;
    order.paidAt = m_till.now();
    order.id = mintOrderedId(order.paidAt.toMSecsSinceEpoch());
    order.businessDate = order.paidAt.date().toString(Qt::ISODate);
    order.memberId = member.id;
    order.salesGuideId = guideId;
    order.cashierId = request.cashierId;
    return order;
}

} // namespace pos
