#pragma once

#include "money.h"
#include "order.h"
#include "result.h"
#include "tender.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

namespace pos {

// What the cashier asked to take back: a quantity of an order line.
struct RefundRequestLine
{
    int lineNo = 0;
    int quantity = 0;
};

struct RefundLine
{
    int lineNo = 0;
    QString sku;
    QString name;
    int quantity = 0;
    Money amount;
};

struct RefundTender
{
    int paymentIndex = 0; // which of the order's payments it goes back to
    PaymentMethod method = PaymentMethod::Cash;
    Money amount;
    QString reference;
};

// A refund worked out against its original receipt, before anything is stored.
struct RefundPlan
{
    QList<RefundLine> lines;
    QList<RefundTender> tenders;
    Money total;
};

// What was refunded of an order before (per line quantities, per payment amounts).
struct RefundHistory
{
    QHash<int, int> quantityByLine;
    QList<Money> amountByPayment; // index = the order's payment index
    Money total;
};

class RefundPlanner
{
    Q_DECLARE_TR_FUNCTIONS(RefundPlanner)
public:
    // Lines and quantities (an empty request means everything still refundable). A line's
    // refunded amount is its share of what was paid, rounded cumulatively so that taking
    // back every unit gives exactly the line amount. Money goes back to the original
    // tenders, the last one first, never more than each took. Refuses anything beyond what
    // was paid or already refunded, with the reason.
    static Result<RefundPlan> plan(const Order &order, const RefundHistory &history,
                                   const QList<RefundRequestLine> &request);
};

} // namespace pos
