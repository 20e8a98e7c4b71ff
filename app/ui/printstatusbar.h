#pragma once

#include "core/printjob.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace pos {

class PrintSpooler;

// A strip under the sale screen that says what the receipt printer is doing. When a receipt
// did not print it stays, in red, with why and what the cashier can do (retry, or give up on
// it); the sale itself is already safe by then.
class PrintStatusBar : public QWidget
{
    Q_OBJECT
public:
    explicit PrintStatusBar(PrintSpooler &spooler, QWidget *parent = nullptr);

    // A job changed state (or the till started with jobs still waiting).
    void showJob(const PrintJob &job);
    void showProblem(const QString &message);

private:
    void showText(const QString &text, bool error);
    void retry();
    void cancel();
    // The oldest receipt that failed and still waits, if any: it outranks good news.
    std::optional<PrintJob> waitingFailure() const;

    PrintSpooler &m_spooler;
    QLabel *m_text;
    QPushButton *m_retry;
    QPushButton *m_cancel;
    qint64 m_failedId = 0;
};

} // namespace pos
