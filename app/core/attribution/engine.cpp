#include "engine.h"

#include <QCoreApplication>
#include <QSet>
#include <QTimeZone>

#include <algorithm>

namespace pos::attribution {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("pos::attribution::Engine", text);
}

} // namespace

Status Engine::declareGuide(const QString &id, const QString &store, const QString &name)
{
    if (id.isEmpty())
        return Status::failure(tr("a guide needs an id"));
    if (const int g = guideIndex(id); g >= 0) {
        m_guides[size_t(g)].store = store;
        m_guides[size_t(g)].name = name;
        return {};
    }
    m_guideIndex.insert(id, int(m_guides.size()));
    m_guides.push_back({id, store, name, std::nullopt});
    return {};
}

std::optional<Binding> Engine::activeBinding(const Customer &customer, Millis at) const
{
    return bindingInForce(m_policy, customer.binding, at, customer.binding && departed(customer.bindingGuide));
}

void Engine::setBinding(Customer &customer, const Binding &binding, int guide)
{
    customer.binding = binding;
    customer.bindingGuide = guide;
}

Result<BindOutcome> Engine::bind(const QString &customerId, const BindEvent &event)
{
    const int g = guideIndex(event.guide);
    if (g < 0)
        return Result<BindOutcome>::failure(tr("unknown guide \"%1\"").arg(event.guide));
    if (customerId.isEmpty())
        return Result<BindOutcome>::failure(tr("a bind event needs a customer"));
    Customer &customer = m_customers[customerId];
    std::optional<Binding> current = customer.binding;
    const BindOutcome outcome = applyBindEvent(m_policy, current, event, departed(g),
                                               customer.binding && departed(customer.bindingGuide));
    if (outcome != BindOutcome::Ignored && outcome != BindOutcome::Kept)
        setBinding(customer, *current, g);
    if (event.source == BindSource::Register && recruits(outcome))
        m_recruits.push_back({g, customerId, event.at});
    return outcome;
}

Status Engine::click(const QString &customer, const QString &guide, Millis at, const QString &atText)
{
    const int g = guideIndex(guide);
    if (g < 0)
        return Status::failure(tr("unknown guide \"%1\"").arg(guide));
    if (customer.isEmpty())
        return Status::failure(tr("a click needs a customer"));
    m_customers[customer].clicks.push_back({at, g, atText});
    return {};
}

int Engine::post(int doc, int order, const CreditPart &part, Millis at, bool refund)
{
    const OrderState &o = m_orders[size_t(order)];
    const int g = part.kind == CreditKind::Exclusive ? o.exclusiveGuide : o.salesGuide;
    m_ledger.push_back({doc, order, g, part.kind, part.amount, at, refund});
    GuideState &guide = m_guides[size_t(g)];
    guide.net += part.amount;
    if (!refund) {
        (part.kind == CreditKind::Sales ? guide.sales : guide.exclusive) += part.amount;
        ++guide.orders;
    }
    return int(m_ledger.size() - 1);
}

