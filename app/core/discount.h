#pragma once

#include "money.h"
#include "result.h"

#include <QCoreApplication>
#include <QString>

namespace pos {

// A reduction on a line or a whole order: a fixed amount, or a percentage off
// (in basis points: 1500 = 15 % off, which Chinese shops call 8.5折).
class Discount
{
    Q_DECLARE_TR_FUNCTIONS(Discount)
public:
    enum class Kind { None, Amount, Percent };

    Discount() = default;
    static Discount amount(Money off) { return Discount(Kind::Amount, off.fen()); }
    static Discount percentOff(int basisPoints) { return Discount(Kind::Percent, basisPoints); }

    // "20" or "¥20" → ¥20 off; "15%" → 15 % off; "8.5折" / "85折" → 15 % off; "" → none.
    static Result<Discount> parse(const QString &text);

    Kind kind() const { return m_kind; }
    qint64 value() const { return m_value; } // fen or basis points off
    bool isNone() const { return m_kind == Kind::None || m_value == 0; }

    // The reduction on `base`, rounded half away from zero to the fen, never more than base.
    Money amountOff(Money base) const;
    // "-¥20.00", "-15%": for the cart and receipt.
    QString describe() const;

    bool operator==(const Discount &) const = default;

private:
    Discount(Kind kind, qint64 value) : m_kind(kind), m_value(value) {}
    Kind m_kind = Kind::None;
    qint64 m_value = 0;
};

} // namespace pos
