#pragma once

#include "core/result.h"

#include <QString>
#include <QStringView>

#include <optional>
#include <string>

namespace pos::json { class Reader; }

namespace pos::attribution {

// What created a binding to an exclusive guide (spec §1).
enum class BindSource : quint8 { Register, Order, StoredValue, Coupon, Browse, WecomFriend, Assign };
constexpr int bindSourceCount = 7;
QString bindSourceKey(BindSource source);
std::optional<BindSource> bindSourceFromKey(std::string_view key);

enum class CreditMode : quint8 { ExclusiveFirst, SalesFirst, Split, SalesOnly };
QString creditModeKey(CreditMode mode);
std::optional<CreditMode> creditModeFromKey(std::string_view key);

enum class RebindRule : quint8 { Earliest, Latest };

// The chain's attribution policy: versioned data that comes from HQ (spec §1–§3).
struct Policy
{
    QString version = QStringLiteral("0");
    CreditMode creditMode = CreditMode::SalesFirst;
    int exclusiveSharePct = 50;
    std::optional<int> validityDays; // nullopt: bindings are permanent
    int protectionDays = 7;
    RebindRule rebindRule = RebindRule::Earliest;
    int clickWindowHours = 24;
    quint8 bindSources = (1u << bindSourceCount) - 1; // bit per BindSource
    QString timeZone = QStringLiteral("Asia/Shanghai");

    bool acceptsSource(BindSource s) const { return bindSources & (1u << int(s)); }
};

// Applies the fields present in a JSON object (a policy event, or a policy stored at the
// till) to policy. A field left out keeps its value; any bad field rejects the whole update
// and leaves policy untouched.
Status applyPolicyFields(Policy &policy, const json::Reader &doc, int object);
// Reads a whole policy from its JSON text (fields left out take the defaults).
Result<Policy> policyFromJson(std::string_view text);
// The policy as one JSON object, every field present (what the till stores and syncs).
std::string policyToJson(const Policy &policy);

} // namespace pos::attribution
