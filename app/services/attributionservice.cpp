#include "attributionservice.h"

#include "lookupservice.h"
#include "till.h"

#include "core/showninput.h"
#include "store/attributionrepository.h"
#include "store/peoplerepository.h"

namespace pos {

using namespace Qt::Literals::StringLiterals;
using namespace pos::attribution;

attribution::Policy AttributionService::policy() const
{
    const QString stored = SettingsRepository(m_till.database()).value(QString::fromLatin1(policyKey));
    if (stored.isEmpty())
        return {};
    // Read twice in every sale's commit and almost never changed: parsed once per text.
    thread_local QString lastText;
    thread_local Policy lastPolicy;
    if (stored == lastText)
        return lastPolicy;
    const QByteArray utf8 = stored.toUtf8();
    auto parsed = policyFromJson(std::string_view(utf8.constData(), size_t(utf8.size())));
    lastText = stored;
    lastPolicy = parsed ? *parsed : Policy{};
    return lastPolicy;
}

Status AttributionService::setPolicy(const Policy &policy) const
{
    return SettingsRepository(m_till.database())
        .setValue(QString::fromLatin1(policyKey), QString::fromStdString(policyToJson(policy)));
}

std::optional<Binding> AttributionService::activeBinding(const QString &memberId, const QDateTime &at) const
{
    if (memberId.isEmpty())
        return std::nullopt;
    const auto binding = AttributionRepository(m_till.database()).binding(memberId);
    return bindingInForce(policy(), binding, at.toMSecsSinceEpoch(), binding && hasDeparted(binding->guide));
}

bool AttributionService::hasDeparted(const QString &guideId) const
{
    const auto guide = LookupService(m_till).guide(guideId);
    return !guide || !guide->active;
}

OrderAttribution AttributionService::preview(const QString &memberId, const QString &guideId, qint64 amount) const
{
    const auto binding = activeBinding(memberId, m_till.now());
    return attributeOrder(policy(), binding ? binding->guide : QString(), binding, guideId,
                          SalesSource::Chosen, amount);
}

Result<OrderAttribution> AttributionService::attribute(Order &order) const
{
    const auto binding = activeBinding(order.memberId, order.paidAt);
    OrderAttribution a = attributeOrder(policy(), binding ? binding->guide : QString(), binding, order.salesGuideId,
                                        SalesSource::Chosen, order.total.fen());
    order.exclusiveGuideId = a.exclusiveGuide;
    order.policyVersion = a.policyVersion;
    order.credits = a.parts;
    return a;
}

Status AttributionService::record(const Order &order, const OrderAttribution &a) const
{
    AttributionRepository repo(m_till.database());
    qint64 rate = 0;
    for (const OrderLine &l : order.lines)
        rate += l.amount.fen() * l.commissionBp;
    if (Status s = repo.insertOrderAttribution(order.id, {a, order.total.fen(), rate}); !s)
        return s;
    for (const CreditPart &p : a.parts) {
        // Explained in the till's language, for the manager who asks (spec §9).
        const LedgerRow row{order.id, order.id, p.guide, p.kind, p.amount, order.paidAt, order.businessDate,
                            Channel::Store, order.storeId, false, explainCredit(a, p, false, Wording::Local)};
        if (Status s = repo.insertLedger(row); !s)
            return s;
    }
    // A member with no active binding who pays with a chosen guide is bound to them.
    if (!order.memberId.isEmpty() && !order.salesGuideId.isEmpty() && a.exclusiveGuide.isEmpty()) {
        auto bound = bindWithinTransaction(order.memberId, order.salesGuideId, BindSource::Order, order.paidAt);
        if (!bound)
            return Status::failure(bound.error(), bound.errorKind());
    }
    return {};
}

Result<BindOutcome> AttributionService::bind(const QString &memberId, const QString &guideId, BindSource source) const
{
    Transaction tx(m_till.database());
    if (!tx.begun())
        return Result<BindOutcome>::failure(tx.begun().error(), ErrorKind::System);
    auto outcome = bindWithinTransaction(memberId, guideId, source, m_till.now());
    if (!outcome)
        return outcome;
    if (Status s = tx.commit(); !s)
        return Result<BindOutcome>::failure(s.error(), ErrorKind::System);
    return outcome;
}

Result<BindOutcome> AttributionService::bindWithinTransaction(const QString &memberId, const QString &guideId,
                                                              BindSource source, const QDateTime &at) const
{
    using R = Result<BindOutcome>;
    const auto guide = LookupService(m_till).guide(guideId);
    if (!guide)
        return R::failure(tr("There is no guide %1.").arg(shownInput(guideId)));
    AttributionRepository repo(m_till.database());
    const Policy p = policy();
    std::optional<Binding> current = repo.binding(memberId);
    const BindEvent event{guide->id, at.toMSecsSinceEpoch(), source, at.toString(Qt::ISODate)};
    const BindOutcome outcome = applyBindEvent(p, current, event, !guide->active, current && hasDeparted(current->guide));
    if (Status s = repo.insertBindEvent(memberId, event, outcome, at.date().toString(Qt::ISODate)); !s)
        return R::failure(s.error(), ErrorKind::System);
    if (outcome != BindOutcome::Ignored && outcome != BindOutcome::Kept) {
        if (Status s = repo.saveBinding(memberId, *current); !s)
            return R::failure(s.error(), ErrorKind::System);
    }
    return outcome;
}

} // namespace pos
