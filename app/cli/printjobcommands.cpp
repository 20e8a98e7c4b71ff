// posctl print-jobs, and the receipt that follows a sale or refund: the durable print queue
// on the command line.
#include "cliparse.h"
#include "posctl.h"
#include "textcolumns.h"

#include "services/printqueue.h"
#include "services/till.h"
#include "store/printjobrepository.h"

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QJsonObject jobJson(const PrintJob &job)
{
    return {{u"job"_s, job.id},
            {u"kind"_s, PrintJobRepository::kindKey(job.kind)},
            {u"document"_s, job.document},
            {u"copy"_s, job.copy},
            {u"state"_s, PrintJobRepository::stateKey(job.state)},
            {u"attempts"_s, job.attempts},
            {u"error"_s, job.lastError},
            {u"printer"_s, job.printer.uri},
            {u"created_at"_s, job.createdAt.toString(Qt::ISODate)},
            {u"next_attempt"_s, job.nextAttempt.isValid() ? job.nextAttempt.toString(Qt::ISODate) : QString()},
            {u"printed_at"_s, job.printedAt.isValid() ? job.printedAt.toString(Qt::ISODate) : QString()},
            {u"printed_on"_s, job.printedOn}};
}

QString stateText(const PrintJob &job)
{
    switch (job.state) {
    case PrintJobState::Queued: return Posctl::tr("queued");
    case PrintJobState::Printing: return Posctl::tr("printing");
    case PrintJobState::Printed: return Posctl::tr("printed %1").arg(job.printedAt.toString(u"MM-dd HH:mm"_s));
    case PrintJobState::Failed:
        return job.nextAttempt.isValid() ? Posctl::tr("failed, retrying") : Posctl::tr("failed, waiting for you");
    case PrintJobState::Cancelled: return Posctl::tr("cancelled");
    }
    return {};
}

void printJobLine(CliContext &ctx, const PrintJob &job)
{
    ctx.out << padToWidth(QString::number(job.id), 5, true) << u"  "_s << padToWidth(PrintQueue::title(job), 40)
            << u' ' << stateText(job) << u'\n';
    if (!job.lastError.isEmpty() && job.state == PrintJobState::Failed)
        ctx.out << u"       "_s << terminalText(job.lastError) << u'\n';
}

Result<qint64> jobIdOption(const QCommandLineParser &parser, const QString &option)
{
    bool ok = false;
    const qint64 id = parser.value(option).toLongLong(&ok);
    if (!ok || id <= 0)
        return Result<qint64>::failure(Posctl::tr("--%1 needs a job number (see posctl print-jobs).").arg(option));
    return id;
}

} // namespace

int printQueuedJob(CliContext &ctx, PrintQueue &queue, qint64 id, ReportPrinted report)
{
    auto job = queue.printNow(id);
    if (!job)
        return failWith(ctx, job);
    if (job->state == PrintJobState::Printed) {
        if (report == ReportPrinted::Always)
            ctx.out << Posctl::tr("Printed %1 on %2.").arg(terminalText(PrintQueue::title(*job)), terminalText(job->printedOn)) << u'\n';
        ctx.out.flush();
        return ExitOk;
    }
    if (job->state == PrintJobState::Cancelled)
        return fail(ctx, Posctl::tr("%1 was cancelled.").arg(PrintQueue::title(*job)));
    return fail(ctx, Posctl::tr("%1 not printed: %2. It waits in the print queue as job %3 (posctl print-jobs).")
                         .arg(PrintQueue::title(*job), job->lastError).arg(job->id));
}

void printAfterCommit(CliContext &ctx, const Till &till, PrintJobKind kind, const QString &number, bool cashMoved, bool quiet)
{
    PrintQueue queue(till);
    if (!queue.hasReceiptPrinter())
        return;
    if (cashMoved)
        if (Status s = queue.openDrawer(); !s)
            warn(ctx, s.error());
    auto job = kind == PrintJobKind::SaleReceipt ? queue.queueSale(number, PrintQueue::Print::Original)
                                                 : queue.queueRefund(number, PrintQueue::Print::Original);
    if (!job) { // the sale stands; only its paper is missing
        warn(ctx, Posctl::tr("the receipt could not be queued: %1").arg(job.error()));
        return;
    }
    // The sale is done whatever the printer says: a failed receipt is a warning on stderr (its
    // exit status is not the command's), and JSON output stays JSON.
    printQueuedJob(ctx, queue, job->id, quiet ? ReportPrinted::Never : ReportPrinted::Always);
}

int runPrintJobs(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"all"_s, Posctl::tr("The latest jobs, printed ones too (default: those not printed).")});
    parser.addOption({u"retry"_s, Posctl::tr("Print this job again now."), u"JOB"_s});
    parser.addOption({u"cancel"_s, Posctl::tr("Do not print this job."), u"JOB"_s});
    parser.addOption({u"run"_s, Posctl::tr("Print every job whose turn has come.")});
    parser.addOption({u"json"_s, Posctl::tr("One JSON object per job.")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    const int actions = int(parser.isSet(u"retry"_s)) + int(parser.isSet(u"cancel"_s)) + int(parser.isSet(u"run"_s));
    if (actions > 1)
        return fail(ctx, Posctl::tr("use one of --retry, --cancel or --run."));
    Result<qint64> id = qint64(0);
    for (const QString &option : {u"retry"_s, u"cancel"_s})
        if (parser.isSet(option) && !(id = jobIdOption(parser, option)))
            return fail(ctx, id.error());
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    PrintQueue queue(till);
    const bool json = parser.isSet(u"json"_s);
    if (parser.isSet(u"retry"_s)) {
        if (Status s = queue.retry(*id); !s)
            return failWith(ctx, s);
        return printQueuedJob(ctx, queue, *id, ReportPrinted::Always);
    }
    if (parser.isSet(u"cancel"_s)) {
        if (Status s = queue.cancel(*id); !s)
            return failWith(ctx, s);
        ctx.out << Posctl::tr("%1 cancelled.").arg(terminalText(PrintQueue::title(*queue.job(*id)))) << u'\n';
        ctx.out.flush();
        return ExitOk;
    }
    if (parser.isSet(u"run"_s)) {
        int failed = 0;
        while (const auto job = queue.printNextDue()) {
            failed += job->state != PrintJobState::Printed;
            json ? (ctx.out << jsonLine(jobJson(*job)) << u'\n') : (printJobLine(ctx, *job), ctx.out);
        }
        ctx.out.flush();
        return failed ? ExitBadInput : ExitOk;
    }
    queue.releaseAbandoned();
    const QList<PrintJob> jobs = parser.isSet(u"all"_s) ? queue.recent(50) : queue.unfinished();
    for (const PrintJob &job : jobs)
        json ? (ctx.out << jsonLine(jobJson(job)) << u'\n') : (printJobLine(ctx, job), ctx.out);
    if (jobs.isEmpty() && !json)
        ctx.out << Posctl::tr("No receipt waits to be printed.") << u'\n';
    ctx.out.flush();
    return ExitOk;
}

} // namespace pos
