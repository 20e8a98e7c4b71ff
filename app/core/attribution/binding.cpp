#include "binding.h"

namespace pos::attribution {

bool isActive(const Policy &policy, const Binding &binding, Millis at)
{
    return !policy.validityDays || at < binding.boundAt + Millis(*policy.validityDays) * dayMs;
}

bool isProtected(const Policy &policy, const Binding &binding, Millis at)
{
    return at < binding.boundAt + Millis(policy.protectionDays) * dayMs;
}

std::optional<Binding> bindingInForce(const Policy &policy, const std::optional<Binding> &binding, Millis at,
                                      bool bindingGuideDeparted)
{
    if (!binding || bindingGuideDeparted || !isActive(policy, *binding, at))
        return std::nullopt;
    return binding;
}

BindOutcome applyBindEvent(const Policy &policy, std::optional<Binding> &current, const BindEvent &event,
                           bool eventGuideDeparted, bool currentGuideDeparted)
{
    if (eventGuideDeparted || !policy.acceptsSource(event.source))
        return BindOutcome::Ignored;
    const Binding fresh{event.guide, event.at, event.source, event.atText, {}};
    if (event.source == BindSource::Assign) {
        current = fresh;
        return BindOutcome::Assigned;
    }
    if (!bindingInForce(policy, current, event.at, currentGuideDeparted)) {
        current = fresh;
        return BindOutcome::Bound;
    }
    if (current->guide == event.guide) {
        current = fresh;
        return BindOutcome::Renewed;
    }
    if (isProtected(policy, *current, event.at) || policy.rebindRule == RebindRule::Earliest)
        return BindOutcome::Kept;
    current = fresh;
    return BindOutcome::Rebound;
}

} // namespace pos::attribution
