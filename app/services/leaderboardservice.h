#pragma once

#include "core/attribution/commission.h"
#include "core/attribution/leaderboard.h"
#include "core/result.h"
#include "store/attributionrepository.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <optional>

namespace pos {

class Till;

// The store's guides for one day (spec §8).
struct LeaderboardDay
{
    QDate date;
    QList<attribution::LeaderboardRow> rows;
    // Online credits reach the ledger from HQ (channel online); this is when HQ last sent
    // them. Empty until it has: online amounts are then unknown, and screens say so.
    std::optional<QDateTime> onlineAsOf;
};

// A target as HQ set it (spec §7).
struct TargetInfo
{
    QString id;
    QString name;
    QDateTime from, to, payoutAt;
    QList<attribution::TargetTier> tiers;
};

// One guide's month so far: performance, commission and target progress.
struct GuideMonth
{
    QString guide;
    QString name;
    qint64 total = 0;
    qint64 orders = 0;
    qint64 members = 0;
    qint64 commission = 0;
    qint64 targetAmount = 0; // what counts towards the target
    int tier = 0;            // reached (0 = none)
    qint64 reward = 0;
    qint64 toNextTier = -1;  // fen still needed for the next tier; -1 when at the top or no target
};

struct LeaderboardMonth
{
    QDate month; // its first day
    QList<GuideMonth> guides; // in leaderboard order (total desc, orders desc, id)
    std::optional<TargetInfo> target;
    attribution::CommissionRule rule;
};

class LeaderboardService
{
    Q_DECLARE_TR_FUNCTIONS(LeaderboardService)
public:
    explicit LeaderboardService(const Till &till) : m_till(till) {}

    static constexpr auto commissionKey = "attribution.commission";
    // Set by sync when HQ's online credits for this store have been applied (ISO 8601).
    static constexpr auto onlineAsOfKey = "hq.online_as_of";
    attribution::CommissionRule commissionRule() const;
    Status setCommissionRule(const QString &json) const;
    Status saveTarget(const TargetInfo &target) const;
    // The target whose window contains `at`, if any.
    std::optional<TargetInfo> targetAt(const QDateTime &at) const;

    LeaderboardDay day(QDate date) const;
    LeaderboardMonth month(QDate anyDayOfMonth) const;
    // The manager's "why?": each credit and reversal of one guide on one day, with the
    // sentence saying why it went to them (spec §9).
    QList<CreditRecord> creditsOf(const QString &guideId, QDate date) const;

private:
    QList<attribution::LeaderboardRow> rowsFor(QDate from, QDate to) const;
    const Till &m_till;
};

} // namespace pos
