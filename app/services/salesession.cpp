#include "salesession.h"

#include "checkoutservice.h"
#include "heldsaleservice.h"
#include "lookupservice.h"
#include "till.h"

namespace pos {

std::optional<Guide> SaleSession::exclusiveGuide() const
{
    if (!m_member || m_member->exclusiveGuideId.isEmpty())
        return std::nullopt;
    return LookupService(m_till).guide(m_member->exclusiveGuideId);
}

Result<int> SaleSession::scan(const QString &code, int quantity)
{
    auto item = LookupService(m_till).sellableProduct(code);
    if (!item)
        return Result<int>::failure(item.error());
    return m_cart.add(*item, code.trimmed(), quantity);
}

Status SaleSession::chooseGuide(const QString &guideId)
{
    auto guide = LookupService(m_till).choosableGuide(guideId);
    if (!guide)
        return Status::failure(guide.error());
    m_guide = *guide;
    return {};
}

Result<Member> SaleSession::attachMember(const QString &codeOrPhone)
{
    auto member = LookupService(m_till).member(codeOrPhone);
    if (member)
        m_member = *member;
    return member;
}

Result<qint64> SaleSession::hold()
{
    auto id = HeldSaleService(m_till).hold(m_cart, m_guide ? m_guide->id : QString(),
                                           m_member ? m_member->id : QString());
    if (id)
        clear();
    return id;
}

Status SaleSession::resume(qint64 heldId)
{
    if (!m_cart.isEmpty())
        return Status::failure(tr("Finish or hold the current sale first."));
    auto sale = HeldSaleService(m_till).resume(heldId);
    if (!sale)
        return Status::failure(sale.error());
    clear();
    m_cart = sale->cart;
    // The guide may have left, or the member been merged, while the sale waited.
    if (!sale->guideId.isEmpty())
        chooseGuide(sale->guideId);
    if (!sale->memberId.isEmpty())
        attachMember(sale->memberId);
    return {};
}

Result<Settlement> SaleSession::previewPayment(const QList<TenderRequest> &tenders) const
{
    return Tendering::settle(m_cart.total(), tenders);
}

Result<Order> SaleSession::pay(const QList<TenderRequest> &tenders)
{
    SaleRequest request{m_cart, m_guide ? m_guide->id : QString(), m_member ? m_member->id : QString(), tenders};
    auto order = CheckoutService(m_till).checkout(request);
    if (order)
        clear();
    return order;
}

void SaleSession::clear()
{
    m_cart.clear();
    m_guide.reset();
    m_member.reset();
}

} // namespace pos
