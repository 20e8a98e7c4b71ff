#pragma once

#include "scanner/scanmerger.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QMainWindow>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace pos {


class ActionGate;
class KeyboardWedge;
class SignInScreen;
class SyncAgent;
struct SyncStatus;
class PrintSpooler;
class PrintStatusBar;
class SaleScreen;
class Till;

// The till's window: a header with store, who is at the till and the time, the sale screen
// (or, while locked, the sign-in screen in front of it), and a status bar that always says
// whether HQ is reachable, how much waits to be sent and since when, and when the till last
// reached HQ. With staff set up, the till starts locked and locks itself after the store's
// idle time.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Till &till, QWidget *parent = nullptr);
    SaleScreen *saleScreen() const { return m_sale; }
    SignInScreen *signInScreen() const { return m_signIn; }
    ActionGate *gate() const { return m_gate; }
    bool isLocked() const;
    // Locks the till (the sale stays); someone signs in to go on.
    void lock(const QString &why);
    // Locks when nobody touched the till for the store's idle time, or when the person signed
    // in was disabled or removed meanwhile (checked every few seconds).
    void lockIfIdle();
    KeyboardWedge *wedge() const { return m_wedge; }
    PrintSpooler *printSpooler() const { return m_spooler; }
    PrintStatusBar *printStatus() const { return m_printStatus; }
    // Asks which receipt to print again (the last sale's by default) and queues a copy.
    void reprintReceipt();
    // Opens the cash drawer without a sale (a guarded action).
    void openDrawer();
    void openShift();
    void openSettings();
    // Kiosk: no window decorations, and closing the till needs a manager's id and PIN.
    void setKiosk(bool kiosk);
    bool isKiosk() const { return m_kiosk; }

signals:
    // Whichever screen comes first (the sale, or sign-in) has painted: the till is up.
    void firstPainted();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildHeader();
    // The scanner device the store set up (serial, evdev or HID POS), if any; its scans go where the
    // wedge's go, and the status bar says whether it is there.
    void startScannerDevice();
    void refreshStatus();
    void showOperator();
    void showSync(const SyncStatus &status);
    // Every reader's scans come here; an echo of one scan from a second reader is dropped.
    void scanned(const QString &code, scanner::ScanMerger::Source source);

    Till &m_till;
    ActionGate *m_gate;
    PrintSpooler *m_spooler;
    QStackedWidget *m_stack;
    SaleScreen *m_sale;
    SignInScreen *m_signIn;
    QWidget *m_headerActions = nullptr;
    QPushButton *m_lockButton = nullptr;
    PrintStatusBar *m_printStatus;
    QString m_lastReceipt;
    KeyboardWedge *m_wedge;
    QLabel *m_clock;
    QLabel *m_connection;
    QLabel *m_pending;
    QTimer *m_timer;
    SyncAgent *m_sync;
    scanner::ScanMerger m_merger;
    QElapsedTimer m_sinceStart;
    QDateTime m_lastTouch; // on the till's clock, for the idle lock
    bool m_kiosk = false;
};

} // namespace pos
