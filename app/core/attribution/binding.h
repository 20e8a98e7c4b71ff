#pragma once

#include "eventtime.h"
#include "policy.h"

#include <QString>

#include <optional>

namespace pos::attribution {

// A customer's binding to an exclusive guide, and the event that last set its time: the
// "why" of every exclusive credit (spec §1, §9).
struct Binding
{
    QString guide;
    Millis boundAt = 0;
    BindSource source = BindSource::Assign;
    QString eventAt;       // the bind event's time as written
    QString inheritedFrom; // set when a departure handed the customer over (§5)
};

// What a bind event did.
enum class BindOutcome : quint8 {
    Ignored,  // source not accepted by the policy, or the guide has departed
    Bound,    // no active binding: bound to the guide
    Renewed,  // already bound to this guide: bound_at moved to the event
    Kept,     // bound to another guide, who keeps the customer (protection or "earliest")
    Rebound,  // "latest" after protection: taken over by the event's guide
    Assigned, // an assignment, which always binds
};

struct BindEvent
{
    QString guide;
    Millis at = 0;
    BindSource source = BindSource::Assign;
    QString atText;
};

// A binding is active until its validity (the one in force now) runs out.
bool isActive(const Policy &policy, const Binding &binding, Millis at);
bool isProtected(const Policy &policy, const Binding &binding, Millis at);

// The binding as it stands at `at`: in force under the policy's validity now, and to a guide
// still employed. A departed guide's active bindings were handed over (§5); one that comes
// back to life because validity was lengthened later still never credits them.
std::optional<Binding> bindingInForce(const Policy &policy, const std::optional<Binding> &binding, Millis at,
                                      bool bindingGuideDeparted);

// Spec §1 for one bind event. current is the customer's binding, if any (active or not),
// and whether its guide has departed; eventGuideDeparted tells the same of the event's
// guide. Returns the outcome; when it is not Ignored or Kept, current is replaced by the
// new or renewed binding.
BindOutcome applyBindEvent(const Policy &policy, std::optional<Binding> &current, const BindEvent &event,
                           bool eventGuideDeparted, bool currentGuideDeparted = false);

// True when a register event with this outcome recruited the customer to its guide (§8).
inline bool recruits(BindOutcome o)
{
    return o == BindOutcome::Bound || o == BindOutcome::Renewed || o == BindOutcome::Rebound;
}

} // namespace pos::attribution
