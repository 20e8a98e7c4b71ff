#pragma once

#include "core/order.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>

namespace pos {

class Till;

// Finished sales, for the order list, reprints and refunds.
class OrderHistory
{
    Q_DECLARE_TR_FUNCTIONS(OrderHistory)
public:
    explicit OrderHistory(const Till &till) : m_till(till) {}

    Result<Order> byNumber(const QString &numberOrId) const;
    // The store's business day; today (store time) when `date` is null.
    QList<Order> byDate(QDate date = {}) const;
    int pendingForHq() const;

private:
    const Till &m_till;
};

} // namespace pos
