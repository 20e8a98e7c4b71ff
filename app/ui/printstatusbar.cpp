#include "printstatusbar.h"

#include "theme.h"

#include "services/printspooler.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace pos {

using namespace Qt::Literals::StringLiterals;

PrintStatusBar::PrintStatusBar(PrintSpooler &spooler, QWidget *parent)
    : QWidget(parent), m_spooler(spooler), m_text(new QLabel(this)),
      m_retry(Theme::touchButton(tr("Retry printing"), u"printRetryButton"_s, this)),
      m_cancel(Theme::touchButton(tr("Don't print"), u"printCancelButton"_s, this))
{
    setObjectName(u"printStatus"_s);
    setAttribute(Qt::WA_StyledBackground);
    m_text->setObjectName(u"printStatusText"_s);
    m_text->setWordWrap(true);
    auto *h = new QHBoxLayout(this);
    h->setContentsMargins(12, 4, 12, 4);
    h->addWidget(m_text, 1);
    h->addWidget(m_retry);
    h->addWidget(m_cancel);
    connect(m_retry, &QPushButton::clicked, this, &PrintStatusBar::retry);
    connect(m_cancel, &QPushButton::clicked, this, &PrintStatusBar::cancel);
    connect(&m_spooler, &PrintSpooler::jobChanged, this, &PrintStatusBar::showJob);
    connect(&m_spooler, &PrintSpooler::problem, this, &PrintStatusBar::showProblem);
    m_retry->hide();
    m_cancel->hide();
    hide();
    if (const auto waiting = waitingFailure())
        showJob(*waiting);
}

std::optional<PrintJob> PrintStatusBar::waitingFailure() const
{
    for (const PrintJob &job : m_spooler.queue().unfinished())
        if (job.state == PrintJobState::Failed)
            return job;
    return std::nullopt;
}

void PrintStatusBar::showJob(const PrintJob &changed)
{
    PrintJob job = changed;
    if (changed.state != PrintJobState::Failed)
        if (const auto waiting = waitingFailure(); waiting && waiting->id != changed.id)
            job = *waiting;
    const QString title = PrintQueue::title(job);
    m_failedId = job.state == PrintJobState::Failed ? job.id : 0;
    m_retry->setVisible(m_failedId != 0);
    m_cancel->setVisible(m_failedId != 0);
    switch (job.state) {
    case PrintJobState::Queued:
    case PrintJobState::Printing:
        showText(tr("Printing %1…").arg(title), false);
        break;
    case PrintJobState::Printed:
        showText(tr("%1 printed.").arg(title), false);
        break;
    case PrintJobState::Cancelled:
        showText(tr("%1 will not be printed.").arg(title), false);
        break;
    case PrintJobState::Failed:
        showText(job.nextAttempt.isValid()
                     ? tr("%1 not printed: %2. The sale is saved; trying again by itself.").arg(title, job.lastError)
                     : tr("%1 not printed: %2. The sale is saved.").arg(title, job.lastError),
                 true);
        break;
    }
}

void PrintStatusBar::showProblem(const QString &message)
{
    showText(message, true);
}

void PrintStatusBar::showText(const QString &text, bool error)
{
    m_text->setText(text);
    Theme::setLook(this, "error", error);
    show();
}

void PrintStatusBar::retry()
{
    if (Status s = m_spooler.retry(m_failedId); !s)
        showText(s.error(), true);
}

void PrintStatusBar::cancel()
{
    if (Status s = m_spooler.cancel(m_failedId); !s)
        showText(s.error(), true);
}

} // namespace pos
