#pragma once

#include <QtGlobal>

#include <vector>

namespace pos::attribution {

// A signed integer of any size, just enough of one to keep commission fractions exact when
// they outgrow 128 bits (many orders of unrelated amounts in one month): integers only,
// so money is never approximated.
class BigInt
{
public:
    BigInt() = default;
    BigInt(__int128 value); // NOLINT: implicit on purpose, small values mix in freely

    bool isNegative() const { return m_negative; }
    bool isZero() const { return m_limbs.empty(); }

    BigInt operator+(const BigInt &o) const;
    BigInt operator*(const BigInt &o) const;
    // Divides by a small positive number in place; returns the remainder of the magnitude.
    quint64 divideBy(quint64 divisor);
    quint64 remainder(quint64 divisor) const;

    // |a| <=> |b|
    static int compareMagnitude(const BigInt &a, const BigInt &b);
    // n ÷ d rounded half away from zero, for d > 0 and a result that fits 64 bits.
    static qint64 roundedQuotient(const BigInt &n, const BigInt &d);

private:
    static std::vector<quint32> addMagnitudes(const std::vector<quint32> &a, const std::vector<quint32> &b);
    static std::vector<quint32> subtractMagnitudes(const std::vector<quint32> &a, const std::vector<quint32> &b); // |a| ≥ |b|
    void trim();

    std::vector<quint32> m_limbs; // magnitude, least significant first, no leading zeros
    bool m_negative = false;
};

} // namespace pos::attribution
