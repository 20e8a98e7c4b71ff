#include "replay.h"

#include "rulesjson.h"

#include <QCoreApplication>

namespace pos::attribution {

using T = json::Reader::Type;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("pos::attribution::Replay", text);
}

QString fromView(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

void appendField(std::string &out, std::string_view name, const QString &value)
{
    out += ",\"";
    out += name;
    out += "\":";
    json::appendString(out, value);
}

void appendField(std::string &out, std::string_view name, qint64 value)
{
    out += ",\"";
    out += name;
    out += "\":";
    out += std::to_string(value);
}

// Typed access to the members of one event object, with the error wording in one place.
class Fields
{
public:
    Fields(const json::Reader &doc, int object) : m_doc(doc), m_object(object) {}

    Result<QString> string(const char *name) const
    {
        const int n = m_doc.member(m_object, name);
        if (n < 0)
            return Result<QString>::failure(tr("missing field \"%1\"").arg(QLatin1StringView(name)));
        if (m_doc.node(n).type != T::String)
            return Result<QString>::failure(tr("field \"%1\" must be a string").arg(QLatin1StringView(name)));
        return fromView(m_doc.node(n).text);
    }
    // A string member as the raw UTF-8 (for keywords), or nullopt when missing or not a string.
    std::optional<std::string_view> keyword(const char *name) const
    {
        const int n = m_doc.member(m_object, name);
        if (n < 0 || m_doc.node(n).type != T::String)
            return std::nullopt;
        return m_doc.node(n).text;
    }
    // Absent or null → empty.
    Result<QString> optionalString(const char *name) const
    {
        const int n = m_doc.member(m_object, name);
        if (n < 0 || m_doc.node(n).type == T::Null)
            return QString();
        return string(name);
    }
    Result<qint64> amount(const char *name, bool optional = false) const
    {
        const int n = m_doc.member(m_object, name);
        if (n < 0) {
            if (optional)
                return qint64(0);
            return Result<qint64>::failure(tr("missing field \"%1\"").arg(QLatin1StringView(name)));
        }
        const auto &v = m_doc.node(n);
        if (v.type != T::Integer || v.integer < 0)
            return Result<qint64>::failure(tr("field \"%1\" must be a non-negative whole number").arg(QLatin1StringView(name)));
        return v.integer;
    }
    Result<Millis> time(const char *name) const
    {
        const int n = m_doc.member(m_object, name);
        if (n < 0)
            return Result<Millis>::failure(tr("missing field \"%1\"").arg(QLatin1StringView(name)));
        const auto &v = m_doc.node(n);
        const auto t = v.type == T::String ? parseEventTime(v.text) : std::nullopt;
        if (!t)
            return Result<Millis>::failure(tr("field \"%1\" must be an ISO 8601 time with an offset, like 2026-11-01T10:00:00+08:00")
                                               .arg(QLatin1StringView(name)));
        return *t;
    }
    int array(const char *name) const
    {
        const int n = m_doc.member(m_object, name);
        return n >= 0 && m_doc.node(n).type == T::Array ? n : -1;
    }

private:
    const json::Reader &m_doc;
    int m_object;
};

#define POS_TRY(var, expr)                                \
    auto var = (expr);                                    \
    if (!var)                                             \
        return Status::failure(var.error())

} // namespace

void Replay::feed(std::string_view line, int number, std::string &out)
{
    const bool blank = line.find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (blank)
        return;
    Status status;
    if (!m_doc.parse(line))
        status = Status::failure(m_doc.error());
    else if (m_doc.node(json::Reader::root).type != T::Object)
        status = Status::failure(tr("a line must be a JSON object"));
    else
        status = apply(json::Reader::root, out);
    if (!status) {
        ++m_errors;
        out += "{\"type\":\"error\"";
        appendField(out, "line", qint64(number));
        appendField(out, "message", status.error());
        out += "}\n";
    }
}

Status Replay::apply(int object, std::string &out)
{
    const Fields f(m_doc, object);
    const auto type = f.keyword("type");
    if (!type)
        return Status::failure(f.string("type").error());
    const std::string_view t = *type;
    if (t == "policy")
        return applyPolicy(object);
    if (t == "guide")
        return applyGuide(object);
    if (t == "commission")
        return askCommission(object);
    if (t == "target")
        return askTarget(object);
    if (t == "leaderboard")
        return askLeaderboard(object);

    using Apply = Status (Replay::*)(int, Millis, const QString &, std::string &);
    Apply timed = nullptr;
    if (t == "bind")
        timed = &Replay::applyBind;
    else if (t == "click")
        timed = &Replay::applyClick;
    else if (t == "order")
        timed = &Replay::applyOrder;
    else if (t == "refund")
        timed = &Replay::applyRefund;
    else if (t == "depart")
        timed = &Replay::applyDepart;
    else
        return Status::failure(tr("unknown type \"%1\"").arg(fromView(t)));

    POS_TRY(at, f.time("at"));
    const QString atText = fromView(*f.keyword("at"));
    if (m_lastAt && *at < *m_lastAt)
        return Status::failure(tr("time %1 is earlier than the line before").arg(atText));
    if (Status s = (this->*timed)(object, *at, atText, out); !s)
        return s;
    m_lastAt = *at;
    return {};
}

