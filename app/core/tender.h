#pragma once

#include "money.h"
#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace pos {

// How the customer pays. Card and wallet payments happen on a terminal or gateway outside
// the till; the till records them with their reference number.
enum class PaymentMethod { Cash, Card, WeChat, Alipay };

QString methodKey(PaymentMethod method); // "cash", "card", "wechat", "alipay"
std::optional<PaymentMethod> methodFromKey(QStringView key);
QString methodLabel(PaymentMethod method); // translated, for screens and receipts

// What the cashier entered. No amount means "whatever is still due".
struct TenderRequest
{
    PaymentMethod method = PaymentMethod::Cash;
    std::optional<Money> amount;
    QString reference;
};

// One tender as recorded: what was handed over and what of it pays the order.
struct AppliedTender
{
    PaymentMethod method = PaymentMethod::Cash;
    Money tendered;
    Money applied; // tendered minus the change it gave (cash only)
    QString reference;
};

struct Settlement
{
    QList<AppliedTender> tenders;
    Money due;
    Money tendered;
    Money change;
};

class Tendering
{
    Q_DECLARE_TR_FUNCTIONS(Tendering)
public:
    // A payment reference (card slip, payment code) is at most this long once trimmed, and
    // holds no control or format character (ESC, GS, a line break, a bidi override…): it is
    // stored, printed on the receipt and sent to HQ exactly as accepted, so one that isn't
    // plain text is refused rather than quietly changed.
    static constexpr qsizetype maxReferenceLength = 64;

    // Checks a payment plan against the amount due: every tender positive, its reference
    // plain text (above), non-cash tenders never beyond what is due (only cash gives change),
    // nothing short. Requests without an
    // amount take what is still due at their turn.
    static Result<Settlement> settle(Money due, const QList<TenderRequest> &requests);
    // The same rules except the last, for tenders still being collected: they may not cover
    // it all yet. The result's `tendered` says how much they do; no change is worked out.
    static Result<Settlement> checkPartial(Money due, const QList<TenderRequest> &requests);

    // Banknote amounts a cashier is likely to be handed for `due`: exact first, then the
    // next round 10/50/100 and common notes, ascending, at most `count`.
    static QList<Money> quickCashAmounts(Money due, int count = 4);

private:
    static Result<Settlement> completeChange(Settlement s);
};

} // namespace pos
