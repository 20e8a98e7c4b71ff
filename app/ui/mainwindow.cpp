#include "mainwindow.h"

#include "actiongate.h"
#include "hqdialog.h"
#include "managerpindialog.h"
#include "printstatusbar.h"
#include "salescreen.h"
#include "settingsdialog.h"
#include "shiftdialog.h"
#include "signinscreen.h"
#include "theme.h"

#include "scanner/keyboardwedge.h"
#include "scanner/scannerdevice.h"
#include "services/printspooler.h"
#include "services/scanservice.h"
#include "services/settingsservice.h"
#include "services/syncagent.h"
#include "services/till.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

MainWindow::MainWindow(Till &till, QWidget *parent)
    : QMainWindow(parent), m_till(till), m_gate(new ActionGate(till, this)), m_spooler(new PrintSpooler(till, this)),
      m_stack(new QStackedWidget(this)), m_sale(new SaleScreen(till, *m_gate, this)), m_signIn(new SignInScreen(till, this)),
      m_printStatus(new PrintStatusBar(*m_spooler, this)),
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
    m_stack->addWidget(m_sale);
    m_stack->addWidget(m_signIn);
    v->addWidget(m_stack, 1);
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
    connect(m_timer, &QTimer::timeout, this, &MainWindow::lockIfIdle);
    m_timer->start(5000);
    refreshStatus();

    connect(m_signIn, &SignInScreen::signedIn, m_gate, &ActionGate::signIn);
    connect(m_sale, &SaleScreen::firstPainted, this, &MainWindow::firstPainted, Qt::SingleShotConnection);
    connect(m_signIn, &SignInScreen::firstPainted, this, &MainWindow::firstPainted, Qt::SingleShotConnection);
    connect(m_gate, &ActionGate::operatorChanged, this, &MainWindow::showOperator);
    m_lastTouch = m_till.now();
    qApp->installEventFilter(this); // any touch or key anywhere keeps the till from locking
    showOperator(); // with staff set up, the till starts locked
}

bool MainWindow::isLocked() const
{
    return !m_gate->signedIn() && m_gate->staffSetUp();
}

void MainWindow::lock(const QString &why)
{
    m_gate->lock(why);
    showOperator();
}

