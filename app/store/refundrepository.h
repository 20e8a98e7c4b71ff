#pragma once

#include "core/attribution/credit.h"

#include "core/refund.h"
#include "core/result.h"

#include <QDateTime>

#include <optional>

namespace pos {

class Database;

// A stored refund: the document that takes money and credit back from one order.
struct Refund
{
    QString id;     // UUID minted on the till
    QString number; // <store>-<terminal>-R<sequence>
    QString orderId;
    QString orderNumber;
    QDateTime refundedAt;
    QString businessDate;
    RefundPlan plan;
    QList<attribution::CreditPart> credits; // the reversals of the order's credits (negative)
};

class RefundRepository
{
public:
    explicit RefundRepository(const Database &db) : m_db(db) {}

    RefundHistory history(const QString &orderId) const;
    // A stored refund by its number (for its receipt), lines named as on the order.
    std::optional<Refund> byNumber(const QString &number) const;
    // Inside the caller's transaction: mints the number, writes the refund, its lines and
    // payments and its outbox event. Returns the refund as stored.
    Result<Refund> insertWithinTransaction(Refund refund, const QString &storeId, const QString &terminalId);

private:
    const Database &m_db;
};

} // namespace pos
