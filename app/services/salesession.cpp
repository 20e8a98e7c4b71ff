#include "salesession.h"

#include "attributionservice.h"
#include "checkoutservice.h"
#include "heldsaleservice.h"
#include "lookupservice.h"
#include "scanservice.h"
#include "settingsservice.h"
#include "till.h"

#include "core/showninput.h"

#include "store/peoplerepository.h"

#include <QRegularExpression>
#include <QRandomGenerator>

namespace pos {

using namespace Qt::Literals::StringLiterals;

std::optional<Guide> SaleSession::exclusiveGuide() const
{
    if (!m_member)
        return std::nullopt;
    const auto binding = AttributionService(m_till).activeBinding(m_member->id, m_till.now());
    if (!binding)
        return std::nullopt;
    return LookupService(m_till).guide(binding->guide);
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
    m_guideIsExclusiveDefault = false;
    return {};
}

Result<Member> SaleSession::attachMember(const QString &codeOrPhone)
{
    auto member = LookupService(m_till).member(codeOrPhone);
    if (!member)
        return member;
    m_member = *member;
    if (!m_guide || m_guideIsExclusiveDefault) {
        if (const auto exclusive = exclusiveGuide(); exclusive && exclusive->active) {
            m_guide = *exclusive;
            m_guideIsExclusiveDefault = true;
        }
    }
    return member;
}

void SaleSession::detachMember()
{
    m_member.reset();
    if (m_guideIsExclusiveDefault)
        clearGuide();
}

Result<Member> SaleSession::registerMember(const QString &phone, const QString &name)
{
    using R = Result<Member>;
    const QString digits = phone.trimmed();
    static const QRegularExpression mobile(u"^1\\d{10}$"_s);
    if (!mobile.match(digits).hasMatch())
        return R::failure(tr("A member needs an 11-digit mobile number starting with 1."));
    const LookupService lookup(m_till);
    if (lookup.member(digits))
        return R::failure(tr("%1 is already a member.").arg(shownInput(digits)));
    // Member ids leave the till, so the till mints them: M and ten digits, the shape a member's
    // card or QR code scans as (BarcodeParser's member pattern).
    QString id;
    for (int attempt = 0; attempt < 8 && (id.isEmpty() || lookup.member(id)); ++attempt)
        id = u"M"_s + QString::number(QRandomGenerator::system()->bounded(Q_INT64_C(1000000000), Q_INT64_C(10000000000)));
    if (lookup.member(id))
        return R::failure(tr("No free member number was found; try again."), ErrorKind::System);
    const Member member{id, digits, name.trimmed(), {}};
    if (Status s = PeopleRepository(m_till.database()).upsertMember(member); !s)
        return R::failure(s.error(), ErrorKind::System);
    if (m_guide) {
        auto bound = AttributionService(m_till).bind(member.id, m_guide->id, attribution::BindSource::Register);
        if (!bound)
            return R::failure(bound.error(), bound.errorKind());
    }
    m_member = member;
    return member;
}

attribution::OrderAttribution SaleSession::creditPreview() const
{
    return AttributionService(m_till).preview(m_member ? m_member->id : QString(), m_guide ? m_guide->id : QString(),
                                              m_cart.total().fen());
}

Result<SaleSession::Scanned> SaleSession::scanCode(const QString &code)
{
    using R = Result<Scanned>;
    using Kind = scanner::ScanCode::Kind;
    const ScanService scans(m_till);
    const scanner::ScanCode parsed = scans.parse(code);
    Scanned result;
    switch (parsed.kind) {
    case Kind::Invalid:
        return R::failure(parsed.error);
    case Kind::Guide:
    case Kind::BindingLink:
        if (Status s = chooseGuide(parsed.guideId); !s)
            return R::failure(s.error());
        result.kind = CodeKind::GuideBadge;
        return result;
    case Kind::Member:
        if (auto member = attachMember(parsed.memberId.isEmpty() ? parsed.memberPhone : parsed.memberId); !member)
            return R::failure(member.error());
        result.kind = CodeKind::MemberCode;
        return result;
    case Kind::Receipt:
        result.kind = CodeKind::Receipt;
        result.receiptNumber = parsed.receiptNumber;
        return result;
    case Kind::Product:
    case Kind::Weighted:
    case Kind::Gs1:
        break;
    }
    auto item = scans.product(parsed);
    if (!item)
        return R::failure(item.error());
    result.line = m_cart.add(*item, parsed.text, 1);
    return result;
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

Result<Order> SaleSession::pay(const QList<TenderRequest> &tenders, const QString &cashierId)
{
    SaleRequest request{m_cart, m_guide ? m_guide->id : QString(), m_member ? m_member->id : QString(), tenders, cashierId};
    auto order = CheckoutService(m_till).checkout(request);
    if (order)
        clear();
    return order;
}

Status SaleSession::readyToPay() const
{
    if (m_cart.isEmpty())
        return Status::failure(tr("Scan the items first."));
    if (Status s = m_till.database().probeWrite(); !s)
        return Status::failure(tr("The till can't save a sale now, so don't take the money: %1").arg(s.error()), ErrorKind::System);
    return {};
}

bool SaleSession::lineDiscountNeedsApproval(int line, const Discount &d) const
{
    if (line < 0 || line >= m_cart.lines().size())
        return false;
    const Money base = m_cart.lines().at(line).gross();
    return d.amountOff(base).fen() * 100 > base.fen() * SettingsService(m_till).discountLimitPercent();
}

bool SaleSession::orderDiscountNeedsApproval(const Discount &d) const
{
    const Money base = m_cart.subtotal();
    return d.amountOff(base).fen() * 100 > base.fen() * SettingsService(m_till).discountLimitPercent();
}

void SaleSession::clear()
{
    m_paymentStarted = false;
    m_cart.clear();
    m_guide.reset();
    m_member.reset();
    m_guideIsExclusiveDefault = false;
}

} // namespace pos
