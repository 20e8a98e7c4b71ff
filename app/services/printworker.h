#pragma once

#include "core/clock.h"
#include "core/printjob.h"

#include <QObject>

#include <memory>

class QTimer;

namespace pos {

class PrintQueue;
class Till;

// Runs the print queue on its own thread with its own database connection, so a slow or
// silent printer never freezes the sale screen. Wakes when told a job was queued, and by
// itself when a failed job's next attempt is due.
class PrintWorker : public QObject
{
    Q_OBJECT
public:
    PrintWorker(QString databasePath, std::shared_ptr<const Clock> clock);
    ~PrintWorker() override;

    void start();     // on the worker thread: opens the database, then runs the queue
    void runQueue();  // prints every job whose turn has come
    void openDrawer();

signals:
    void jobChanged(const pos::PrintJob &job);
    void problem(const QString &message);

private:
    void sleepUntilNextAttempt();
    QString m_path;
    std::shared_ptr<const Clock> m_clock;
    std::unique_ptr<Till> m_till;
    std::unique_ptr<PrintQueue> m_queue;
    QTimer *m_wake = nullptr;
};

} // namespace pos
