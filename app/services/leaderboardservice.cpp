#include "leaderboardservice.h"

#include "lookupservice.h"
#include "till.h"

#include "core/attribution/rulesjson.h"
#include "store/attributionrepository.h"
#include "store/database.h"
#include "store/peoplerepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace pos {

using namespace Qt::Literals::StringLiterals;
using namespace pos::attribution;

namespace {

QString iso(QDate d)
{
    return d.toString(Qt::ISODate);
}

} // namespace

CommissionRule LeaderboardService::commissionRule() const
{
    const QByteArray stored = SettingsRepository(m_till.database()).value(QString::fromLatin1(commissionKey)).toUtf8();
    if (stored.isEmpty())
        return {};
    auto rule = commissionRuleFromJson(std::string_view(stored.constData(), size_t(stored.size())));
    return rule ? *rule : CommissionRule{};
}

Status LeaderboardService::setCommissionRule(const QString &json) const
{
    const QByteArray utf8 = json.toUtf8();
    if (auto rule = commissionRuleFromJson(std::string_view(utf8.constData(), size_t(utf8.size()))); !rule)
        return Status::failure(rule.error());
    return SettingsRepository(m_till.database()).setValue(QString::fromLatin1(commissionKey), json);
}

Status LeaderboardService::saveTarget(const TargetInfo &t) const
{
    QJsonArray tiers;
    for (const TargetTier &tier : t.tiers)
        tiers.append(QJsonObject{{u"threshold"_s, tier.threshold}, {u"reward"_s, tier.reward}});
    auto r = m_till.database().exec(uR"(INSERT OR REPLACE INTO targets (id, name, from_at, from_utc_ms, to_at, to_utc_ms,
            payout_at, payout_utc_ms, tiers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?))"_s,
                                    {t.id, t.name, t.from.toString(Qt::ISODate), t.from.toMSecsSinceEpoch(),
                                     t.to.toString(Qt::ISODate), t.to.toMSecsSinceEpoch(), t.payoutAt.toString(Qt::ISODate),
                                     t.payoutAt.toMSecsSinceEpoch(),
                                     QString::fromUtf8(QJsonDocument(tiers).toJson(QJsonDocument::Compact))});
    return r ? Status() : Status::failure(r.error(), ErrorKind::System);
}

std::optional<TargetInfo> LeaderboardService::targetAt(const QDateTime &at) const
{
    std::optional<TargetInfo> found;
    m_till.database().run(uR"(SELECT id, name, from_at, to_at, payout_at, tiers FROM targets
            WHERE from_utc_ms <= ? AND to_utc_ms > ? ORDER BY from_utc_ms DESC LIMIT 1)"_s,
                          {at.toMSecsSinceEpoch(), at.toMSecsSinceEpoch()}, [&](const QSqlQuery &q) {
                              const QByteArray tiers = q.value(5).toString().toUtf8();
                              auto parsed = targetTiersFromJson(std::string_view(tiers.constData(), size_t(tiers.size())));
                              found = TargetInfo{q.value(0).toString(), q.value(1).toString(),
                                                 QDateTime::fromString(q.value(2).toString(), Qt::ISODate),
                                                 QDateTime::fromString(q.value(3).toString(), Qt::ISODate),
                                                 QDateTime::fromString(q.value(4).toString(), Qt::ISODate),
                                                 parsed ? *parsed : QList<TargetTier>{}};
                          });
    return found;
}

QList<LeaderboardRow> LeaderboardService::rowsFor(QDate from, QDate to) const
{
    const AttributionRepository repo(m_till.database());
    const auto totals = repo.totals(iso(from), iso(to));
    const auto recruits = repo.recruits(iso(from), iso(to));
    QList<LeaderboardRow> rows;
    for (const Guide &g : LookupService(m_till).storeGuides()) {
        // Listed unless the guide had left before the period began.
        if (!g.active && g.departedAt.isValid() && g.departedAt.toTimeZone(m_till.timeZone()).date() < from)
            continue;
        const GuideTotals t = totals.value(g.id);
        LeaderboardRow row;
        row.guide = g.id;
        row.name = g.name;
        row.storeAmount = t.storeAmount;
        row.onlineAmount = t.onlineAmount;
        row.total = t.total();
        row.orders = t.orders;
        row.members = recruits.value(g.id);
        rows.append(row);
    }
    return rows;
}

LeaderboardDay LeaderboardService::day(QDate date) const
{
    LeaderboardDay day{date, rowsFor(date, date), std::nullopt};
    const QDateTime asOf = QDateTime::fromString(
        SettingsRepository(m_till.database()).value(QString::fromLatin1(onlineAsOfKey)), Qt::ISODate);
    if (asOf.isValid())
        day.onlineAsOf = asOf;
    const auto previous = AttributionRepository(m_till.database()).totals(iso(date.addDays(-1)), iso(date.addDays(-1)));
    for (LeaderboardRow &row : day.rows)
        row.delta = row.total - previous.value(row.guide).total();
    rankLeaderboard(day.rows);
    return day;
}

QList<CreditRecord> LeaderboardService::creditsOf(const QString &guideId, QDate date) const
{
    return AttributionRepository(m_till.database()).creditsOf(guideId, iso(date), iso(date));
}

LeaderboardMonth LeaderboardService::month(QDate anyDay) const
{
    LeaderboardMonth m;
    m.month = QDate(anyDay.year(), anyDay.month(), 1);
    const QDate last = m.month.addMonths(1).addDays(-1);
    QList<LeaderboardRow> rows = rowsFor(m.month, last);
    rankLeaderboard(rows);
    m.rule = commissionRule();

    QHash<QString, CommissionBase> perProduct;
    if (m.rule.scheme == CommissionScheme::PerProduct) {
        for (const CommissionEntry &e : AttributionRepository(m_till.database()).commissionEntries(iso(m.month), iso(last)))
            perProduct[e.guideId].add(e.amount, e.rateNumerator, e.orderAmount);
    }
    m.target = targetAt(QDateTime(m.month, QTime(12, 0), m_till.timeZone()));
    QHash<QString, qint64> targetAmounts;
    if (m.target)
        targetAmounts = AttributionRepository(m_till.database())
                            .targetAmounts(m.target->from.toMSecsSinceEpoch(), m.target->to.toMSecsSinceEpoch(),
                                           m.target->payoutAt.toMSecsSinceEpoch());
    for (const LeaderboardRow &row : rows) {
        GuideMonth g{row.guide, row.name, row.total, row.orders, row.members,
                     commissionFor(m.rule, row.total, perProduct.value(row.guide))};
        if (m.target) {
            g.targetAmount = targetAmounts.value(row.guide);
            g.tier = tierReached(m.target->tiers, g.targetAmount);
            g.reward = g.tier > 0 ? m.target->tiers[g.tier - 1].reward : 0;
            if (g.tier < m.target->tiers.size())
                g.toNextTier = m.target->tiers[g.tier].threshold - g.targetAmount;
        }
        m.guides.append(g);
    }
    return m;
}

} // namespace pos