void MainWindow::lockIfIdle()
{
    if (!m_gate->signedIn() || QApplication::activeModalWidget())
        return;
    // Taken off the till meanwhile (posctl, HQ): locked now, whatever the idle time.
    if (!m_gate->confirmOperator())
        return;
    const int minutes = SettingsService(m_till).idleLockMinutes();
    if (minutes <= 0)
        return;
    if (m_lastTouch.secsTo(m_till.now()) >= qint64(minutes) * 60)
        lock(u"idle"_s);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::KeyPress:
    case QEvent::TouchBegin:
        m_lastTouch = m_till.now();
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showOperator()
{
    const auto &who = m_gate->signedIn();
    const bool locked = isLocked();
    m_stack->setCurrentWidget(locked ? static_cast<QWidget *>(m_signIn) : m_sale);
    m_headerActions->setVisible(!locked);
    m_lockButton->setVisible(bool(who));
    if (who)
        m_lockButton->setText(tr("%1 · Lock").arg(who->name));
    if (locked)
        m_signIn->reset(m_gate->notice());
    m_lastTouch = m_till.now();
}

QWidget *MainWindow::buildHeader()
{
    auto *header = new QWidget(this);
    header->setObjectName(u"header"_s);
    header->setAttribute(Qt::WA_StyledBackground);
    header->setMinimumHeight(Theme::touchHeight + 16); // the same height locked or not
    auto *h = new QHBoxLayout(header);
    h->setContentsMargins(16, 8, 16, 8);
    auto *store = new QLabel(tr("%1 · Terminal %2").arg(m_till.store().name, m_till.store().terminalId), header);
    store->setObjectName(u"storeLabel"_s);
    m_clock->setObjectName(u"clockLabel"_s);
    h->addWidget(store);
    h->addStretch(1);
    m_headerActions = new QWidget(header);
    auto *actions = new QHBoxLayout(m_headerActions);
    actions->setContentsMargins(0, 0, 0, 0);
    auto *leaderboard = Theme::touchButton(tr("Leaderboard"), u"leaderboardButton"_s, header);
    auto *refund = Theme::touchButton(tr("Refund"), u"refundButton"_s, header);
    auto *reprint = Theme::touchButton(tr("Reprint"), u"reprintButton"_s, header);
    auto *drawer = Theme::touchButton(tr("Drawer"), u"drawerButton"_s, header);
    auto *shift = Theme::touchButton(tr("Shift"), u"shiftButton"_s, header);
    auto *settings = Theme::touchButton(tr("Settings"), u"settingsButton"_s, header);
    auto *hq = Theme::touchButton(tr("HQ"), u"hqButton"_s, header);
    m_lockButton = Theme::touchButton(QString(), u"lockButton"_s, header);
    m_lockButton->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed); // the name is never squeezed
    connect(m_lockButton, &QPushButton::clicked, this, [this] { lock(u"switch"_s); });
    connect(drawer, &QPushButton::clicked, this, &MainWindow::openDrawer);
    connect(shift, &QPushButton::clicked, this, &MainWindow::openShift);
    connect(settings, &QPushButton::clicked, this, &MainWindow::openSettings);
    connect(hq, &QPushButton::clicked, this, [this] {
        HqDialog dialog(m_till, m_sync, this);
        dialog.exec();
    });
    connect(leaderboard, &QPushButton::clicked, m_sale, &SaleScreen::openLeaderboard);
    connect(refund, &QPushButton::clicked, m_sale, [this] { m_sale->openRefund(); });
    connect(reprint, &QPushButton::clicked, this, &MainWindow::reprintReceipt);
    for (QPushButton *b : {leaderboard, refund, reprint, drawer, shift, settings, hq})
        actions->addWidget(b);
    h->addWidget(m_headerActions);
    h->addWidget(m_lockButton);
    h->addSpacing(8);
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
    if (!m_merger.accept(code, source, m_sinceStart.elapsed()))
        return;
    m_lastTouch = m_till.now();
    // Locked, a scan is someone's badge; nothing is rung up until someone signs in.
    if (isLocked() && !QApplication::activeModalWidget())
        m_signIn->badgeScanned(code);
    else
        m_sale->handleScan(code);
}

void MainWindow::openDrawer()
{
    if (!m_gate->permit(Action::OpenDrawer, {}, tr("Opening the drawer without a sale"), this))
        return;
    m_spooler->openDrawer();
}

void MainWindow::openShift()
{
    ShiftDialog dialog(m_till, *m_gate, *m_spooler, this);
    dialog.exec();
}

void MainWindow::openSettings()
{
    if (!m_gate->permit(Action::ChangeSettings, {}, tr("The settings"), this))
        return;
    SettingsDialog dialog(m_till, *m_gate, m_sync, this);
    dialog.exec();
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
    if (!m_gate->permit(Action::Reprint, ask.textValue().trimmed(), tr("Reprinting a receipt"), this))
        return;
    if (auto job = m_spooler->reprint(ask.textValue()); !job)
        m_printStatus->showProblem(job.error());
}

void MainWindow::refreshStatus()
{
    m_clock->setText(m_till.now().toString(u"HH:mm"_s)); // the date is on every receipt; room for the buttons
    m_clock->setToolTip(m_till.now().toString(u"yyyy-MM-dd HH:mm t"_s));
    showSync(SyncService(m_till).status());
    if (isLocked())
        m_signIn->refreshPeople(); // someone added or taken off meanwhile (posctl, HQ)
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
    if (status.parkedChanges > 0)
        pending += u"  "_s + SyncService::describeParkedChanges(status);
    m_pending->setText(pending);
}

} // namespace pos
