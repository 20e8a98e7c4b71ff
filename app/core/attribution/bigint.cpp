#include "bigint.h"

#include <algorithm>

namespace pos::attribution {

BigInt::BigInt(__int128 value)
{
    m_negative = value < 0;
    unsigned __int128 magnitude = m_negative ? -static_cast<unsigned __int128>(value) : static_cast<unsigned __int128>(value);
    while (magnitude != 0) {
        m_limbs.push_back(quint32(magnitude));
        magnitude >>= 32;
    }
}

void BigInt::trim()
{
    while (!m_limbs.empty() && m_limbs.back() == 0)
        m_limbs.pop_back();
    if (m_limbs.empty())
        m_negative = false;
}

int BigInt::compareMagnitude(const BigInt &a, const BigInt &b)
{
    if (a.m_limbs.size() != b.m_limbs.size())
        return a.m_limbs.size() < b.m_limbs.size() ? -1 : 1;
    for (size_t i = a.m_limbs.size(); i-- > 0;) {
        if (a.m_limbs[i] != b.m_limbs[i])
            return a.m_limbs[i] < b.m_limbs[i] ? -1 : 1;
    }
    return 0;
}

std::vector<quint32> BigInt::addMagnitudes(const std::vector<quint32> &a, const std::vector<quint32> &b)
{
    std::vector<quint32> out(std::max(a.size(), b.size()) + 1, 0);
    quint64 carry = 0;
    for (size_t i = 0; i < out.size(); ++i) {
        const quint64 sum = carry + (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0);
        out[i] = quint32(sum);
        carry = sum >> 32;
    }
    return out;
}

std::vector<quint32> BigInt::subtractMagnitudes(const std::vector<quint32> &a, const std::vector<quint32> &b)
{
    std::vector<quint32> out(a.size(), 0);
    qint64 borrow = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        qint64 diff = qint64(a[i]) - (i < b.size() ? qint64(b[i]) : 0) - borrow;
        borrow = diff < 0 ? 1 : 0;
        out[i] = quint32(diff + (borrow << 32));
    }
    return out;
}

BigInt BigInt::operator+(const BigInt &o) const
{
    BigInt r;
    if (m_negative == o.m_negative) {
        r.m_limbs = addMagnitudes(m_limbs, o.m_limbs);
        r.m_negative = m_negative;
    } else if (compareMagnitude(*this, o) >= 0) {
        r.m_limbs = subtractMagnitudes(m_limbs, o.m_limbs);
        r.m_negative = m_negative;
    } else {
        r.m_limbs = subtractMagnitudes(o.m_limbs, m_limbs);
        r.m_negative = o.m_negative;
    }
    r.trim();
    return r;
}

BigInt BigInt::operator*(const BigInt &o) const
{
    BigInt r;
    if (isZero() || o.isZero())
        return r;
    r.m_limbs.assign(m_limbs.size() + o.m_limbs.size(), 0);
    for (size_t i = 0; i < m_limbs.size(); ++i) {
        quint64 carry = 0;
        for (size_t j = 0; j < o.m_limbs.size(); ++j) {
            const quint64 cur = quint64(m_limbs[i]) * o.m_limbs[j] + r.m_limbs[i + j] + carry;
            r.m_limbs[i + j] = quint32(cur);
            carry = cur >> 32;
        }
        for (size_t k = i + o.m_limbs.size(); carry != 0; ++k) {
            const quint64 cur = quint64(r.m_limbs[k]) + carry;
            r.m_limbs[k] = quint32(cur);
            carry = cur >> 32;
        }
    }
    r.m_negative = m_negative != o.m_negative;
    r.trim();
    return r;
}

quint64 BigInt::divideBy(quint64 divisor)
{
    unsigned __int128 rest = 0;
    for (size_t i = m_limbs.size(); i-- > 0;) {
        const unsigned __int128 cur = (rest << 32) | m_limbs[i];
        m_limbs[i] = quint32(cur / divisor);
        rest = cur % divisor;
    }
    trim();
    return quint64(rest);
}

quint64 BigInt::remainder(quint64 divisor) const
{
    BigInt copy = *this;
    return copy.divideBy(divisor);
}

qint64 BigInt::roundedQuotient(const BigInt &n, const BigInt &d)
{
    // q = floor((2|n| + d) / 2d), the largest q with q × 2d ≤ 2|n| + d, found bit by bit.
    BigInt absN = n;
    absN.m_negative = false;
    const BigInt target = absN * BigInt(2) + d;
    const BigInt twoD = d * BigInt(2);
    qint64 q = 0;
    for (int bit = 62; bit >= 0; --bit) {
        const qint64 candidate = q | (qint64(1) << bit);
        if (compareMagnitude(twoD * BigInt(candidate), target) <= 0)
            q = candidate;
    }
    return n.isNegative() ? -q : q;
}

} // namespace pos::attribution
