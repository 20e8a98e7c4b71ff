#pragma once

#include "core/printjob.h"
#include "core/result.h"

#include <QList>

#include <optional>

namespace pos {

class Database;

// The print_jobs table. One row per original receipt or numbered copy (the table's UNIQUE key
// is kind + document + copy, so a second original can't exist). Callers wrap what must be
// atomic in a Transaction.
class PrintJobRepository
{
public:
    explicit PrintJobRepository(const Database &db) : m_db(db) {}

    Result<PrintJob> insert(const PrintJob &job);
    std::optional<PrintJob> byId(qint64 id) const;
    std::optional<PrintJob> find(PrintJobKind kind, const QString &document, int copy) const;
    int lastCopy(PrintJobKind kind, const QString &document) const;

    // The oldest job whose turn has come at `nowMs` (queued, or failed with an attempt due).
    std::optional<PrintJob> nextDue(qint64 nowMs) const;
    // When the next automatic attempt is due, if any job waits for one.
    std::optional<qint64> earliestAttempt() const;

    // Claims a job for printing until `leaseUntilMs`; false if someone else claimed it first.
    Result<bool> claim(qint64 id, qint64 leaseUntilMs);
    Status markPrinted(qint64 id, const QDateTime &at, const QString &printer);
    // Not printed: why, and when to try again by itself (null: wait for a person).
    Status markFailed(qint64 id, const QString &error, const QDateTime &nextAttempt);
    // A person asked to try again now (a failed or cancelled job).
    Status requeue(qint64 id, const QDateTime &at);
    Status cancel(qint64 id);
    // Jobs whose worker vanished mid-print (crash, power cut) become failed, waiting for a
    // person: they may be partly printed, so printing them again is someone's decision.
    Result<int> failAbandoned(qint64 nowMs, const QString &error);

    // Jobs not yet printed or cancelled, oldest first.
    QList<PrintJob> unfinished() const;
    // The latest jobs, newest first.
    QList<PrintJob> recent(int limit) const;

    static QString kindKey(PrintJobKind kind);
    static QString stateKey(PrintJobState state);

private:
    QList<PrintJob> select(const QString &where, std::initializer_list<QVariant> binds) const;
    const Database &m_db;
};

} // namespace pos