Status Replay::applyPolicy(int object)
{
    Policy next = m_engine.policy();
    if (Status s = applyPolicyFields(next, m_doc, object); !s)
        return s;
    ++m_policyLines;
    if (m_doc.member(object, "version") < 0)
        next.version = QString::number(m_policyLines);
    m_engine.setPolicy(next);
    return {};
}

Status Replay::applyGuide(int object)
{
    const Fields f(m_doc, object);
    POS_TRY(id, f.string("id"));
    POS_TRY(store, f.string("store"));
    POS_TRY(name, f.optionalString("name"));
    return m_engine.declareGuide(*id, *store, *name);
}

Status Replay::applyBind(int object, Millis at, const QString &atText, std::string & /*writes nothing*/)
{
    const Fields f(m_doc, object);
    POS_TRY(customer, f.string("customer"));
    POS_TRY(guide, f.string("guide"));
    POS_TRY(sourceKey, f.string("source"));
    const auto source = bindSourceFromKey(*f.keyword("source"));
    if (!source)
        return Status::failure(tr("unknown bind source \"%1\"").arg(*sourceKey));
    const auto outcome = m_engine.bind(*customer, {*guide, at, *source, atText});
    return outcome ? Status() : Status::failure(outcome.error());
}

Status Replay::applyClick(int object, Millis at, const QString &atText, std::string & /*writes nothing*/)
{
    const Fields f(m_doc, object);
    POS_TRY(customer, f.string("customer"));
    POS_TRY(guide, f.string("guide"));
    return m_engine.click(*customer, *guide, at, atText);
}

Status Replay::applyOrder(int object, Millis at, const QString &atText, std::string &out)
{
    const Fields f(m_doc, object);
    Engine::OrderInput order;
    order.at = at;
    order.atText = atText;
    POS_TRY(id, f.string("id"));
    POS_TRY(store, f.string("store"));
    POS_TRY(channel, f.string("channel"));
    POS_TRY(customer, f.optionalString("customer"));
    POS_TRY(salesGuide, f.optionalString("sales_guide"));
    if (*f.keyword("channel") == "store")
        order.channel = Channel::Store;
    else if (*f.keyword("channel") == "online")
        order.channel = Channel::Online;
    else
        return Status::failure(tr("field \"channel\" must be \"store\" or \"online\""));
    const int lines = f.array("lines");
    if (lines < 0)
        return Status::failure(tr("field \"lines\" must be a list of lines"));
    for (int c = m_doc.node(lines).firstChild; c >= 0; c = m_doc.node(c).next) {
        if (m_doc.node(c).type != T::Object)
            return Status::failure(tr("each of \"lines\" must be an object"));
        const Fields line(m_doc, c);
        if (!line.keyword("sku"))
            return Status::failure(line.string("sku").error());
        POS_TRY(amount, line.amount("amount"));
        POS_TRY(bp, line.amount("commission_bp", true));
        if (!order.addLine(*amount, *bp))
            return Status::failure(tr("the order's amount is too large"));
    }
    order.id = *id;
    order.store = *store;
    order.customer = *customer;
    order.salesGuide = *salesGuide;
    const auto posted = m_engine.order(order);
    if (!posted)
        return Status::failure(posted.error());
    writeCredits(*posted, out);
    return {};
}

Status Replay::applyRefund(int object, Millis at, const QString &atText, std::string &out)
{
    const Fields f(m_doc, object);
    POS_TRY(id, f.string("id"));
    POS_TRY(order, f.string("order"));
    POS_TRY(amount, f.amount("amount"));
    const auto posted = m_engine.refund(*id, *order, at, atText, *amount);
    if (!posted)
        return Status::failure(posted.error());
    writeCredits(*posted, out);
    return {};
}

Status Replay::applyDepart(int object, Millis at, const QString &atText, std::string & /*writes nothing*/)
{
    const Fields f(m_doc, object);
    POS_TRY(guide, f.string("guide"));
    POS_TRY(heir, f.optionalString("heir"));
    return m_engine.depart(*guide, *heir, at, atText);
}