Result<std::pair<int, int>> Engine::order(const OrderInput &in)
{
    using R = Result<std::pair<int, int>>;
    if (in.id.isEmpty())
        return R::failure(tr("an order needs an id"));
    QString salesGuide = in.salesGuide;
    SalesSource salesSource = SalesSource::None;
    QString clickAt;
    int s = -1;
    int e = -1;
    if (!salesGuide.isEmpty()) {
        s = guideIndex(salesGuide);
        if (s < 0)
            return R::failure(tr("unknown guide \"%1\"").arg(salesGuide));
        if (departed(s))
            return R::failure(tr("guide \"%1\" has departed and can't be named on an order").arg(salesGuide));
        salesSource = in.channel == Channel::Store ? SalesSource::Chosen : SalesSource::Named;
    }
    std::optional<Binding> binding;
    if (!in.customer.isEmpty()) {
        const auto it = m_customers.constFind(in.customer);
        if (it != m_customers.constEnd()) {
            binding = activeBinding(*it, in.at);
            if (binding)
                e = it->bindingGuide;
            if (salesGuide.isEmpty() && in.channel == Channel::Online) {
                const Millis earliest = in.at - Millis(m_policy.clickWindowHours) * hourMs;
                for (auto c = it->clicks.rbegin(); c != it->clicks.rend() && c->at >= earliest; ++c) {
                    if (c->at > in.at || departed(c->guide))
                        continue;
                    salesGuide = m_guides[size_t(c->guide)].id;
                    s = c->guide;
                    salesSource = SalesSource::Click;
                    clickAt = c->atText;
                    break;
                }
            }
        }
    }

    // Claim the id last, once nothing else can refuse the order: one hash lookup, not two.
    const int doc = int(m_docs.size());
    const qsizetype idsBefore = m_docIndex.size();
    int &docSlot = m_docIndex[in.id];
    if (m_docIndex.size() == idsBefore)
        return R::failure(tr("the id \"%1\" is already used by another order or refund").arg(in.id));
    docSlot = doc;

    auto store = m_stores.constFind(in.store);
    if (store == m_stores.constEnd())
        store = m_stores.insert(in.store);
    if (s >= 0)
        salesGuide = m_guides[size_t(s)].id; // shared, not a copy per order
    OrderState state;
    state.id = in.id;
    state.at = in.at;
    state.store = *store;
    state.channel = in.channel;
    state.amount = in.amount;
    state.rateNumerator = in.rateNumerator;
    state.exclusiveGuide = e;
    state.salesGuide = s;
    state.attribution = attributeOrder(m_policy, binding ? binding->guide : QString(), binding, salesGuide,
                                       salesSource, in.amount);
    state.attribution.clickAt = clickAt;

    const int orderIndex = int(m_orders.size());
    m_docs.push_back({in.id, in.atText, orderIndex});
    m_orders.push_back(std::move(state));
    const int first = int(m_ledger.size());
    for (const CreditPart &part : m_orders.back().attribution.parts)
        post(doc, orderIndex, part, in.at, false);
    return std::pair{first, int(m_ledger.size())};
}

Result<std::pair<int, int>> Engine::refund(const QString &id, const QString &orderId, Millis at,
                                           const QString &atText, qint64 amount)
{
    using R = Result<std::pair<int, int>>;
    if (id.isEmpty())
        return R::failure(tr("a refund needs an id"));
    if (m_docIndex.contains(id))
        return R::failure(tr("the id \"%1\" is already used by another order or refund").arg(id));
    const int orderDoc = m_docIndex.value(orderId, -1);
    const int o = orderDoc < 0 ? -1 : m_docs[size_t(orderDoc)].order;
    if (o < 0)
        return R::failure(tr("unknown order \"%1\"").arg(orderId));
    OrderState &order = m_orders[size_t(o)];
    if (amount < 0)
        return R::failure(tr("a refund amount can't be negative"));
    if (amount > order.amount - order.refunded)
        return R::failure(tr("refund of %1 fen exceeds what is left of order %2 (%3 of %4 fen already refunded)")
                              .arg(amount).arg(orderId).arg(order.refunded).arg(order.amount));
    const QList<CreditPart> parts = refundParts(order.attribution, order.refunded, amount);
    order.refunded += amount;
    const int doc = int(m_docs.size());
    m_docs.push_back({id, atText, -1});
    m_docIndex.insert(id, doc);
    const int first = int(m_ledger.size());
    for (const CreditPart &part : parts)
        post(doc, o, part, at, true);
    return std::pair{first, int(m_ledger.size())};
}

Status Engine::depart(const QString &guide, const QString &heir, Millis at, const QString &atText)
{
    const int d = guideIndex(guide);
    if (d < 0)
        return Status::failure(tr("unknown guide \"%1\"").arg(guide));
    if (departed(d))
        return Status::failure(tr("guide \"%1\" has already departed").arg(guide));
    if (heir.isEmpty())
        return Status::failure(tr("a departure needs an heir"));
    const int h = guideIndex(heir);
    if (h < 0)
        return Status::failure(tr("unknown guide \"%1\"").arg(heir));
    if (h == d)
        return Status::failure(tr("a guide can't be their own heir"));
    if (departed(h))
        return Status::failure(tr("the heir \"%1\" has departed").arg(heir));
    for (Customer &customer : m_customers) {
        if (customer.binding && customer.binding->guide == guide && isActive(m_policy, *customer.binding, at)) {
            Binding handed = *customer.binding;
            handed.guide = heir;
            handed.boundAt = at;
            handed.eventAt = atText;
            handed.inheritedFrom = guide;
            setBinding(customer, handed, h);
        }
    }
    m_guides[size_t(d)].departedAt = at;
    return {};
}

