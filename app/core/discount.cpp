#include "discount.h"

#include "showninput.h"

#include <QStringBuilder>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

// "15" → 1500, "12.5" → 1250 (basis points), at most two decimals.
std::optional<int> parsePercent(QStringView text)
{
    const std::optional<Money> asHundredths = Money::parse(text);
    if (!asHundredths)
        return std::nullopt;
    return int(asHundredths->fen()); // "12.5" parses as 1250 hundredths = 1250 bp
}

} // namespace

Result<Discount> Discount::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return Discount();
    if (text.endsWith(u'%') || text.endsWith(u'％')) {
        const std::optional<int> bp = parsePercent(QStringView(text).chopped(1));
        if (!bp || *bp > 10000)
            return Result<Discount>::failure(tr("A percentage discount must be between 0% and 100%: \"%1\"").arg(shownInput(text)));
        return Discount::percentOff(*bp);
    }
    if (text.endsWith(u'折')) {
        // 8.5折 means pay 85 %; 85折 the same, written without the point.
        QStringView number = QStringView(text).chopped(1).trimmed();
        std::optional<int> pay = parsePercent(number);
        if (pay && !number.contains(u'.') && *pay >= 1000 && *pay < 10000)
            *pay /= 10; // "85" read as 85.00 → 8.5
        if (!pay || *pay <= 0 || *pay > 1000)
            return Result<Discount>::failure(tr("Not a valid 折 discount: \"%1\"").arg(shownInput(text)));
        return Discount::percentOff(10000 - *pay * 10);
    }
    const std::optional<Money> off = Money::parse(text);
    if (!off)
        return Result<Discount>::failure(tr("Not a valid discount: \"%1\" (try 20, 15% or 8.5折)").arg(shownInput(text)));
    return Discount::amount(*off);
}

Money Discount::amountOff(Money base) const
{
    if (base.fen() <= 0)
        return Money();
    qint64 off = 0;
    switch (m_kind) {
    case Kind::None:
        return Money();
    case Kind::Amount:
        off = m_value;
        break;
    case Kind::Percent:
        off = mulDivRounded(base.fen(), m_value, 10000);
        break;
    }
    return Money::fromFen(qBound<qint64>(0, off, base.fen()));
}

QString Discount::describe() const
{
    switch (m_kind) {
    case Kind::None:
        return {};
    case Kind::Amount:
        return u"-"_s + Money::fromFen(m_value).toString();
    case Kind::Percent: {
        const QString whole = QString::number(m_value / 100);
        const int rest = int(m_value % 100);
        const QString frac = rest == 0 ? QString()
                             : rest % 10 == 0 ? u"."_s + QString::number(rest / 10)
                                              : u"."_s + QString::number(rest).rightJustified(2, u'0');
        return u"-"_s % whole % frac % u"%"_s;
    }
    }
    return {};
}

} // namespace pos
