#include "mainwindow.h"

#include "hqdialog.h"
#include "managerpindialog.h"
#include "printstatusbar.h"
#include "salescreen.h"
#include "theme.h"

#include "scanner/keyboardwedge.h"
#include "scanner/scannerdevice.h"
#include "services/scanservice.h"
#include "services/printspooler.h"
#include "services/syncagent.h"
#include "services/till.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

MainWindow::MainWindow(Till &till, QWidget *parent)
    : QMainWindow(parent), m_till(till), m_spooler(new PrintSpooler(till, this)),
      m_sale(new SaleScreen(till, this)), m_printStatus(new PrintStatusBar(*m_spooler, this)),
      m_wedge(new KeyboardWedge(this)), m_clock(new QLabel(this)), m_connection(new QLabel(this)),
      m_pending(new QLabel(this)), m_timer(new QTimer(this)), m_sync(new SyncAgent(till, this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Till — %1 %2").arg(till.store().name, till.store().terminalId));
    setStyleSheet(Theme::styleSheet());

    auto *central = new QWidget(this);
    auto *v = new QVBoxLayout(central);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(0);
    v->addWidget(buildHeader());
    v->addWidget(m_sale, 1);
    v->addWidget(m_printStatus);
    setCentralWidget(central);

    m_connection->setObjectName(u"connectionStatus"_s);
    m_pending->setObjectName(u"pendingStatus"_s);
    statusBar()->addWidget(m_connection);
    statusBar()->addWidget(m_pending);
    m_connection->setContentsMargins(8, 0, 16, 0);

    m_sinceStart.start();
    connect(m_wedge, &KeyboardWedge::scanned, this, [this](const QString &code) { scanned(code, scanner::ScanMerger::Source::Wedge); });
    m_wedge->setSettings(ScanService(m_till).wedgeSettings());
    m_wedge->install();
    startScannerDevice();
    connect(m_sale, &SaleScreen::saleCommitted, this, &MainWindow::refreshStatus);
    connect(m_sale, &SaleScreen::saleCommitted, m_sync, &SyncAgent::wake);
    connect(m_sale, &SaleScreen::refundCommitted, m_sync, &SyncAgent::wake);
    connect(m_sync, &SyncAgent::statusChanged, this, &MainWindow::showSync);
    // The sale has committed before its receipt is queued: a printer fault never costs a sale.
    connect(m_sale, &SaleScreen::orderPaid, this, [this](const Order &order) {
        m_lastReceipt = order.number;
        m_spooler->saleCompleted(order);
    });
    connect(m_sale, &SaleScreen::refundCommitted, this, [this](const Refund &refund) {
        m_lastReceipt = refund.number;
        m_spooler->refundCompleted(refund);
    });
    connect(m_timer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    m_timer->start(5000);
    refreshStatus();
}

QWidget *MainWindow::buildHeader()
{
    auto *header = new QWidget(this);
    header->setObjectName(u"header"_s);
    header->setAttribute(Qt::WA_StyledBackground);
    auto *h = new QHBoxLayout(header);
    h->setContentsMargins(16, 8, 16, 8);
    auto *store = new QLabel(tr("%1 · Terminal %2").arg(m_till.store().name, m_till.store().terminalId), header);
    store->setObjectName(u"storeLabel"_s);
    m_clock->setObjectName(u"clockLabel"_s);
    h->addWidget(store);
    h->addStretch(1);
    auto *leaderboard = Theme::touchButton(tr("Leaderboard"), u"leaderboardButton"_s, header);
    auto *refund = Theme::touchButton(tr("Refund"), u"refundButton"_s, header);
    auto *reprint = Theme::touchButton(tr("Reprint"), u"reprintButton"_s, header);
    auto *hq = Theme::touchButton(tr("HQ"), u"hqButton"_s, header);
    connect(hq, &QPushButton::clicked, this, [this] {
        HqDialog dialog(m_till, m_sync, this);
        dialog.exec();
    });
    connect(leaderboard, &QPushButton::clicked, m_sale, &SaleScreen::openLeaderboard);
    connect(refund, &QPushButton::clicked, m_sale, [this] { m_sale->openRefund(); });
    connect(reprint, &QPushButton::clicked, this, &MainWindow::reprintReceipt);
    h->addWidget(leaderboard);
    h->addWidget(refund);
    h->addWidget(reprint);
    h->addWidget(hq);
    h->addSpacing(16);
    h->addWidget(m_clock);
    return header;
}

void MainWindow::startScannerDevice()
{
    const QString configured = ScanService(m_till).scannerDevice();
    if (configured.isEmpty())
        return;
    auto *label = new QLabel(this);
    label->setObjectName(u"scannerStatus"_s);
    statusBar()->addPermanentWidget(label);
    QString error;
    auto *device = scanner::ScannerDevice::create(configured, this, &error);
    if (!device) {
        label->setText(error);
        return;
    }
    connect(device, &scanner::ScannerDevice::scanned, this, [this](const QString &code) { scanned(code, scanner::ScanMerger::Source::Device); });
    connect(device, &scanner::ScannerDevice::stateChanged, label, &QLabel::setText);
    device->start();
}

void MainWindow::setKiosk(bool kiosk)
{
    m_kiosk = kiosk;
    setWindowFlag(Qt::FramelessWindowHint, kiosk);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_kiosk || ManagerPinDialog::approve(m_till, tr("Close the till"), this)) {
        event->accept();
        return;
    }
    event->ignore();
}

void MainWindow::scanned(const QString &code, scanner::ScanMerger::Source source)
{
    if (m_merger.accept(code, source, m_sinceStart.elapsed()))
        m_sale->handleScan(code);
}

void MainWindow::reprintReceipt()
{
    QInputDialog ask(this);
    ask.setObjectName(u"reprintDialog"_s);
    ask.setWindowTitle(tr("Reprint a receipt"));
    ask.setLabelText(tr("Receipt number (sale or refund). The copy is marked as a copy."));
    ask.setTextValue(m_lastReceipt);
    ask.setOkButtonText(tr("Print copy"));
    if (ask.exec() != QDialog::Accepted || ask.textValue().trimmed().isEmpty())
        return;
    if (auto job = m_spooler->reprint(ask.textValue()); !job)
        m_printStatus->showProblem(job.error());
}

void MainWindow::refreshStatus()
{
    m_clock->setText(m_till.now().toString(u"yyyy-MM-dd HH:mm"_s));
    showSync(SyncService(m_till).status());
}

void MainWindow::showSync(const SyncStatus &status)
{
    auto hhmm = [this](const QString &iso) {
        const QDateTime at = QDateTime::fromString(iso, Qt::ISODate);
        return at.isValid() ? at.toTimeZone(m_till.timeZone()).toString(u"MM-dd HH:mm"_s) : iso;
    };
    // Offline is normal: the till sells on, and everything waits in the outbox for HQ.
    QString connection = status.online ? tr("● Online") : tr("● Offline — selling normally");
    if (!status.lastOkAt.isEmpty())
        connection += u"  "_s + tr("last reached HQ %1").arg(hhmm(status.lastOkAt));
    m_connection->setText(connection);
    m_connection->setToolTip(status.lastError);
    m_connection->setProperty("online", status.online);
    QString pending = tr("%n record(s) waiting for HQ", nullptr, status.pending);
    if (status.pending > 0 && !status.oldestPending.isEmpty())
        pending += u' ' + tr("(oldest %1)").arg(hhmm(status.oldestPending));
    if (status.parked > 0)
        pending += u"  "_s + tr("%n refused by HQ", nullptr, status.parked);
    m_pending->setText(pending);
}

} // namespace pos
