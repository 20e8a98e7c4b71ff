#pragma once

#include "syncservice.h"

#include "core/clock.h"

#include <QObject>
#include <QThread>

#include <memory>

class QTimer;

namespace pos {

class Till;

// Runs the sync with HQ on its own thread and database connection: pushes the outbox when
// told a sale committed and by itself now and then, backs off (full jitter, or HQ's
// Retry-After) when HQ can't take it, and says how things stand after every try.
class SyncWorker : public QObject
{
    Q_OBJECT
public:
    SyncWorker(QString databasePath, std::shared_ptr<const Clock> clock);
    ~SyncWorker() override;

    void start(); // on the worker thread
    void wake();  // something new waits for HQ: try now unless HQ asked to wait
    void syncNow(); // a person asked: try now whatever HQ said last

    static constexpr int idlePollMs = 30000; // a look at HQ when nothing is waiting

signals:
    void statusChanged(const pos::SyncStatus &status);

private:
    void round();
    QString m_path;
    std::shared_ptr<const Clock> m_clock;
    std::unique_ptr<Till> m_till;
    QTimer *m_timer = nullptr;
    int m_failures = 0;
    bool m_waitingForHq = false; // HQ asked us to wait (Retry-After) or is failing: don't wake early
};

// The sync worker's owner on the till's main thread.
class SyncAgent : public QObject
{
    Q_OBJECT
public:
    explicit SyncAgent(const Till &till, QObject *parent = nullptr);
    ~SyncAgent() override;
    void wake();
    void syncNow();

signals:
    void statusChanged(const pos::SyncStatus &status);

private:
    QThread m_thread;
    SyncWorker *m_worker;
};

} // namespace pos

Q_DECLARE_METATYPE(pos::SyncStatus)
