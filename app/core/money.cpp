#include "money.h"

#include <QStringBuilder>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QString groupThousands(qint64 yuan)
{
    QString digits = QString::number(yuan);
    for (int i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, u',');
    return digits;
}

} // namespace

QString Money::toString() const
{
    const qint64 magnitude = m_fen < 0 ? -m_fen : m_fen;
    const QString body = u"¥"_s % groupThousands(magnitude / 100) % u'.'
                         % QString::number(magnitude % 100).rightJustified(2, u'0');
    return m_fen < 0 ? u"-"_s + body : body;
}

QString Money::toPlainString() const
{
    const qint64 magnitude = m_fen < 0 ? -m_fen : m_fen;
    return (m_fen < 0 ? u"-"_s : QString()) % QString::number(magnitude / 100) % u'.'
           % QString::number(magnitude % 100).rightJustified(2, u'0');
}

std::optional<Money> Money::parse(QStringView text, bool allowNegative)
{
    QStringView s = text.trimmed();
    bool negative = false;
    if (!s.isEmpty() && (s.front() == u'-' || s.front() == u'−')) {
        if (!allowNegative)
            return std::nullopt;
        negative = true;
        s = s.mid(1).trimmed();
    }
    if (!s.isEmpty() && (s.front() == u'¥' || s.front() == u'￥'))
        s = s.mid(1).trimmed();
    if (s.isEmpty())
        return std::nullopt;

    constexpr qint64 maxYuan = 100'000'000'000LL; // far beyond any till, far below overflow
    qint64 yuan = 0;
    qint64 fen = 0;
    int decimals = -1; // -1: still in the integer part
    int integerDigits = 0;
    int digitsSinceComma = -1; // -1: no comma seen
    for (const QChar c : s) {
        if (c == u',' || c == u'，') {
            // Thousands separators only in the integer part, groups of three.
            if (decimals >= 0 || integerDigits == 0 || (digitsSinceComma >= 0 && digitsSinceComma != 3))
                return std::nullopt;
            digitsSinceComma = 0;
            continue;
        }
        if (c == u'.' || c == u'。') {
            if (decimals >= 0 || (digitsSinceComma >= 0 && digitsSinceComma != 3))
                return std::nullopt;
            decimals = 0;
            continue;
        }
        if (c < u'0' || c > u'9')
            return std::nullopt;
        const int d = c.unicode() - u'0';
        if (decimals < 0) {
            yuan = yuan * 10 + d;
            ++integerDigits;
            if (digitsSinceComma >= 0)
                ++digitsSinceComma;
            if (yuan > maxYuan)
                return std::nullopt;
        } else {
            if (++decimals > 2)
                return std::nullopt;
            fen = fen * 10 + d;
        }
    }
    if (digitsSinceComma >= 0 && digitsSinceComma != 3)
        return std::nullopt;
    if (integerDigits == 0 && decimals <= 0)
        return std::nullopt; // "." or ".": nothing typed
    if (decimals == 1)
        fen *= 10;
    const qint64 total = yuan * 100 + fen;
    return Money::fromFen(negative ? -total : total);
}

qint64 mulDivRounded(qint64 a, qint64 num, qint64 den)
{
    Q_ASSERT(den != 0);
    __int128 product = static_cast<__int128>(a) * num;
    const bool negative = (product < 0) != (den < 0);
    const __int128 p = product < 0 ? -product : product;
    const __int128 d = den < 0 ? -static_cast<__int128>(den) : den;
    const __int128 q = (2 * p + d) / (2 * d); // floor(p/d + 1/2) on magnitudes
    return static_cast<qint64>(negative ? -q : q);
}

} // namespace pos
