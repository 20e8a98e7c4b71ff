#include "printjobrepository.h"

#include "database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

const QString columns = u"id, kind, document, copy, printer, profile, paper_mm, state, attempts, last_error, "
                        u"created_at, next_attempt_utc_ms, printed_at, printed_on"_s;

Status toStatus(const Result<QSqlQuery> &r)
{
    return r ? Status() : Status::failure(r.error(), ErrorKind::System);
}

QVariant utcMsOrNull(const QDateTime &at)
{
    return at.isValid() ? QVariant(at.toMSecsSinceEpoch()) : Database::null();
}

PrintJobState stateFromKey(const QString &key)
{
    if (key == u"printing"_s)
        return PrintJobState::Printing;
    if (key == u"printed"_s)
        return PrintJobState::Printed;
    if (key == u"failed"_s)
        return PrintJobState::Failed;
    if (key == u"cancelled"_s)
        return PrintJobState::Cancelled;
    return PrintJobState::Queued;
}

PrintJob readJob(const QSqlQuery &q)
{
    PrintJob job;
    job.id = q.value(0).toLongLong();
    const QString kind = q.value(1).toString();
    job.kind = kind == u"refund"_s   ? PrintJobKind::RefundReceipt
               : kind == u"report"_s ? PrintJobKind::DayReport
                                     : PrintJobKind::SaleReceipt;
    job.document = q.value(2).toString();
    job.copy = q.value(3).toInt();
    job.printer = {q.value(4).toString(), q.value(5).toString(), q.value(6).toInt()};
    job.state = stateFromKey(q.value(7).toString());
    job.attempts = q.value(8).toInt();
    job.lastError = q.value(9).toString();
    job.createdAt = QDateTime::fromString(q.value(10).toString(), Qt::ISODate);
    if (!q.value(11).isNull())
        job.nextAttempt = QDateTime::fromMSecsSinceEpoch(q.value(11).toLongLong(), QTimeZone::utc());
    if (!q.value(12).isNull())
        job.printedAt = QDateTime::fromString(q.value(12).toString(), Qt::ISODate);
    job.printedOn = q.value(13).toString();
    return job;
}

} // namespace

QString PrintJobRepository::kindKey(PrintJobKind kind)
{
    switch (kind) {
    case PrintJobKind::RefundReceipt: return u"refund"_s;
    case PrintJobKind::DayReport: return u"report"_s;
    case PrintJobKind::SaleReceipt: break;
    }
    return u"sale"_s;
}

QString PrintJobRepository::stateKey(PrintJobState state)
{
    switch (state) {
    case PrintJobState::Queued: return u"queued"_s;
    case PrintJobState::Printing: return u"printing"_s;
    case PrintJobState::Printed: return u"printed"_s;
    case PrintJobState::Failed: return u"failed"_s;
    case PrintJobState::Cancelled: return u"cancelled"_s;
    }
    return {};
}

QList<PrintJob> PrintJobRepository::select(const QString &where, std::initializer_list<QVariant> binds) const
{
    QList<PrintJob> jobs;
    auto q = m_db.exec(u"SELECT "_s + columns + u" FROM print_jobs "_s + where, binds);
    while (q && q->next())
        jobs.append(readJob(*q));
    return jobs;
}

Result<PrintJob> PrintJobRepository::insert(const PrintJob &job)
{
    auto q = m_db.exec(uR"(INSERT INTO print_jobs (kind, document, copy, printer, profile, paper_mm, state,
            created_at, created_utc_ms, next_attempt_utc_ms) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?) RETURNING id)"_s,
                       {kindKey(job.kind), job.document, job.copy, job.printer.uri, job.printer.profile, job.printer.paperMm,
                        job.createdAt.toString(Qt::ISODateWithMs), job.createdAt.toMSecsSinceEpoch(),
                        job.createdAt.toMSecsSinceEpoch()});
    if (!q || !q->next())
        return Result<PrintJob>::failure(q ? q->lastError().text() : q.error(), ErrorKind::System);
    const qint64 id = q->value(0).toLongLong();
    q->finish();
    auto stored = byId(id);
    return stored ? Result<PrintJob>(*stored) : Result<PrintJob>::failure(u"print job %1 vanished"_s.arg(id), ErrorKind::System);
}

std::optional<PrintJob> PrintJobRepository::byId(qint64 id) const
{
    const auto jobs = select(u"WHERE id = ?"_s, {id});
    return jobs.isEmpty() ? std::nullopt : std::optional(jobs.first());
}

