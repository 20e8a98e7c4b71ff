#include "policy.h"

#include "core/json/jsonreader.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <array>

namespace pos::attribution {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr std::array<std::string_view, bindSourceCount> sourceKeys = {
    "register", "order", "stored_value", "coupon", "browse", "wecom_friend", "assign"};
constexpr std::array<std::string_view, 4> modeKeys = {"exclusive_first", "sales_first", "split", "sales_only"};

QString tr(const char *text)
{
    return QCoreApplication::translate("pos::attribution::Policy", text);
}

QString fromView(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

QString bindSourceKey(BindSource source)
{
    return fromView(sourceKeys[size_t(source)]);
}

std::optional<BindSource> bindSourceFromKey(std::string_view key)
{
    for (size_t i = 0; i < sourceKeys.size(); ++i) {
        if (sourceKeys[i] == key)
            return BindSource(i);
    }
    return std::nullopt;
}

QString creditModeKey(CreditMode mode)
{
    return fromView(modeKeys[size_t(mode)]);
}

std::optional<CreditMode> creditModeFromKey(std::string_view key)
{
    for (size_t i = 0; i < modeKeys.size(); ++i) {
        if (modeKeys[i] == key)
            return CreditMode(i);
    }
    return std::nullopt;
}

Status applyPolicyFields(Policy &policy, const json::Reader &doc, int object)
{
    using T = json::Reader::Type;
    Policy next = policy;
    auto field = [&](std::string_view name) { return doc.member(object, name); };
    auto bad = [](const char *name, const QString &why) {
        return Status::failure(tr("bad policy field \"%1\": %2").arg(QLatin1StringView(name), why));
    };
    auto readInt = [&](const char *name, int lo, int hi, int &out) -> Status {
        const int n = field(name);
        if (n < 0)
            return {};
        const auto &v = doc.node(n);
        if (v.type != T::Integer || v.integer < lo || v.integer > hi)
            return bad(name, tr("a whole number from %1 to %2").arg(lo).arg(hi));
        out = int(v.integer);
        return {};
    };
    constexpr int maxDays = 100 * 366;
    if (Status s = readInt("exclusive_share_pct", 0, 100, next.exclusiveSharePct); !s)
        return s;
    if (Status s = readInt("protection_days", 0, maxDays, next.protectionDays); !s)
        return s;
    if (Status s = readInt("click_window_hours", 0, maxDays * 24, next.clickWindowHours); !s)
        return s;
    if (const int n = field("validity_days"); n >= 0) {
        const auto &v = doc.node(n);
        if (v.type == T::Null)
            next.validityDays.reset();
        else if (v.type == T::Integer && v.integer >= 0 && v.integer <= maxDays)
            next.validityDays = int(v.integer);
        else
            return bad("validity_days", tr("null or a whole number of days"));
    }
    if (const int n = field("credit_mode"); n >= 0) {
        const auto &v = doc.node(n);
        const auto mode = v.type == T::String ? creditModeFromKey(v.text) : std::nullopt;
        if (!mode)
            return bad("credit_mode", tr("one of exclusive_first, sales_first, split, sales_only"));
        next.creditMode = *mode;
    }
    if (const int n = field("rebind_rule"); n >= 0) {
        const auto &v = doc.node(n);
        if (v.type == T::String && v.text == "earliest")
            next.rebindRule = RebindRule::Earliest;
        else if (v.type == T::String && v.text == "latest")
            next.rebindRule = RebindRule::Latest;
        else
            return bad("rebind_rule", tr("earliest or latest"));
    }
    if (const int n = field("bind_sources"); n >= 0) {
        const auto &v = doc.node(n);
        if (v.type != T::Array)
            return bad("bind_sources", tr("a list of sources"));
        quint8 bits = 0;
        for (int c = v.firstChild; c >= 0; c = doc.node(c).next) {
            const auto &item = doc.node(c);
            const auto source = item.type == T::String ? bindSourceFromKey(item.text) : std::nullopt;
            if (!source)
                return bad("bind_sources", tr("unknown source (register, order, stored_value, coupon, browse, wecom_friend, assign)"));
            bits |= quint8(1u << int(*source));
        }
        next.bindSources = bits;
    }
    if (const int n = field("tz"); n >= 0) {
        const auto &v = doc.node(n);
        const QByteArray id(v.text.data(), qsizetype(v.text.size()));
        if (v.type != T::String || !QTimeZone::isTimeZoneIdAvailable(id))
            return bad("tz", tr("an IANA time zone such as Asia/Shanghai"));
        next.timeZone = QString::fromUtf8(id);
    }
    if (const int n = field("version"); n >= 0) {
        const auto &v = doc.node(n);
        if (v.type == T::String && !v.text.empty())
            next.version = fromView(v.text);
        else if (v.type == T::Integer)
            next.version = QString::number(v.integer);
        else
            return bad("version", tr("a non-empty string or a whole number"));
    }
    policy = next;
    return {};
}

Result<Policy> policyFromJson(std::string_view text)
{
    json::Reader doc;
    if (!doc.parse(text))
        return Result<Policy>::failure(doc.error());
    if (doc.node(json::Reader::root).type != json::Reader::Type::Object)
        return Result<Policy>::failure(tr("a policy must be a JSON object"));
    Policy policy;
    if (Status s = applyPolicyFields(policy, doc, json::Reader::root); !s)
        return Result<Policy>::failure(s.error());
    return policy;
}

std::string policyToJson(const Policy &p)
{
    std::string out = "{\"version\":";
    json::appendString(out, p.version);
    out += ",\"credit_mode\":";
    json::appendString(out, modeKeys[size_t(p.creditMode)]);
    out += ",\"exclusive_share_pct\":" + std::to_string(p.exclusiveSharePct);
    out += ",\"validity_days\":" + (p.validityDays ? std::to_string(*p.validityDays) : std::string("null"));
    out += ",\"protection_days\":" + std::to_string(p.protectionDays);
    out += p.rebindRule == RebindRule::Earliest ? ",\"rebind_rule\":\"earliest\"" : ",\"rebind_rule\":\"latest\"";
    out += ",\"click_window_hours\":" + std::to_string(p.clickWindowHours);
    out += ",\"bind_sources\":[";
    bool first = true;
    for (int i = 0; i < bindSourceCount; ++i) {
        if (!p.acceptsSource(BindSource(i)))
            continue;
        if (!first)
            out += ',';
        json::appendString(out, sourceKeys[size_t(i)]);
        first = false;
    }
    out += "],\"tz\":";
    json::appendString(out, p.timeZone);
    out += '}';
    return out;
}

} // namespace pos::attribution
