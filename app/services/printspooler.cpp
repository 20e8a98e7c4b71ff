#include "printspooler.h"

#include "printworker.h"
#include "till.h"

#include "store/refundrepository.h"

#include <QMetaObject>

namespace pos {

PrintSpooler::PrintSpooler(const Till &till, QObject *parent)
    : QObject(parent), m_queue(till), m_worker(new PrintWorker(till.database().path(), till.sharedClock()))
{
    m_thread.setObjectName(QStringLiteral("print worker"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_worker, &PrintWorker::start);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &PrintWorker::jobChanged, this, &PrintSpooler::jobChanged);
    connect(m_worker, &PrintWorker::problem, this, &PrintSpooler::problem);
    m_thread.start();
}

PrintSpooler::~PrintSpooler()
{
    m_thread.quit();
    m_thread.wait();
}

void PrintSpooler::saleCompleted(const Order &order)
{
    if (!m_queue.hasReceiptPrinter())
        return;
    if (PrintQueue::opensDrawer(order))
        openDrawer();
    queued(m_queue.queueSale(order.number, PrintQueue::Print::Original));
}

void PrintSpooler::refundCompleted(const Refund &refund)
{
    if (!m_queue.hasReceiptPrinter())
        return;
    if (PrintQueue::opensDrawer(refund))
        openDrawer();
    queued(m_queue.queueRefund(refund.number, PrintQueue::Print::Original));
}

Result<PrintJob> PrintSpooler::reprint(const QString &number)
{
    auto job = m_queue.queueCopy(number);
    if (job)
        queued(job);
    return job;
}

Result<PrintJob> PrintSpooler::print(Result<PrintJob> job)
{
    if (job)
        queued(job);
    return job;
}

Status PrintSpooler::retry(qint64 id)
{
    Status s = m_queue.retry(id);
    if (s)
        queued(*m_queue.job(id));
    return s;
}

Status PrintSpooler::cancel(qint64 id)
{
    Status s = m_queue.cancel(id);
    if (s)
        emit jobChanged(*m_queue.job(id));
    return s;
}

void PrintSpooler::openDrawer()
{
    QMetaObject::invokeMethod(m_worker, &PrintWorker::openDrawer, Qt::QueuedConnection);
}

void PrintSpooler::queued(const Result<PrintJob> &job)
{
    if (!job) {
        emit problem(tr("The receipt could not be queued: %1").arg(job.error()));
        return;
    }
    emit jobChanged(*job);
    QMetaObject::invokeMethod(m_worker, &PrintWorker::runQueue, Qt::QueuedConnection);
}

} // namespace pos
