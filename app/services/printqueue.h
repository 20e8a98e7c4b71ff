#pragma once

#include "core/order.h"
#include "core/printjob.h"
#include "core/result.h"
#include "printer/printer.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>

#include <chrono>
#include <optional>

namespace pos {

struct Refund;
class Till;

// The durable receipt queue (issue 4): a sale commits first, then its receipt is queued here
// and printed by whoever runs the queue (the till's print worker, or posctl at once). A job
// that fails says why in the cashier's words and is retried by itself for a while (the
// printer may be back in a minute); after that it waits for a person to retry or cancel it.
// Each receipt has one original; a reprint is a numbered copy and says so on paper.
class PrintQueue
{
    Q_DECLARE_TR_FUNCTIONS(PrintQueue)
public:
    explicit PrintQueue(const Till &till) : m_till(till) {}

    // Settings keys of the till's receipt printer.
    static constexpr auto printerKey = "printer.receipt";
    static constexpr auto profileKey = "printer.profile";
    static constexpr auto paperKey = "printer.paper_mm";

    PrinterChoice receiptPrinter() const;
    // Checks the address, profile and width before storing them; an empty URI removes it.
    Status setReceiptPrinter(const PrinterChoice &choice);
    bool hasReceiptPrinter() const { return !receiptPrinter().isEmpty(); }

    enum class Print : quint8 {
        Original, // the receipt itself, at most once (asking again returns the same job)
        Copy,     // a numbered copy, marked as such
        AsNeeded, // the original if it never printed (a failed one is retried), else a copy
    };
    Result<PrintJob> queueSale(const QString &orderNumber, Print what, const PrinterChoice &printer = {});
    Result<PrintJob> queueRefund(const QString &refundNumber, Print what, const PrinterChoice &printer = {});
    // A day report on paper: the X report of `date` as it stands when it prints, or the
    // day's Z report as it was made (Copy: a reprint, marked as such).
    Result<PrintJob> queueXReport(QDate date);
    Result<PrintJob> queueZReport(QDate date, Print what);
    // A copy of whatever the number names: a sale's receipt or a refund's.
    Result<PrintJob> queueCopy(const QString &receiptNumber);
    // A person's decisions about a job that did not print.
    Status retry(qint64 id);
    Status cancel(qint64 id);

    std::optional<PrintJob> job(qint64 id) const;
    QList<PrintJob> unfinished() const;
    QList<PrintJob> recent(int limit = 20) const;

    // Runs the queue: prints the next job whose turn has come and returns it as it ended;
    // nothing when no job is due. Never holds the database's write lock while printing.
    std::optional<PrintJob> printNextDue();
    // Prints this job now if it is waiting (posctl: queue, then print and report).
    Result<PrintJob> printNow(qint64 id);
    // When the next automatic attempt is due (the worker sleeps until then).
    std::optional<QDateTime> nextAttemptAt() const;
    // Jobs whose printing was cut off (the till crashed) wait for a person; returns how many.
    int releaseAbandoned();

    // The printer a choice names, with its profile (from the choice, the USB ids or the paper
    // width, 80 mm unless told), or why there is none. The choice must not be empty.
    static Result<printer::Printer> printerFor(const PrinterChoice &choice);

    // Opens the cash drawer through the receipt printer now, paper or not.
    Status openDrawer();
    // Whether the drawer opens after this sale or refund: cash was taken or given back.
    static bool opensDrawer(const Order &order);
    static bool opensDrawer(const Refund &refund);

    // "Receipt S01-T01-000012", "Refund receipt … (copy 2)": how a job is named on screen.
    static QString title(const PrintJob &job);

    // Automatic retries: 2 s, 4 s, 8 s… at most 30 s apart, for 10 minutes after queueing.
    static constexpr std::chrono::seconds firstRetry{2};
    static constexpr std::chrono::seconds longestRetry{30};
    static constexpr std::chrono::minutes retryWindow{10};
    // How long a worker owns a job it claimed (a job still "printing" after this was abandoned).
    static constexpr std::chrono::minutes lease{2};

private:
    Result<PrintJob> queue(PrintJobKind kind, const QString &document, Print what, const PrinterChoice &printer);
    PrintJob print(PrintJob job);
    // The job's receipt laid out for the paper, or why it cannot be.
    Result<printer::PrintDocument> layout(const PrintJob &job, int paperMm) const;
    PrinterChoice effectivePrinter(const PrintJob &job) const;
    QDateTime nextRetry(const PrintJob &job) const;
    const Till &m_till;
};

} // namespace pos
