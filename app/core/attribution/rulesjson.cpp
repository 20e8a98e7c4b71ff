#include "rulesjson.h"

#include "core/json/jsonreader.h"

#include <QCoreApplication>

namespace pos::attribution {

using T = json::Reader::Type;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("pos::attribution::Rules", text);
}

// A non-negative whole number member, or an error naming it.
Result<qint64> amountField(const json::Reader &doc, int object, const char *name)
{
    const int n = doc.member(object, name);
    if (n < 0)
        return Result<qint64>::failure(tr("missing field \"%1\"").arg(QLatin1StringView(name)));
    if (doc.node(n).type != T::Integer || doc.node(n).integer < 0)
        return Result<qint64>::failure(tr("field \"%1\" must be a non-negative whole number").arg(QLatin1StringView(name)));
    return doc.node(n).integer;
}

template <typename Parse>
auto parseText(std::string_view text, Parse parse) -> decltype(parse(std::declval<json::Reader &>(), 0))
{
    json::Reader doc;
    if (!doc.parse(text))
        return decltype(parse(doc, 0))::failure(doc.error());
    return parse(doc, json::Reader::root);
}

} // namespace

Result<CommissionRule> commissionRuleFromJson(const json::Reader &doc, int object)
{
    using R = Result<CommissionRule>;
    if (doc.node(object).type != T::Object)
        return R::failure(tr("a commission scheme must be a JSON object"));
    const int s = doc.member(object, "scheme");
    if (s < 0 || doc.node(s).type != T::String)
        return R::failure(tr("field \"scheme\" must be per_product, tiered or bracket"));
    CommissionRule rule;
    const std::string_view scheme = doc.node(s).text;
    if (scheme == "per_product")
        return rule;
    if (scheme == "tiered")
        rule.scheme = CommissionScheme::Tiered;
    else if (scheme == "bracket")
        rule.scheme = CommissionScheme::Bracket;
    else
        return R::failure(tr("field \"scheme\" must be per_product, tiered or bracket"));
    const int tiers = doc.member(object, "tiers");
    if (tiers < 0 || doc.node(tiers).type != T::Array)
        return R::failure(tr("a %1 commission needs \"tiers\": a list of {\"from\",\"bp\"}")
                              .arg(QString::fromUtf8(scheme.data(), qsizetype(scheme.size()))));
    for (int c = doc.node(tiers).firstChild; c >= 0; c = doc.node(c).next) {
        if (doc.node(c).type != T::Object)
            return R::failure(tr("each tier must be an object"));
        auto from = amountField(doc, c, "from");
        if (!from)
            return R::failure(from.error());
        auto bp = amountField(doc, c, "bp");
        if (!bp)
            return R::failure(bp.error());
        if (!rule.tiers.isEmpty() && *from <= rule.tiers.last().from)
            return R::failure(tr("commission tiers must be strictly ascending"));
        rule.tiers.append({*from, *bp});
    }
    return rule;
}

Result<CommissionRule> commissionRuleFromJson(std::string_view text)
{
    return parseText(text, [](const json::Reader &doc, int node) { return commissionRuleFromJson(doc, node); });
}

Result<QList<TargetTier>> targetTiersFromJson(const json::Reader &doc, int array)
{
    using R = Result<QList<TargetTier>>;
    if (array < 0 || doc.node(array).type != T::Array)
        return R::failure(tr("a target needs \"tiers\": a list of {\"threshold\",\"reward\"}"));
    QList<TargetTier> tiers;
    for (int c = doc.node(array).firstChild; c >= 0; c = doc.node(c).next) {
        if (doc.node(c).type != T::Object)
            return R::failure(tr("each tier must be an object"));
        auto threshold = amountField(doc, c, "threshold");
        if (!threshold)
            return R::failure(threshold.error());
        auto reward = amountField(doc, c, "reward");
        if (!reward)
            return R::failure(reward.error());
        if (!tiers.isEmpty() && *threshold <= tiers.last().threshold)
            return R::failure(tr("target tiers must be strictly ascending"));
        tiers.append({*threshold, *reward});
    }
    if (tiers.size() > maxTargetTiers)
        return R::failure(tr("a target has at most %1 tiers").arg(maxTargetTiers));
    return tiers;
}

Result<QList<TargetTier>> targetTiersFromJson(std::string_view text)
{
    return parseText(text, [](const json::Reader &doc, int node) { return targetTiersFromJson(doc, node); });
}

} // namespace pos::attribution
