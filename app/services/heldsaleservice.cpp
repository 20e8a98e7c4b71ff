#include "heldsaleservice.h"

#include "till.h"

#include "store/heldsalerepository.h"

namespace pos {

Result<qint64> HeldSaleService::hold(const Cart &cart, const QString &guideId,
                                     const QString &memberId, const QString &label) const
{
    if (cart.isEmpty())
        return Result<qint64>::failure(tr("There is nothing to hold."));
    HeldSale sale{0, m_till.now(), label, guideId, memberId, cart.toJson()};
    return HeldSaleRepository(m_till.database()).hold(sale);
}

QList<HeldSaleSummary> HeldSaleService::list() const
{
    QList<HeldSaleSummary> summaries;
    for (const HeldSale &h : HeldSaleRepository(m_till.database()).list()) {
        const auto cart = Cart::fromJson(h.cart);
        summaries.append({h.id, h.heldAt.toTimeZone(m_till.timeZone()), h.label, h.guideId,
                          h.memberId, cart ? cart->itemCount() : 0,
                          cart ? cart->total() : Money()});
    }
    return summaries;
}

Result<ResumedSale> HeldSaleService::resume(qint64 id) const
{
    auto held = HeldSaleRepository(m_till.database()).take(id);
    if (!held)
        return Result<ResumedSale>::failure(tr("That held sale no longer exists."));
    auto cart = Cart::fromJson(held->cart);
    if (!cart)
        return Result<ResumedSale>::failure(cart.error());
    return ResumedSale{*cart, held->guideId, held->memberId};
}

} // namespace pos
