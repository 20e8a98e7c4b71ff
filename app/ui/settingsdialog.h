#pragma once

#include "scanconsumer.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;

namespace pos {

class ActionGate;
class SyncAgent;
class Till;

// The store manager's settings screen: which store and till this is and its HQ enrolment,
// the receipt printer (with a test page) and its header and footer, the scanners (with a
// field to try a scan), language, idle lock and discount limit, the chain's attribution
// policy (read-only: HQ sets it) and the audit log. Saving checks every value through
// SettingsService and writes each change to the audit log under the signed-in person.
class SettingsDialog : public QDialog, public ScanConsumer
{
    Q_OBJECT
public:
    SettingsDialog(Till &till, ActionGate &gate, SyncAgent *sync, QWidget *parent = nullptr);

    // Stores what changed; false (with the reasons on screen) when any value was refused.
    bool save();
    void testPrinter();
    void tryScan(const QString &code);
    // A scan while the screen is up is a test of the scanner.
    void consumeScan(const QString &code) override { tryScan(code); }

private:
    QWidget *buildStoreTab();
    QWidget *buildReceiptTab();
    QWidget *buildScannerTab();
    QWidget *buildTillTab();
    QWidget *buildPolicyTab();
    QWidget *buildAuditTab();
    // The settings key each editor stands for, and its text now.
    QMap<QString, QString> edited() const;
    void showMessage(const QString &text, bool error);

    Till &m_till;
    ActionGate &m_gate;
    SyncAgent *m_sync;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_header = nullptr;
    QPlainTextEdit *m_footer = nullptr;
    QLineEdit *m_printer = nullptr;
    QLineEdit *m_scanner = nullptr;
    QLineEdit *m_wedge = nullptr;
    QLabel *m_scanResult = nullptr;
    QComboBox *m_language = nullptr;
    QSpinBox *m_idleLock = nullptr;
    QSpinBox *m_discountLimit = nullptr;
    QLabel *m_message;
};

} // namespace pos
