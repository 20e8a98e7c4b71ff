#pragma once

#include "core/order.h"
#include "core/result.h"

#include <QList>
#include <optional>

namespace pos {

class Database;

class OrderRepository
{
public:
    explicit OrderRepository(const Database &db) : m_db(db) {}

    // The durable commit of a sale, in one transaction: mints the terminal's next sequence
    // and the order number, writes the order, its lines and payments, and its outbox event
    // for HQ. On any failure nothing is written. Returns the order as stored.
    Result<Order> commit(Order order);

    // The same rows without a transaction of its own, for bulk loads that batch many orders.
    Result<Order> insertWithinTransaction(Order order);

    std::optional<Order> findByNumber(const QString &number) const; // number or id
    QList<Order> listByBusinessDate(const QString &date) const;
    int count() const;
    int pendingOutboxCount() const;

    static QString formatNumber(const QString &store, const QString &terminal, qint64 sequence);

private:
    std::optional<Order> load(const QString &whereColumn, const QString &value) const;
    const Database &m_db;
};

} // namespace pos
