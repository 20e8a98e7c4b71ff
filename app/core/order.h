#pragma once

#include "cart.h"
#include "money.h"
#include "tender.h"
#include "attribution/credit.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace pos {

struct OrderLine
{
    int lineNo = 0;
    QString sku;
    QString code; // as scanned
    QString name;
    int quantity = 0;
    Money unitPrice;
    Money lineDiscount;
    Money orderDiscountShare;
    Money amount; // what the customer pays for this line: gross − both discounts
    int commissionBp = 0;
};

// A paid sale. Once committed it is never changed: refunds and corrections are new records.
struct Order
{
    QString id;     // UUID (time-ordered, version 7) minted on the till
    QString number; // <store>-<terminal>-<sequence>, minted at commit
    qint64 sequence = 0;
    QString storeId;
    QString terminalId;
    QDateTime paidAt; // with the store's offset
    QString businessDate; // the store's local calendar day, YYYY-MM-DD
    QString memberId;
    QString salesGuideId;     // chosen by the cashier
    QString exclusiveGuideId; // the member's exclusive guide when paid
    QString cashierId;        // the staff member signed in at the till; empty when nobody was
    Money subtotal; // gross before any discount
    Money discount; // line + order discounts
    Money total;
    Money paid; // tendered
    Money change;
    QList<OrderLine> lines;
    QList<AppliedTender> payments;
    // Who was credited when it was paid, under which policy (fixed forever, spec §3).
    QString policyVersion;
    QList<attribution::CreditPart> credits;

    int itemCount() const;

    // Freezes a cart and its settlement into order lines; ids and numbers are filled later.
    static Order fromCart(const Cart &cart, const Settlement &settlement);
};

} // namespace pos
