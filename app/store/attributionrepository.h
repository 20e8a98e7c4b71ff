#pragma once

#include "core/attribution/binding.h"
#include "core/attribution/credit.h"
#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace pos {

class Database;

// One ledger row as the till stores it (spec §3: {doc, order, guide, kind, amount, at,
// channel, store}) plus the business day it falls on.
struct LedgerRow
{
    QString docId;
    QString orderId;
    QString guideId;
    attribution::CreditKind kind = attribution::CreditKind::Sales;
    qint64 amount = 0;
    QDateTime at;
    QString businessDate;
    attribution::Channel channel = attribution::Channel::Store;
    QString storeId;
    bool isRefund = false;
    QString why; // spec §9
};

// A ledger row with the receipt numbers a person recognises.
struct CreditRecord
{
    LedgerRow row;
    QString orderNumber;  // the order's number, or its id when the till does not have it
    QString refundNumber; // empty for an order's own credit
};

// An order's attribution as it was fixed when paid, with what its refunds need.
struct StoredAttribution
{
    attribution::OrderAttribution attribution;
    qint64 amount = 0;
    qint64 rateNumerator = 0; // Σ line amount × commission bp
};

// Per guide and channel: the sums of one period of the ledger.
struct GuideTotals
{
    qint64 storeAmount = 0;
    qint64 onlineAmount = 0;
    qint64 orders = 0; // order credits (not refunds)
    qint64 total() const { return storeAmount + onlineAmount; }
};

// One credit with what per_product commission needs (spec §6).
struct CommissionEntry
{
    QString guideId;
    qint64 amount = 0;
    qint64 rateNumerator = 0;
    qint64 orderAmount = 0;
};

// Bindings, bind events, order attributions and the performance ledger in SQLite.
class AttributionRepository
{
public:
    explicit AttributionRepository(const Database &db) : m_db(db) {}

    std::optional<attribution::Binding> binding(const QString &memberId) const;
    // Stores the member's current binding (and mirrors the guide on the member row).
    Status saveBinding(const QString &memberId, const attribution::Binding &binding);
    Status insertBindEvent(const QString &memberId, const attribution::BindEvent &event,
                           attribution::BindOutcome outcome, const QString &businessDate);

    Status insertOrderAttribution(const QString &orderId, const StoredAttribution &stored);
    std::optional<StoredAttribution> orderAttribution(const QString &orderId) const;
    Status insertLedger(const LedgerRow &row);
    // Why the order's own credit of this guide and kind went to them (spec §9).
    QString creditWhy(const QString &orderId, const QString &guideId, attribution::CreditKind kind) const;

    // Sums by guide for business days [fromDate, toDate] (inclusive, YYYY-MM-DD).
    QHash<QString, GuideTotals> totals(const QString &fromDate, const QString &toDate) const;
    // Distinct members recruited (register binds that bound or renewed) per guide.
    QHash<QString, qint64> recruits(const QString &fromDate, const QString &toDate) const;
    // One guide's credits and reversals on business days [fromDate, toDate], in time order.
    QList<CreditRecord> creditsOf(const QString &guideId, const QString &fromDate, const QString &toDate) const;
    QList<CommissionEntry> commissionEntries(const QString &fromDate, const QString &toDate) const;
    // Spec §7: per guide, credits of orders paid in [fromMs, toMs) and their refunds before payoutMs.
    QHash<QString, qint64> targetAmounts(qint64 fromMs, qint64 toMs, qint64 payoutMs) const;

private:
    const Database &m_db;
};

} // namespace pos
