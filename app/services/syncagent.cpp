#include "syncagent.h"

#include "till.h"

#include "client/backoff.h"

#include <QRandomGenerator>
#include <QTimer>

namespace pos {

SyncWorker::SyncWorker(QString databasePath, std::shared_ptr<const Clock> clock)
    : m_path(std::move(databasePath)), m_clock(std::move(clock))
{
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::start()
{
    m_till = std::make_unique<Till>(m_clock);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SyncWorker::round);
    if (Status s = m_till->open(m_path); !s) {
        SyncStatus status;
        status.lastError = s.error();
        emit statusChanged(status);
        return;
    }
    round();
}

void SyncWorker::wake()
{
    if (m_timer && !m_waitingForHq)
        m_timer->start(0);
}

void SyncWorker::syncNow()
{
    m_waitingForHq = false;
    wake();
}

void SyncWorker::round()
{
    SyncService sync(*m_till);
    int nextMs = idlePollMs;
    if (sync.isEnrolled()) {
        bool failed = false;
        int retryAfter = -1;
        if (sync.status().pending > 0) {
            const SyncRound pushed = sync.syncOnce();
            failed = pushed.failed;
            retryAfter = pushed.failure.retryAfterSeconds;
        } else { // nothing to send: what HQ has for us (which also says whether it is there)
            const SyncRound pulled = sync.pull();
            failed = pulled.failed;
            retryAfter = pulled.failure.retryAfterSeconds;
        }
        m_failures = failed ? m_failures + 1 : 0;
        m_waitingForHq = failed;
        if (failed)
            nextMs = int(sync::Backoff::delayMs(m_failures, QRandomGenerator::global()->generateDouble(), retryAfter));
    }
    emit statusChanged(sync.status());
    m_timer->start(qMax(nextMs, 200));
}

SyncAgent::SyncAgent(const Till &till, QObject *parent)
    : QObject(parent), m_worker(new SyncWorker(till.database().path(), till.sharedClock()))
{
    qRegisterMetaType<pos::SyncStatus>();
    m_thread.setObjectName(QStringLiteral("sync worker"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_worker, &SyncWorker::start);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::statusChanged, this, &SyncAgent::statusChanged);
    m_thread.start();
}

SyncAgent::~SyncAgent()
{
    m_thread.quit();
    m_thread.wait();
}

void SyncAgent::wake()
{
    QMetaObject::invokeMethod(m_worker, &SyncWorker::wake, Qt::QueuedConnection);
}

void SyncAgent::syncNow()
{
    QMetaObject::invokeMethod(m_worker, &SyncWorker::syncNow, Qt::QueuedConnection);
}

} // namespace pos
