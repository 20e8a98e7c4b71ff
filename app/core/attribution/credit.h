#pragma once

#include "binding.h"
#include "policy.h"

#include <QList>
#include <QString>

#include <optional>

namespace pos::attribution {

enum class CreditKind : quint8 { Sales, Exclusive }; // 销售业绩, 专属业绩
enum class Channel : quint8 { Store, Online };
QString creditKindKey(CreditKind kind);
QString channelKey(Channel channel);

// How the sales guide of an order was found (spec §2).
enum class SalesSource : quint8 { None, Chosen, Named, Click }; // Chosen at the till; Named on an online order

// One guide's share of an order or refund.
struct CreditPart
{
    QString guide;
    CreditKind kind = CreditKind::Sales;
    qint64 amount = 0;
};

// Who an order credits and why, fixed when it is paid (spec §3): later bindings, departures
// or policy changes never touch it, and its refunds follow it exactly.
struct OrderAttribution
{
    QString policyVersion;
    CreditMode mode = CreditMode::SalesFirst;
    int exclusiveSharePct = 50;
    QString exclusiveGuide;            // E at payment time; empty when none
    std::optional<Binding> binding;    // the binding that made E
    QString salesGuide;                // S; empty when none
    SalesSource salesSource = SalesSource::None;
    QString clickAt;                   // the deciding click's time, for SalesSource::Click
    int clickWindowHours = 24;
    bool twoGuideSplit = false;        // split between E ≠ S: refunds round cumulatively
    QList<CreditPart> recipients;      // who shares (amount unused), E first
    QList<CreditPart> parts;           // the non-zero credits of the order, E first
};

// Spec §3. E and S are guide ids (empty: none).
OrderAttribution attributeOrder(const Policy &policy, const QString &exclusiveGuide,
                                const std::optional<Binding> &binding, const QString &salesGuide,
                                SalesSource salesSource, qint64 amount);

// Spec §4: the reversing (negative, non-zero) parts of a refund of `refund` fen, after
// `refundedBefore` fen of earlier refunds of the same order.
QList<CreditPart> refundParts(const OrderAttribution &attribution, qint64 refundedBefore, qint64 refund);

// How an explanation is worded: Canonical is the spec's English, the same on every machine
// (replay output, HQ); Local is in the language the till runs in, for the people at the till.
enum class Wording : quint8 { Canonical, Local };

// Spec §9: one sentence on why this guide got this part of the order (or of a refund of it).
QString explainCredit(const OrderAttribution &attribution, const CreditPart &part, bool isRefund,
                      Wording wording = Wording::Canonical);
// A refund's reversal explained by the explanation of the order's credit it reverses.
QString explainRefund(const QString &orderCreditWhy, Wording wording = Wording::Canonical);

} // namespace pos::attribution
