#pragma once

#include "bigint.h"

#include <QList>
#include <QString>
#include <QtGlobal>

namespace pos::attribution {

// Spec §6. Rates are basis points; tiers are strictly ascending by `from`.
enum class CommissionScheme : quint8 { PerProduct, Tiered, Bracket };

struct CommissionTier
{
    qint64 from = 0;
    qint64 bp = 0;
};

struct CommissionRule
{
    CommissionScheme scheme = CommissionScheme::PerProduct;
    QList<CommissionTier> tiers;
};

// The exact sum Σ amount × rateNumerator ÷ rateDenominator (in fen·bp), kept as a fraction
// so that commission is rounded once per guide and month, never per entry. A credit of a
// per_product order adds (amount, Σ line amount × bp, order amount).
class CommissionBase
{
public:
    void add(qint64 amount, __int128 rateNumerator, qint64 rateDenominator);
    // The sum ÷ 10000 rounded half away from zero to the fen.
    qint64 roundedFen() const;

private:
    void addWide(qint64 amount, __int128 rateNumerator, qint64 rateDenominator);

    __int128 m_num = 0;
    __int128 m_den = 1;
    bool m_wide = false; // the fraction outgrew 128 bits and lives in m_wideNum / m_wideDen
    BigInt m_wideNum;
    BigInt m_wideDen = BigInt(1);
};

// Commission of one guide for one month whose net ledger amount is P (tiered and bracket),
// or whose per_product sum is `perProduct`. Never negative.
qint64 commissionFor(const CommissionRule &rule, qint64 netAmount, const CommissionBase &perProduct);

// Spec §7: the highest tier (1-based) whose threshold ≤ amount, 0 for none.
struct TargetTier
{
    qint64 threshold = 0;
    qint64 reward = 0;
};
int tierReached(const QList<TargetTier> &tiers, qint64 amount);
constexpr int maxTargetTiers = 5;

} // namespace pos::attribution
