#pragma once

#include <QDateTime>
#include <QString>

namespace pos {

// A receipt waiting for, being sent to, or done with the receipt printer. The queue is
// durable so a printer fault never costs a sale's receipt, and each receipt has exactly one
// original: everything printed after it is a numbered copy that says so.
// A day report's document is "x:DATE@TIME" (printed as it is when it prints) or "z:DATE".
enum class PrintJobKind : quint8 { SaleReceipt, RefundReceipt, DayReport };

enum class PrintJobState : quint8 {
    Queued,    // waiting for its turn
    Printing,  // claimed by a worker, bytes may be on their way
    Printed,   // the printer took every byte and the link stayed up
    Failed,    // not printed; retried by itself until nextAttempt is null, then waits for a person
    Cancelled, // someone decided it should not print
};

// Which printer and how: the till's receipt printer setting, or one job's own choice.
struct PrinterChoice
{
    QString uri;      // usb://…, tcp://…, file:…, serial:…, png:…; empty: none chosen
    QString profile;  // a profile id; empty: found from the USB ids or the paper width
    int paperMm = 0;  // 58 or 80; 0: the till's setting (80 when it has none)

    bool isEmpty() const { return uri.isEmpty(); }
};

struct PrintJob
{
    qint64 id = 0;
    PrintJobKind kind = PrintJobKind::SaleReceipt;
    QString document;  // the order number or the refund number
    int copy = 0;      // 0: the original; 1, 2…: copies someone asked for
    PrinterChoice printer; // empty: the till's receipt printer at the time of printing
    PrintJobState state = PrintJobState::Queued;
    int attempts = 0;
    QString lastError;
    QDateTime createdAt;
    QDateTime nextAttempt; // null: no automatic attempt (done, or waiting for a person)
    QDateTime printedAt;
    QString printedOn;     // the printer that printed it

    bool isCopy() const { return copy > 0; }
    bool isDone() const { return state == PrintJobState::Printed || state == PrintJobState::Cancelled; }
};

} // namespace pos
