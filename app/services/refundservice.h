#pragma once

#include "core/order.h"
#include "core/refund.h"
#include "core/result.h"
#include "store/refundrepository.h"

#include <QCoreApplication>

namespace pos {

class Till;

// A quantity of a product to take back, as a person names it.
struct SkuQuantity
{
    QString sku;
    int quantity = 1;
};

// Refunds against the original receipt: the lines and quantities chosen (or the whole
// order), money back to the original tenders, and the order's credit reversed with its
// original split (spec §4) — all in one transaction.
class RefundService
{
    Q_DECLARE_TR_FUNCTIONS(RefundService)
public:
    explicit RefundService(const Till &till) : m_till(till) {}

    // The order a receipt code or typed number names.
    Result<Order> findOrder(const QString &number) const;
    RefundHistory history(const Order &order) const;
    // Turns SKU quantities into line requests (a SKU on several lines fills them in order).
    Result<QList<RefundRequestLine>> linesFor(const Order &order, const QList<SkuQuantity> &wanted) const;
    Result<RefundPlan> prepare(const Order &order, const QList<RefundRequestLine> &request) const;
    // Commits the refund; an empty request refunds everything not yet refunded.
    Result<Refund> refund(const QString &orderNumber, const QList<RefundRequestLine> &request) const;

private:
    const Till &m_till;
};

} // namespace pos
