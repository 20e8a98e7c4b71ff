#pragma once

#include "core/attribution/credit.h"
#include "core/attribution/policy.h"
#include "core/order.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QDateTime>

#include <optional>

namespace pos {

class Till;

// The attribution rules (app/core/attribution) applied to the till's own data: the policy
// HQ sent, members' bindings, and the ledger written with every sale and refund.
class AttributionService
{
    Q_DECLARE_TR_FUNCTIONS(AttributionService)
public:
    explicit AttributionService(const Till &till) : m_till(till) {}

    static constexpr auto policyKey = "attribution.policy";
    attribution::Policy policy() const;
    Status setPolicy(const attribution::Policy &policy) const;

    // The member's binding if it is in force at `at` and its guide has not departed.
    std::optional<attribution::Binding> activeBinding(const QString &memberId, const QDateTime &at) const;

    // Who would be credited for a sale to this member (may be empty) chosen for this
    // guide (may be empty), of `amount` fen, if it were paid now.
    attribution::OrderAttribution preview(const QString &memberId, const QString &guideId, qint64 amount) const;

    // Inside the sale's transaction, before the order is stored: fixes its attribution
    // (order.exclusiveGuideId, policyVersion, credits).
    Result<attribution::OrderAttribution> attribute(Order &order) const;
    // Inside the same transaction, after the order is stored: its attribution record,
    // ledger credits, and the `order` bind event of a member with no binding (spec §1).
    Status record(const Order &order, const attribution::OrderAttribution &attribution) const;

    // A bind event at the till (register, assign, …), in a transaction of its own.
    Result<attribution::BindOutcome> bind(const QString &memberId, const QString &guideId,
                                          attribution::BindSource source) const;
    // The same inside a caller's transaction.
    Result<attribution::BindOutcome> bindWithinTransaction(const QString &memberId, const QString &guideId,
                                                           attribution::BindSource source, const QDateTime &at) const;

private:
    bool hasDeparted(const QString &guideId) const;
    const Till &m_till;
};

} // namespace pos
