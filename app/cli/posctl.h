#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include "core/printjob.h"
#include "core/result.h"

namespace pos {

class PrintQueue;
class Till;

// Exit statuses shared by every command.
enum ExitStatus { ExitOk = 0, ExitFailure = 1, ExitBadInput = 2 };

// One invocation of posctl: its arguments after the command name, where to write, and
// the database it works on.
struct CliContext
{
    QStringList args;
    QTextStream &out;
    QTextStream &err;
    QString dbPath;
};

class Posctl
{
    Q_DECLARE_TR_FUNCTIONS(Posctl)
public:
    // argv without the program name. Returns the process exit status.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
    static QString usage();
};

// Commands (one file per family). Each validates its arguments before touching the database.
int runInit(CliContext &ctx);
int runProducts(CliContext &ctx);
int runGuides(CliContext &ctx);
int runSale(CliContext &ctx);
int runOrders(CliContext &ctx);
int runOrder(CliContext &ctx);
int runAttribute(CliContext &ctx);
int runLeaderboard(CliContext &ctx);
int runRefund(CliContext &ctx);
int runPrinters(CliContext &ctx);
int runPrint(CliContext &ctx);
int runPrintJobs(CliContext &ctx);
int runParseBarcode(CliContext &ctx);
int runScanImage(CliContext &ctx);
int runScanners(CliContext &ctx);
int runEnroll(CliContext &ctx);
int runSync(CliContext &ctx);
int runSyncStatus(CliContext &ctx);
int runShift(CliContext &ctx);
int runReport(CliContext &ctx);
int runStaff(CliContext &ctx);
int runAudit(CliContext &ctx);
int runSettings(CliContext &ctx);
int runQuarantine(CliContext &ctx);

// The receipt after a committed sale or refund, when the till has a receipt printer: queued,
// printed now, and a warning (never a failure: the sale stands) when the printer won't.
// What posctl did that the screens guard (a refund, a copy, the close of a shift or the day),
// in the audit log like the screens' — under `by` when given, else "posctl".
void auditCli(const Till &till, const QString &action, const QString &subject, const QString &by = {});
void printAfterCommit(CliContext &ctx, const Till &till, PrintJobKind kind, const QString &number,
                      bool cashMoved, bool quiet);
// Prints a queued job now; exit status 2 and where the job waits when it did not print.
enum class ReportPrinted : quint8 { Always, Never };
int printQueuedJob(CliContext &ctx, PrintQueue &queue, qint64 id, ReportPrinted report);

// Opens the till's database for a command; prints the reason and returns false on failure.
bool openTill(CliContext &ctx, Till &till);
// One error line on stderr, and the status to exit with. The message is shown as
// terminalText(): whatever a service quoted in it (a name, HQ's answer) can't act on the
// terminal or start a second line. What a person typed is quoted in it through shownInput()
// (at most 40 characters), where the message is made.
int fail(CliContext &ctx, const QString &message, int status = ExitBadInput);
// A warning line on stderr ("posctl: …") that doesn't end the command, shown the same way.
void warn(CliContext &ctx, const QString &message);
// A failed Result or Status: its message, and whose fault it was as the exit status.
template <typename R>
int failWith(CliContext &ctx, const R &result)
{
    return fail(ctx, result.error(), result.errorKind() == ErrorKind::System ? ExitFailure : ExitBadInput);
}

} // namespace pos
