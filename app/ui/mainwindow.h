#pragma once

#include "scanner/scanmerger.h"

#include <QElapsedTimer>
#include <QMainWindow>

class QLabel;
class QTimer;

namespace pos {


class KeyboardWedge;
class SyncAgent;
struct SyncStatus;
class PrintSpooler;
class PrintStatusBar;
class SaleScreen;
class Till;

// The till's window: a header with store and time, the sale screen, and a status bar that
// always says whether HQ is reachable, how much waits to be sent and since when, and when
// the till last reached HQ.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Till &till, QWidget *parent = nullptr);
    SaleScreen *saleScreen() const { return m_sale; }
    KeyboardWedge *wedge() const { return m_wedge; }
    PrintSpooler *printSpooler() const { return m_spooler; }
    PrintStatusBar *printStatus() const { return m_printStatus; }
    // Asks which receipt to print again (the last sale's by default) and queues a copy.
    void reprintReceipt();
    // Kiosk: no window decorations, and closing the till needs a manager's id and PIN.
    void setKiosk(bool kiosk);
    bool isKiosk() const { return m_kiosk; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *buildHeader();
    // The scanner device the store set up (serial, evdev or HID POS), if any; its scans go where the
    // wedge's go, and the status bar says whether it is there.
    void startScannerDevice();
    void refreshStatus();
    void showSync(const SyncStatus &status);
    // Every reader's scans come here; an echo of one scan from a second reader is dropped.
    void scanned(const QString &code, scanner::ScanMerger::Source source);

    Till &m_till;
    PrintSpooler *m_spooler;
    SaleScreen *m_sale;
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
    bool m_kiosk = false;
};

} // namespace pos
