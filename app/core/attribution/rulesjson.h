#pragma once

#include "commission.h"

#include "core/result.h"

#include <string_view>

namespace pos::json { class Reader; }

namespace pos::attribution {

// The commission scheme and target tiers as JSON (spec §10), read the same way by the
// replay tool and by the till from the settings HQ sent.
//   {"scheme":"bracket","tiers":[{"from":0,"bp":100},…]}   ("per_product" takes no tiers)
Result<CommissionRule> commissionRuleFromJson(const json::Reader &doc, int object);
Result<CommissionRule> commissionRuleFromJson(std::string_view text);
//   "tiers":[{"threshold":500000,"reward":20000},…]   at most five, strictly ascending
Result<QList<TargetTier>> targetTiersFromJson(const json::Reader &doc, int array);
Result<QList<TargetTier>> targetTiersFromJson(std::string_view text);

} // namespace pos::attribution
