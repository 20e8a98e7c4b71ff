#pragma once

#include "binding.h"
#include "commission.h"
#include "credit.h"
#include "eventtime.h"
#include "leaderboard.h"
#include "policy.h"

#include "core/result.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <deque>
#include <optional>
#include <vector>

namespace pos::attribution {

// The whole attribution model over a stream of events, in memory: guides, bindings,
// clicks, orders, refunds, departures and the ledger they produce (spec §1–§8). The
// replay tool and HQ drive it event by event; it reads no clock and no database, so the
// same events always give the same ledger.
//
// Every event method either applies completely or returns a failure and changes nothing.
class Engine
{
public:
    struct Entry
    {
        int doc = 0;          // index into documents (an order or a refund)
        int order = 0;        // index into orders
        int guide = 0;        // index into guides
        CreditKind kind = CreditKind::Sales;
        qint64 amount = 0;
        Millis at = 0;
        bool refund = false;
    };

    struct OrderInput
    {
        QString id;
        Millis at = 0;
        QString atText;
        QString store;
        Channel channel = Channel::Store;
        QString customer;     // empty: none
        QString salesGuide;   // empty: none (online: clicks decide)
        qint64 amount = 0;            // Σ line amounts
        __int128 rateNumerator = 0;   // Σ line amount × commission bp

        // Adds a line; false when the amounts would overflow.
        bool addLine(qint64 lineAmount, qint64 commissionBp)
        {
            if (lineAmount < 0 || commissionBp < 0 || __builtin_add_overflow(amount, lineAmount, &amount))
                return false;
            rateNumerator += __int128(lineAmount) * commissionBp;
            return true;
        }
    };

    struct GuideSummary
    {
        QString guide;
        qint64 sales = 0;
        qint64 exclusive = 0;
        qint64 net = 0;
        qint64 orders = 0;
    };

    struct CommissionLine
    {
        QString guide;
        qint64 base = 0;
        qint64 amount = 0;
    };

    struct Target
    {
        QString id;
        Millis from = 0;
        Millis to = 0;
        Millis payoutAt = 0;
        QList<TargetTier> tiers;
    };

    struct RewardLine
    {
        QString guide;
        int tier = 0;
        qint64 amount = 0;
    };

    const Policy &policy() const { return m_policy; }
    void setPolicy(const Policy &policy) { m_policy = policy; }

    Status declareGuide(const QString &id, const QString &store, const QString &name);
    Result<BindOutcome> bind(const QString &customer, const BindEvent &event);
    Status click(const QString &customer, const QString &guide, Millis at, const QString &atText);
    // The entries the order or refund wrote (their indices into ledger()), or why it was refused.
    Result<std::pair<int, int>> order(const OrderInput &order);
    Result<std::pair<int, int>> refund(const QString &id, const QString &orderId, Millis at, const QString &atText,
                                       qint64 amount);
    Status depart(const QString &guide, const QString &heir, Millis at, const QString &atText);

    const std::vector<Entry> &ledger() const { return m_ledger; }
    const QString &guideId(int index) const { return m_guides[size_t(index)].id; }
    const QString &docId(int doc) const { return m_docs[size_t(doc)].id; }
    const QString &docAtText(int doc) const { return m_docs[size_t(doc)].atText; }
    const QString &orderId(int order) const { return m_orders[size_t(order)].id; }
    const QString &orderStore(int order) const { return m_orders[size_t(order)].store; }
    Channel orderChannel(int order) const { return m_orders[size_t(order)].channel; }
    const OrderAttribution &attribution(int order) const { return m_orders[size_t(order)].attribution; }
    int orderCount() const { return int(m_orders.size()); }
    qint64 orderAmount(int order) const { return m_orders[size_t(order)].amount; }
    qint64 orderRefunded(int order) const { return m_orders[size_t(order)].refunded; }

    // Queries over the whole ledger, days and months in the policy's time zone now.
    QList<GuideSummary> summaries() const;
    QList<CommissionLine> commission(QDate month, const CommissionRule &rule) const;
    QList<RewardLine> rewards(const Target &target) const;
    QList<LeaderboardRow> leaderboard(const QString &store, QDate day) const;

private:
    struct GuideState
    {
        QString id;
        QString store;
        QString name;
        std::optional<Millis> departedAt;
        // running summary
        qint64 sales = 0, exclusive = 0, net = 0, orders = 0;
    };
    struct Click
    {
        Millis at;
        int guide;
        QString atText;
    };
    struct Customer
    {
        std::optional<Binding> binding;
        int bindingGuide = -1; // index of binding->guide, to skip a lookup per order
        std::vector<Click> clicks;
    };
    struct OrderState
    {
        QString id;
        Millis at = 0;
        QString store;
        Channel channel = Channel::Store;
        qint64 amount = 0;
        __int128 rateNumerator = 0; // Σ line amount × bp
        qint64 refunded = 0;
        int exclusiveGuide = -1; // guide indices of E and S: exclusive credits go to E, sales to S
        int salesGuide = -1;
        OrderAttribution attribution;
    };
    struct Doc
    {
        QString id;
        QString atText;
        int order = -1; // the order's index when this document is an order
    };
    struct Recruit
    {
        int guide;
        QString customer;
        Millis at;
    };

    int guideIndex(const QString &id) const { return m_guideIndex.value(id, -1); }
    bool departed(int guide) const { return m_guides[size_t(guide)].departedAt.has_value(); }
    std::optional<Binding> activeBinding(const Customer &customer, Millis at) const;
    int post(int doc, int order, const CreditPart &part, Millis at, bool refund);
    void setBinding(Customer &customer, const Binding &binding, int guide);
    QList<int> guidesInIdOrder() const;

    Policy m_policy;
    std::vector<GuideState> m_guides;
    QHash<QString, int> m_guideIndex;
    QHash<QString, Customer> m_customers;
    // Deques: a million orders grow without being copied to a bigger block each time.
    std::deque<OrderState> m_orders;
    std::deque<Doc> m_docs;
    QSet<QString> m_stores; // one copy of each store id, shared by its orders
    QHash<QString, int> m_docIndex;   // order and refund ids share one namespace
    std::vector<Entry> m_ledger;
    std::vector<Recruit> m_recruits;
};

} // namespace pos::attribution
