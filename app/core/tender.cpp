#include "tender.h"

#include "showninput.h"

#include <algorithm>

namespace pos {

using namespace Qt::Literals::StringLiterals;

QString methodKey(PaymentMethod method)
{
    switch (method) {
    case PaymentMethod::Cash: return u"cash"_s;
    case PaymentMethod::Card: return u"card"_s;
    case PaymentMethod::WeChat: return u"wechat"_s;
    case PaymentMethod::Alipay: return u"alipay"_s;
    }
    return {};
}

std::optional<PaymentMethod> methodFromKey(QStringView key)
{
    for (PaymentMethod m : {PaymentMethod::Cash, PaymentMethod::Card, PaymentMethod::WeChat,
                            PaymentMethod::Alipay}) {
        if (key.compare(methodKey(m), Qt::CaseInsensitive) == 0)
            return m;
    }
    return std::nullopt;
}

QString methodLabel(PaymentMethod method)
{
    switch (method) {
    case PaymentMethod::Cash: return QCoreApplication::translate("Tendering", "Cash");
    case PaymentMethod::Card: return QCoreApplication::translate("Tendering", "Bank card");
    case PaymentMethod::WeChat: return QCoreApplication::translate("Tendering", "WeChat Pay");
    case PaymentMethod::Alipay: return QCoreApplication::translate("Tendering", "Alipay");
    }
    return {};
}

Result<Settlement> Tendering::settle(Money due, const QList<TenderRequest> &requests)
{
    auto collected = checkPartial(due, requests);
    if (!collected)
        return collected;
    const Settlement &s = *collected;
    if (s.tendered < due)
        return Result<Settlement>::failure(tr("Under-payment: %1 is still due.").arg((due - s.tendered).toString()));
    return completeChange(s);
}

Result<Settlement> Tendering::checkPartial(Money due, const QList<TenderRequest> &requests)
{
    using R = Result<Settlement>;
    if (due.isNegative())
        return R::failure(tr("The amount due cannot be negative."));
    Settlement s;
    s.due = due;
    Money nonCash;
    for (const TenderRequest &r : requests) {
        const Money remaining = std::max(Money(), due - s.tendered);
        const Money amount = r.amount.value_or(remaining);
        if (amount.isZero() && !r.amount)
            return R::failure(tr("%1 has nothing left to pay.").arg(methodLabel(r.method)));
        if (amount.fen() <= 0)
            return R::failure(tr("A payment amount must be more than zero."));
        if (r.method != PaymentMethod::Cash) {
            nonCash += amount;
            if (nonCash > due)
                return R::failure(tr("%1 would pay %2 more than is due; only cash can be over-paid.")
                                      .arg(methodLabel(r.method), (nonCash - due).toString()));
        }
        const QString reference = r.reference.trimmed();
        if (reference.size() > maxReferenceLength)
            return R::failure(tr("A payment reference has at most %1 characters, not \"%2\".")
                                  .arg(QString::number(maxReferenceLength), shownInput(reference)));
        if (hasUnsafeChars(reference))
            return R::failure(tr("A payment reference is letters, digits and signs only (no control characters): \"%1\".")
                                  .arg(shownInput(reference)));
        s.tendered += amount;
        s.tenders.append({r.method, amount, amount, reference});
    }
    return s;
}

Result<Settlement> Tendering::completeChange(Settlement s)
{
    s.change = s.tendered - s.due;
    // Change comes out of the cash handed over, last cash tender first.
    Money toTake = s.change;
    for (qsizetype i = s.tenders.size() - 1; i >= 0 && !toTake.isZero(); --i) {
        AppliedTender &t = s.tenders[i];
        if (t.method != PaymentMethod::Cash)
            continue;
        const Money take = std::min(t.applied, toTake);
        t.applied -= take;
        toTake -= take;
    }
    Q_ASSERT(toTake.isZero()); // guaranteed: change ≤ cash because non-cash ≤ due
    return s;
}

QList<Money> Tendering::quickCashAmounts(Money due, int count)
{
    QList<Money> amounts;
    if (due.fen() <= 0)
        return amounts;
    auto addUnique = [&](Money m) {
        if (m >= due && !amounts.contains(m))
            amounts.append(m);
    };
    addUnique(due);
    for (qint64 step : {1000LL, 5000LL, 10000LL}) {
        const qint64 up = (due.fen() + step - 1) / step * step;
        addUnique(Money::fromFen(up));
    }
    for (qint64 note : {2000LL, 5000LL, 10000LL, 20000LL, 50000LL, 100000LL})
        addUnique(Money::fromFen(note));
    std::sort(amounts.begin(), amounts.end());
    amounts.resize(std::min<qsizetype>(amounts.size(), count));
    return amounts;
}

} // namespace pos
