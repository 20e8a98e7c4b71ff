#pragma once

#include "core/cart.h"
#include "core/order.h"
#include "core/result.h"
#include "core/tender.h"

#include <QCoreApplication>

namespace pos {

class Till;

struct SaleRequest
{
    Cart cart;
    QString guideId;  // the guide the cashier chose; empty for none
    QString memberId; // member code or phone; empty for a walk-in customer
    QList<TenderRequest> tenders;
    QString cashierId; // the staff member signed in; empty on a till nobody signs in to
};

// Ringing up ends here: validate everything, then commit the sale durably in one
// transaction. Nothing is written unless everything is right.
class CheckoutService
{
    Q_DECLARE_TR_FUNCTIONS(CheckoutService)
public:
    explicit CheckoutService(const Till &till) : m_till(till) {}

    // Validates the request and commits the sale; the order as stored, with its number.
    Result<Order> checkout(const SaleRequest &request) const;
    // Everything before the commit: the validated order, stamped with its id, store,
    // terminal and time, not yet numbered or stored.
    Result<Order> prepare(const SaleRequest &request) const;
    // A prepared order made durable in its own transaction (the fsync'd commit included).
    Result<Order> commit(Order prepared) const;
    // Inside the caller's transaction: attributes a prepared order, stores it and writes its
    // attribution record, ledger credits and bind event. The order as stored.
    Result<Order> storeWithinTransaction(Order order) const;

private:
    const Till &m_till;
};

} // namespace pos
