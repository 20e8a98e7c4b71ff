#include "orderhistory.h"

#include "till.h"

#include "core/showninput.h"
#include "store/orderrepository.h"

namespace pos {

Result<Order> OrderHistory::byNumber(const QString &numberOrId) const
{
    auto order = OrderRepository(m_till.database()).findByNumber(numberOrId);
    if (!order)
        return Result<Order>::failure(tr("No order %1 on this till.").arg(shownInput(numberOrId)));
    order->paidAt = order->paidAt.toTimeZone(m_till.timeZone());
    return *order;
}

QList<Order> OrderHistory::byDate(QDate date) const
{
    const QDate day = date.isValid() ? date : m_till.now().date();
    QList<Order> orders = OrderRepository(m_till.database()).listByBusinessDate(day.toString(Qt::ISODate));
    for (Order &o : orders)
        o.paidAt = o.paidAt.toTimeZone(m_till.timeZone());
    return orders;
}

int OrderHistory::pendingForHq() const
{
    return OrderRepository(m_till.database()).pendingOutboxCount();
}

} // namespace pos