Status Replay::askCommission(int object)
{
    const Fields f(m_doc, object);
    POS_TRY(period, f.string("period"));
    const auto month = parseMonth(*f.keyword("period"));
    if (!month)
        return Status::failure(tr("field \"period\" must be a month like 2026-11"));
    POS_TRY(rule, commissionRuleFromJson(m_doc, object));
    m_questions.push_back({Question::Commission, *period, *month, *rule, {}, {}});
    return {};
}

Status Replay::askTarget(int object)
{
    const Fields f(m_doc, object);
    POS_TRY(id, f.string("id"));
    POS_TRY(from, f.time("from"));
    POS_TRY(to, f.time("to"));
    POS_TRY(payout, f.time("payout_at"));
    POS_TRY(tiers, targetTiersFromJson(m_doc, m_doc.member(object, "tiers")));
    m_questions.push_back({Question::Target, {}, {}, {}, Engine::Target{*id, *from, *to, *payout, *tiers}, {}});
    return {};
}

Status Replay::askLeaderboard(int object)
{
    const Fields f(m_doc, object);
    POS_TRY(store, f.string("store"));
    POS_TRY(date, f.string("date"));
    const auto day = parseDay(date->toStdString());
    if (!day)
        return Status::failure(tr("field \"date\" must be a day like 2026-11-01"));
    m_questions.push_back({Question::Leaderboard, *date, *day, {}, {}, *store});
    return {};
}

void Replay::writeCredits(std::pair<int, int> range, std::string &out) const
{
    for (int i = range.first; i < range.second; ++i) {
        const Engine::Entry &e = m_engine.ledger()[size_t(i)];
        out += "{\"type\":\"credit\"";
        appendField(out, "doc", m_engine.docId(e.doc));
        appendField(out, "order", m_engine.orderId(e.order));
        appendField(out, "guide", m_engine.guideId(e.guide));
        out += e.kind == CreditKind::Sales ? ",\"kind\":\"sales\"" : ",\"kind\":\"exclusive\"";
        appendField(out, "amount", e.amount);
        appendField(out, "at", m_engine.docAtText(e.doc));
        out += m_engine.orderChannel(e.order) == Channel::Store ? ",\"channel\":\"store\"" : ",\"channel\":\"online\"";
        appendField(out, "store", m_engine.orderStore(e.order));
        if (m_explain) {
            const CreditPart part{m_engine.guideId(e.guide), e.kind, e.amount};
            appendField(out, "why", explainCredit(m_engine.attribution(e.order), part, e.refund));
        }
        out += "}\n";
    }
}

void Replay::finish(std::string &out)
{
    for (const Engine::GuideSummary &s : m_engine.summaries()) {
        out += "{\"type\":\"summary\"";
        appendField(out, "guide", s.guide);
        appendField(out, "sales", s.sales);
        appendField(out, "exclusive", s.exclusive);
        appendField(out, "net", s.net);
        appendField(out, "orders", s.orders);
        out += "}\n";
    }
    for (const Question &q : m_questions) {
        switch (q.kind) {
        case Question::Commission:
            for (const Engine::CommissionLine &c : m_engine.commission(q.date, q.rule)) {
                out += "{\"type\":\"commission\"";
                appendField(out, "guide", c.guide);
                appendField(out, "period", q.text);
                appendField(out, "base", c.base);
                appendField(out, "amount", c.amount);
                out += "}\n";
            }
            break;
        case Question::Target:
            for (const Engine::RewardLine &r : m_engine.rewards(q.target)) {
                out += "{\"type\":\"reward\"";
                appendField(out, "guide", r.guide);
                appendField(out, "target", q.target.id);
                appendField(out, "tier", qint64(r.tier));
                appendField(out, "amount", r.amount);
                out += "}\n";
            }
            break;
        case Question::Leaderboard:
            for (const LeaderboardRow &row : m_engine.leaderboard(q.store, q.date)) {
                out += "{\"type\":\"leaderboard\"";
                appendField(out, "store", q.store);
                appendField(out, "date", q.text);
                appendField(out, "rank", qint64(row.rank));
                appendField(out, "guide", row.guide);
                appendField(out, "store_amount", row.storeAmount);
                appendField(out, "online_amount", row.onlineAmount);
                appendField(out, "total", row.total);
                appendField(out, "orders", row.orders);
                appendField(out, "members", row.members);
                appendField(out, "delta", row.delta);
                out += "}\n";
            }
            break;
        }
    }
}

} // namespace pos::attribution
