#pragma once

#include <QCoreApplication>
#include <QJsonObject>

#include <optional>

namespace pos::hq {

// What HQ will not take from a till, whatever its signature: an enrolled till may be a
// stolen or tampered one, so a sale or a refund must hold together on its own before HQ
// stores it — whole, non-negative fen that add up, a store channel, dates that are dates and
// near the event's time, a refund of a real order for no more than is left of it. Each check
// says why it refuses (the till parks the event and shows that), or "" when the event may be
// stored. No database here: what HQ knows comes in as arguments.
class IngestCheck
{
    Q_DECLARE_TR_FUNCTIONS(IngestCheck)
public:
    // The most one document may move: ¥10 billion. Beyond it a figure is a forgery or a fault.
    static constexpr qint64 maxFen = 1'000'000'000'000LL;

    // The envelope every event has: its till-minted time.
    static QString envelope(const QJsonObject &event);
    // An order.paid payload.
    static QString order(const QJsonObject &payload, const QJsonObject &event);
    // An order.refunded payload; `left` is what HQ has of the refunded order of the signer's
    // store not yet refunded (nothing when HQ has no such order).
    static QString refund(const QJsonObject &payload, const QJsonObject &event, std::optional<qint64> left);
};

} // namespace pos::hq