std::optional<PrintJob> PrintJobRepository::find(PrintJobKind kind, const QString &document, int copy) const
{
    const auto jobs = select(u"WHERE kind = ? AND document = ? AND copy = ?"_s, {kindKey(kind), document, copy});
    return jobs.isEmpty() ? std::nullopt : std::optional(jobs.first());
}

int PrintJobRepository::lastCopy(PrintJobKind kind, const QString &document) const
{
    auto q = m_db.exec(u"SELECT MAX(copy) FROM print_jobs WHERE kind = ? AND document = ?"_s, {kindKey(kind), document});
    return q && q->next() && !q->value(0).isNull() ? q->value(0).toInt() : -1;
}

std::optional<PrintJob> PrintJobRepository::nextDue(qint64 nowMs) const
{
    const auto jobs = select(uR"(WHERE state IN ('queued', 'failed') AND next_attempt_utc_ms <= ?
                                 ORDER BY next_attempt_utc_ms, id LIMIT 1)"_s, {nowMs});
    return jobs.isEmpty() ? std::nullopt : std::optional(jobs.first());
}

std::optional<qint64> PrintJobRepository::earliestAttempt() const
{
    auto q = m_db.exec(u"SELECT MIN(next_attempt_utc_ms) FROM print_jobs WHERE state IN ('queued', 'failed')"_s);
    if (!q || !q->next() || q->value(0).isNull())
        return std::nullopt;
    return q->value(0).toLongLong();
}

Result<bool> PrintJobRepository::claim(qint64 id, qint64 leaseUntilMs)
{
    auto q = m_db.exec(uR"(UPDATE print_jobs SET state = 'printing', attempts = attempts + 1, lease_utc_ms = ?
                           WHERE id = ? AND state IN ('queued', 'failed'))"_s, {leaseUntilMs, id});
    if (!q)
        return Result<bool>::failure(q.error(), ErrorKind::System);
    return q->numRowsAffected() == 1;
}

Status PrintJobRepository::markPrinted(qint64 id, const QDateTime &at, const QString &printer)
{
    return toStatus(m_db.exec(uR"(UPDATE print_jobs SET state = 'printed', printed_at = ?, printed_on = ?,
                                  last_error = '', next_attempt_utc_ms = NULL, lease_utc_ms = NULL WHERE id = ?)"_s,
                              {at.toString(Qt::ISODateWithMs), printer, id}));
}

Status PrintJobRepository::markFailed(qint64 id, const QString &error, const QDateTime &nextAttempt)
{
    return toStatus(m_db.exec(uR"(UPDATE print_jobs SET state = 'failed', last_error = ?, next_attempt_utc_ms = ?,
                                  lease_utc_ms = NULL WHERE id = ?)"_s,
                              {error, utcMsOrNull(nextAttempt), id}));
}

Status PrintJobRepository::requeue(qint64 id, const QDateTime &at)
{
    return toStatus(m_db.exec(uR"(UPDATE print_jobs SET state = 'queued', next_attempt_utc_ms = ?
                                  WHERE id = ? AND state IN ('failed', 'cancelled'))"_s,
                              {at.toMSecsSinceEpoch(), id}));
}

Status PrintJobRepository::cancel(qint64 id)
{
    return toStatus(m_db.exec(uR"(UPDATE print_jobs SET state = 'cancelled', next_attempt_utc_ms = NULL
                                  WHERE id = ? AND state IN ('queued', 'failed'))"_s, {id}));
}

Result<int> PrintJobRepository::failAbandoned(qint64 nowMs, const QString &error)
{
    auto q = m_db.exec(uR"(UPDATE print_jobs SET state = 'failed', last_error = ?, next_attempt_utc_ms = NULL,
                           lease_utc_ms = NULL WHERE state = 'printing' AND lease_utc_ms < ?)"_s, {error, nowMs});
    if (!q)
        return Result<int>::failure(q.error(), ErrorKind::System);
    return q->numRowsAffected();
}

QList<PrintJob> PrintJobRepository::unfinished() const
{
    return select(u"WHERE state IN ('queued', 'printing', 'failed') ORDER BY id"_s, {});
}

QList<PrintJob> PrintJobRepository::recent(int limit) const
{
    return select(u"ORDER BY id DESC LIMIT ?"_s, {limit});
}

} // namespace pos
