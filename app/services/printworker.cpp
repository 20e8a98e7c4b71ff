#include "printworker.h"

#include "printqueue.h"
#include "till.h"

#include <QTimer>

namespace pos {

namespace {

// Also looks now and then without being told, for jobs left "printing" by a process that died.
constexpr int idleCheckMs = 60'000;

} // namespace

PrintWorker::PrintWorker(QString databasePath, std::shared_ptr<const Clock> clock)
    : m_path(std::move(databasePath)), m_clock(std::move(clock))
{
}

PrintWorker::~PrintWorker() = default;

void PrintWorker::start()
{
    m_wake = new QTimer(this);
    m_wake->setSingleShot(true);
    connect(m_wake, &QTimer::timeout, this, &PrintWorker::runQueue);
    m_till = std::make_unique<Till>(m_clock);
    if (Status s = m_till->open(m_path); !s) {
        emit problem(s.error());
        m_till.reset();
        return;
    }
    m_queue = std::make_unique<PrintQueue>(*m_till);
    runQueue();
}

void PrintWorker::runQueue()
{
    if (!m_queue)
        return;
    while (const auto job = m_queue->printNextDue())
        emit jobChanged(*job);
    sleepUntilNextAttempt();
}

void PrintWorker::sleepUntilNextAttempt()
{
    qint64 waitMs = idleCheckMs;
    if (const auto next = m_queue->nextAttemptAt())
        waitMs = std::clamp<qint64>(m_till->now().msecsTo(*next), 50, idleCheckMs);
    m_wake->start(int(waitMs));
}

void PrintWorker::openDrawer()
{
    if (!m_queue)
        return;
    if (Status s = m_queue->openDrawer(); !s)
        emit problem(s.error());
}

} // namespace pos
