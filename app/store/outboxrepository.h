#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace pos {

class Database;

// An event waiting for HQ: written in the same transaction as what it reports.
struct OutboxEvent
{
    QString id; // minted on the till; HQ keeps it UNIQUE
    QString topic;
    QString ref;
    QString createdAt;
    QJsonObject payload;
    int attempts = 0;
    QString lastError;
    QString parkedAt;
};

struct OutboxCounts
{
    int pending = 0;       // not yet acknowledged by HQ, not parked
    int parked = 0;        // rejected by HQ as invalid: waiting for a person
    QString oldestPending; // created_at of the oldest pending one
};

class OutboxRepository
{
public:
    explicit OutboxRepository(const Database &db) : m_db(db) {}

    // A new event for HQ, with a till-minted id; written in the caller's transaction.
    Status add(const QString &topic, const QString &ref, const QJsonObject &payload, const QString &createdAt) const;
    // The same with the payload already written as JSON text (a sale's, inside its commit), and
    // the event's id when it has its own (a refund's is the refund's id).
    Status addJson(const QString &topic, const QString &ref, const QByteArray &payload, const QString &createdAt,
                   const QString &id = {}) const;

    // The oldest pending events, in the order they were written.
    QList<OutboxEvent> pending(int limit) const;
    QList<OutboxEvent> parked() const;
    OutboxCounts counts() const;

    // HQ has them (accepted or duplicate): never sent again.
    Status markSent(const QStringList &ids, const QString &at) const;
    // HQ refused it as invalid: kept, shown, and left out of the queue until a person acts.
    Status park(const QString &id, const QString &why, const QString &at) const;
    // Back into the queue (after HQ was fixed, say).
    Status unpark(const QString &id) const;
    // A try that got no acknowledgement: counted, with the reason.
    Status noteAttempt(const QStringList &ids, const QString &why) const;

private:
    const Database &m_db;
};

} // namespace pos
