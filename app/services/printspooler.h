#pragma once

#include "core/order.h"
#include "core/printjob.h"
#include "core/result.h"
#include "printqueue.h"

#include <QObject>
#include <QThread>

namespace pos {

class PrintWorker;
struct Refund;
class Till;

// The till's side of the print queue: jobs are written to the queue on the caller's thread
// (a quick insert, after the sale has committed) and printed by a PrintWorker on its own
// thread. Every change of a job's state comes back as jobChanged.
class PrintSpooler : public QObject
{
    Q_OBJECT
public:
    explicit PrintSpooler(const Till &till, QObject *parent = nullptr);
    ~PrintSpooler() override;

    // After a sale committed: its receipt when a receipt printer is set up, and the cash
    // drawer when cash was taken.
    void saleCompleted(const Order &order);
    // After a refund committed: its receipt, and the drawer when cash goes back.
    void refundCompleted(const Refund &refund);

    // A copy of a sale's or a refund's receipt, by its number.
    Result<PrintJob> reprint(const QString &number);
    // A day report (PrintQueue::queueXReport / queueZReport) handed to the worker.
    Result<PrintJob> print(Result<PrintJob> job);
    Status retry(qint64 id);
    Status cancel(qint64 id);
    void openDrawer();

    PrintQueue &queue() { return m_queue; }

signals:
    void jobChanged(const pos::PrintJob &job);
    // Something went wrong outside any one job (the drawer, the queue's database).
    void problem(const QString &message);

private:
    void queued(const Result<PrintJob> &job);
    PrintQueue m_queue;
    QThread m_thread;
    PrintWorker *m_worker;
};

} // namespace pos
