#pragma once

#include <QMetaType>
#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <compare>
#include <optional>

namespace pos {

// An amount of Chinese yuan held as integer fen (1/100 yuan). No floating point anywhere.
class Money
{
public:
    constexpr Money() = default;
    static constexpr Money fromFen(qint64 fen) { return Money(fen); }
    static constexpr Money fromYuan(qint64 yuan) { return Money(yuan * 100); }

    constexpr qint64 fen() const { return m_fen; }
    constexpr bool isZero() const { return m_fen == 0; }
    constexpr bool isNegative() const { return m_fen < 0; }

    // "¥1,234.50", "-¥3.00": for screens.
    QString toString() const;
    // "1234.50": for receipts' narrow columns, CSV and JSON prose.
    QString toPlainString() const;

    // Reads what a person types: "12", "12.5", "12.50", "¥1,234.50", "￥8", " 3 ".
    // At most two decimals; no sign unless allowNegative. nullopt when malformed.
    static std::optional<Money> parse(QStringView text, bool allowNegative = false);

    constexpr Money operator+(Money o) const { return Money(m_fen + o.m_fen); }
    constexpr Money operator-(Money o) const { return Money(m_fen - o.m_fen); }
    constexpr Money operator-() const { return Money(-m_fen); }
    constexpr Money operator*(qint64 n) const { return Money(m_fen * n); }
    Money &operator+=(Money o) { m_fen += o.m_fen; return *this; }
    Money &operator-=(Money o) { m_fen -= o.m_fen; return *this; }
    constexpr auto operator<=>(const Money &) const = default;

private:
    constexpr explicit Money(qint64 fen) : m_fen(fen) {}
    qint64 m_fen = 0;
};

// a × num ÷ den rounded half away from zero, exact for any qint64 inputs (128-bit middle).
qint64 mulDivRounded(qint64 a, qint64 num, qint64 den);

} // namespace pos

Q_DECLARE_METATYPE(pos::Money)
