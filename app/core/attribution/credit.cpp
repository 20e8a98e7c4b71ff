#include "credit.h"

#include "core/money.h"

#include <QCoreApplication>

namespace pos::attribution {

using namespace Qt::Literals::StringLiterals;

namespace {

// The explanations' words, translated only for Local wording. Call sites name it `tr` so
// lupdate collects the sentences (under the context "pos::attribution").
struct Words
{
    Wording wording;
    QString operator()(const char *text) const
    {
        return wording == Wording::Local ? QCoreApplication::translate("pos::attribution", text)
                                         : QString::fromUtf8(text);
    }
};

qint64 exclusivePart(qint64 amount, int pct)
{
    return mulDivRounded(amount, pct, 100);
}

} // namespace

QString creditKindKey(CreditKind kind)
{
    return kind == CreditKind::Sales ? u"sales"_s : u"exclusive"_s;
}

QString channelKey(Channel channel)
{
    return channel == Channel::Store ? u"store"_s : u"online"_s;
}

OrderAttribution attributeOrder(const Policy &policy, const QString &e, const std::optional<Binding> &binding,
                                const QString &s, SalesSource salesSource, qint64 amount)
{
    OrderAttribution a;
    a.policyVersion = policy.version;
    a.mode = policy.creditMode;
    a.exclusiveSharePct = policy.exclusiveSharePct;
    a.exclusiveGuide = e;
    a.binding = e.isEmpty() ? std::nullopt : binding;
    a.salesGuide = s;
    a.salesSource = s.isEmpty() ? SalesSource::None : salesSource;
    a.clickWindowHours = policy.clickWindowHours;

    const CreditPart toE{e, CreditKind::Exclusive, 0};
    const CreditPart toS{s, CreditKind::Sales, 0};
    if (!e.isEmpty() && e == s) {
        a.recipients = {toS}; // one guide, one sales entry
    } else {
        switch (policy.creditMode) {
        case CreditMode::ExclusiveFirst:
            if (!e.isEmpty())
                a.recipients = {toE};
            else if (!s.isEmpty())
                a.recipients = {toS};
            break;
        case CreditMode::SalesFirst:
            if (!s.isEmpty())
                a.recipients = {toS};
            else if (!e.isEmpty())
                a.recipients = {toE};
            break;
        case CreditMode::Split:
            if (!e.isEmpty() && !s.isEmpty()) {
                a.recipients = {toE, toS};
                a.twoGuideSplit = true;
            } else if (!e.isEmpty()) {
                a.recipients = {toE};
            } else if (!s.isEmpty()) {
                a.recipients = {toS};
            }
            break;
        case CreditMode::SalesOnly:
            if (!s.isEmpty())
                a.recipients = {toS};
            break;
        }
    }

    if (a.twoGuideSplit) {
        const qint64 ePart = exclusivePart(amount, a.exclusiveSharePct);
        a.parts = {{e, CreditKind::Exclusive, ePart}, {s, CreditKind::Sales, amount - ePart}};
    } else if (!a.recipients.isEmpty()) {
        a.parts = {{a.recipients.first().guide, a.recipients.first().kind, amount}};
    }
    a.parts.removeIf([](const CreditPart &p) { return p.amount == 0; });
    return a;
}

QList<CreditPart> refundParts(const OrderAttribution &a, qint64 refundedBefore, qint64 refund)
{
    QList<CreditPart> parts;
    if (a.twoGuideSplit) {
        const qint64 ePart = -(exclusivePart(refundedBefore + refund, a.exclusiveSharePct)
                               - exclusivePart(refundedBefore, a.exclusiveSharePct));
        parts = {{a.recipients[0].guide, CreditKind::Exclusive, ePart},
                 {a.recipients[1].guide, CreditKind::Sales, -refund - ePart}};
    } else if (!a.recipients.isEmpty()) {
        parts = {{a.recipients.first().guide, a.recipients.first().kind, -refund}};
    }
    parts.removeIf([](const CreditPart &p) { return p.amount == 0; });
    return parts;
}

QString explainRefund(const QString &orderCreditWhy, Wording wording)
{
    const Words tr{wording};
    return tr("refund reverses the order's credit with its split; ") + orderCreditWhy;
}

QString explainCredit(const OrderAttribution &a, const CreditPart &part, bool isRefund, Wording wording)
{
    if (isRefund)
        return explainRefund(explainCredit(a, part, false, wording), wording);
    const Words tr{wording};
    QString why;
    const QString mode = creditModeKey(a.mode);
    if (part.kind == CreditKind::Exclusive) {
        QString bound;
        if (!a.binding)
            bound = tr("binding not recorded");
        else if (a.binding->inheritedFrom.isEmpty())
            bound = tr("bound by %1 at %2").arg(bindSourceKey(a.binding->source), a.binding->eventAt);
        else
            bound = tr("inherited from departed guide %1 at %2").arg(a.binding->inheritedFrom, a.binding->eventAt);
        if (a.twoGuideSplit)
            why += tr("%1 %2%: exclusive guide %3 (%4) gets the exclusive share")
                       .arg(mode).arg(a.exclusiveSharePct).arg(part.guide, bound);
        else if (a.salesGuide.isEmpty())
            why += tr("%1: no sales guide, so exclusive guide %2 (%3) gets 100%").arg(mode, part.guide, bound);
        else
            why += tr("%1: exclusive guide %2 (%3) gets 100% over sales guide %4")
                       .arg(mode, part.guide, bound, a.salesGuide);
    } else {
        QString chosen;
        switch (a.salesSource) {
        case SalesSource::Chosen:
            chosen = tr("chosen by the cashier");
            break;
        case SalesSource::Named:
            chosen = tr("named on the online order");
            break;
        case SalesSource::Click:
            chosen = tr("latest click at %1 within %2 h before the order").arg(a.clickAt).arg(a.clickWindowHours);
            break;
        case SalesSource::None:
            break;
        }
        if (a.exclusiveGuide == part.guide)
            why += tr("%1: %2 is both the exclusive guide and the sales guide (%3): one sales credit of 100%")
                       .arg(mode, part.guide, chosen);
        else if (a.twoGuideSplit)
            why += tr("%1 %2%: sales guide %3 (%4) gets the rest after exclusive guide %5")
                       .arg(mode).arg(a.exclusiveSharePct).arg(part.guide, chosen, a.exclusiveGuide);
        else if (a.exclusiveGuide.isEmpty())
            why += tr("%1: sales guide %2 (%3) gets 100%, the customer has no exclusive guide").arg(mode, part.guide, chosen);
        else
            why += tr("%1: sales guide %2 (%3) gets 100% over exclusive guide %4").arg(mode, part.guide, chosen, a.exclusiveGuide);
    }
    why += tr("; policy %1").arg(a.policyVersion);
    return why;
}

} // namespace pos::attribution
