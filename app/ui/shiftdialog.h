#pragma once

#include <QDialog>

class QJsonObject;
class QLabel;
class QPushButton;

namespace pos {

class ActionGate;
class PrintSpooler;
class Till;

// The shift and the day at the till: open a shift with its float, petty cash in and out with
// a reason, close it with a blind count of the drawer by note and coin, and the day's X and
// Z reports — shown as the paper will print them and queued for the receipt printer.
class ShiftDialog : public QDialog
{
    Q_OBJECT
public:
    ShiftDialog(Till &till, ActionGate &gate, PrintSpooler &spooler, QWidget *parent = nullptr);

    void openShift();
    void moveCash(bool in);
    void closeShift();
    void showXReport();
    void makeZReport();

private:
    void refresh();
    void showReport(const QString &title, const QJsonObject &report);
    void showMessage(const QString &text, bool error);
    Till &m_till;
    ActionGate &m_gate;
    PrintSpooler &m_spooler;
    QLabel *m_status;
    QLabel *m_message;
    QPushButton *m_open;
    QPushButton *m_cashIn;
    QPushButton *m_cashOut;
    QPushButton *m_close;
    QPushButton *m_z;
};

} // namespace pos