QList<int> Engine::guidesInIdOrder() const
{
    QList<int> order(qsizetype(m_guides.size()));
    for (qsizetype i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::sort(order.begin(), order.end(), [this](int a, int b) { return idLess(guideId(a), guideId(b)); });
    return order;
}

QList<Engine::GuideSummary> Engine::summaries() const
{
    QList<GuideSummary> out;
    for (int g : guidesInIdOrder()) {
        const GuideState &s = m_guides[size_t(g)];
        out.append({s.id, s.sales, s.exclusive, s.net, s.orders});
    }
    return out;
}

QList<Engine::CommissionLine> Engine::commission(QDate month, const CommissionRule &rule) const
{
    const LocalCalendar calendar{QTimeZone(m_policy.timeZone.toUtf8())};
    const qint64 firstDay = LocalCalendar::dayNumber(month);
    const qint64 endDay = LocalCalendar::dayNumber(month.addMonths(1));
    std::vector<qint64> base(m_guides.size(), 0);
    std::vector<CommissionBase> perProduct(m_guides.size());
    for (const Entry &e : m_ledger) {
        const qint64 day = calendar.dayOf(e.at);
        if (day < firstDay || day >= endDay)
            continue;
        base[size_t(e.guide)] += e.amount;
        if (rule.scheme == CommissionScheme::PerProduct) {
            const OrderState &o = m_orders[size_t(e.order)];
            perProduct[size_t(e.guide)].add(e.amount, o.rateNumerator, o.amount);
        }
    }
    QList<CommissionLine> out;
    for (int g : guidesInIdOrder())
        out.append({guideId(g), base[size_t(g)], commissionFor(rule, base[size_t(g)], perProduct[size_t(g)])});
    return out;
}

QList<Engine::RewardLine> Engine::rewards(const Target &target) const
{
    std::vector<qint64> p(m_guides.size(), 0);
    for (const Entry &e : m_ledger) {
        const Millis paid = m_orders[size_t(e.order)].at;
        if (paid < target.from || paid >= target.to)
            continue;
        if (e.refund && e.at >= target.payoutAt)
            continue; // refunds at or after payout don't claw back
        p[size_t(e.guide)] += e.amount;
    }
    QList<RewardLine> out;
    for (int g : guidesInIdOrder()) {
        const int tier = tierReached(target.tiers, p[size_t(g)]);
        out.append({guideId(g), tier, tier > 0 ? target.tiers[tier - 1].reward : 0});
    }
    return out;
}

QList<LeaderboardRow> Engine::leaderboard(const QString &store, QDate date) const
{
    const LocalCalendar calendar{QTimeZone(m_policy.timeZone.toUtf8())};
    const qint64 day = LocalCalendar::dayNumber(date);
    QHash<int, qsizetype> rowOf;
    QList<LeaderboardRow> rows;
    for (size_t g = 0; g < m_guides.size(); ++g) {
        const GuideState &s = m_guides[g];
        if (s.store != store || (s.departedAt && calendar.dayOf(*s.departedAt) < day))
            continue;
        rowOf.insert(int(g), rows.size());
        rows.append({0, s.id, s.name});
    }
    std::vector<qint64> previous(m_guides.size(), 0);
    for (const Entry &e : m_ledger) {
        const auto it = rowOf.constFind(e.guide);
        if (it == rowOf.constEnd())
            continue;
        const qint64 d = calendar.dayOf(e.at);
        if (d == day - 1) {
            previous[size_t(e.guide)] += e.amount;
        } else if (d == day) {
            LeaderboardRow &row = rows[*it];
            (m_orders[size_t(e.order)].channel == Channel::Store ? row.storeAmount : row.onlineAmount) += e.amount;
            row.total += e.amount;
            if (!e.refund)
                ++row.orders;
        }
    }
    QHash<int, QSet<QString>> recruited;
    for (const Recruit &r : m_recruits) {
        if (rowOf.contains(r.guide) && calendar.dayOf(r.at) == day)
            recruited[r.guide].insert(r.customer);
    }
    for (auto it = rowOf.cbegin(); it != rowOf.cend(); ++it) {
        LeaderboardRow &row = rows[it.value()];
        row.members = recruited.value(it.key()).size();
        row.delta = row.total - previous[size_t(it.key())];
    }
    rankLeaderboard(rows);
    return rows;
}

} // namespace pos::attribution
