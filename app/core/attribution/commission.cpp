#include "commission.h"

#include <numeric>

#include <algorithm>

namespace pos::attribution {

namespace {

__int128 abs128(__int128 v)
{
    return v < 0 ? -v : v;
}

__int128 gcd128(__int128 a, __int128 b)
{
    a = abs128(a);
    b = abs128(b);
    while (b != 0) {
        const __int128 t = a % b;
        a = b;
        b = t;
    }
    return a == 0 ? 1 : a;
}

// n ÷ d rounded half away from zero (d > 0).
qint64 roundDiv(__int128 n, __int128 d)
{
    const __int128 q = (abs128(n) * 2 + d) / (d * 2);
    return qint64(n < 0 ? -q : q);
}

} // namespace

void CommissionBase::add(qint64 amount, __int128 rateNumerator, qint64 rateDenominator)
{
    if (amount == 0 || rateNumerator == 0 || rateDenominator <= 0)
        return;
    if (!m_wide) {
        // term = amount × num ÷ den, reduced before it meets the running sum
        __int128 tn = rateNumerator;
        __int128 td = rateDenominator;
        const __int128 g = gcd128(tn, td);
        tn /= g;
        td /= g;
        const __int128 g2 = gcd128(amount, td);
        __int128 termNum;
        if (!__builtin_mul_overflow(tn, __int128(amount / g2), &termNum)) {
            td /= g2;
            const __int128 g3 = gcd128(m_den, td);
            __int128 newDen, left, right, sum;
            if (!__builtin_mul_overflow(m_den / g3, td, &newDen)
                && !__builtin_mul_overflow(m_num, td / g3, &left)
                && !__builtin_mul_overflow(termNum, m_den / g3, &right)
                && !__builtin_add_overflow(left, right, &sum)) {
                const __int128 g4 = gcd128(sum, newDen);
                m_num = sum / g4;
                m_den = newDen / g4;
                return;
            }
        }
        m_wide = true;
        m_wideNum = BigInt(m_num);
        m_wideDen = BigInt(m_den);
    }
    addWide(amount, rateNumerator, rateDenominator);
}

// The same sum past 128 bits: the denominator stays the least common multiple of the terms'
// denominators (gcd against it before multiplying), so it grows only with new factors.
void CommissionBase::addWide(qint64 amount, __int128 rateNumerator, qint64 rateDenominator)
{
    const quint64 d = quint64(rateDenominator);
    const quint64 g = std::gcd(d, m_wideDen.remainder(d));
    const quint64 newFactor = d / g;
    BigInt denOverTerm = m_wideDen; // m_wideDen ÷ (d ÷ newFactor) = the term's multiplier
    denOverTerm.divideBy(g);
    m_wideNum = m_wideNum * BigInt(__int128(newFactor)) + BigInt(amount) * BigInt(rateNumerator) * denOverTerm;
    m_wideDen = m_wideDen * BigInt(__int128(newFactor));
}

qint64 CommissionBase::roundedFen() const
{
    if (m_wide)
        return BigInt::roundedQuotient(m_wideNum, m_wideDen * BigInt(10000));
    return roundDiv(m_num, m_den * 10000);
}

qint64 commissionFor(const CommissionRule &rule, qint64 p, const CommissionBase &perProduct)
{
    qint64 fen = 0;
    switch (rule.scheme) {
    case CommissionScheme::PerProduct:
        fen = perProduct.roundedFen();
        break;
    case CommissionScheme::Tiered: {
        qint64 bp = -1;
        for (const CommissionTier &t : rule.tiers) {
            if (t.from <= p)
                bp = t.bp;
        }
        if (bp > 0 && p > 0)
            fen = roundDiv(__int128(p) * bp, 10000);
        break;
    }
    case CommissionScheme::Bracket: {
        __int128 sum = 0;
        for (qsizetype i = 0; i < rule.tiers.size(); ++i) {
            const qint64 lo = rule.tiers[i].from;
            if (p <= lo)
                break;
            const qint64 hi = i + 1 < rule.tiers.size() ? std::min(p, rule.tiers[i + 1].from) : p;
            sum += __int128(hi - lo) * rule.tiers[i].bp;
        }
        fen = roundDiv(sum, 10000);
        break;
    }
    }
    return std::max<qint64>(fen, 0);
}

int tierReached(const QList<TargetTier> &tiers, qint64 amount)
{
    int reached = 0;
    for (qsizetype i = 0; i < tiers.size(); ++i) {
        if (tiers[i].threshold <= amount)
            reached = int(i + 1);
    }
    return reached;
}

} // namespace pos::attribution
