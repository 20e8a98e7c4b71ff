#pragma once

#include <QMainWindow>

class QLabel;
class QTimer;

namespace pos {

class KeyboardWedge;
class SaleScreen;
class Till;

// The till's window: a header with store and time, the sale screen, and a status bar that
// always says whether HQ is reachable and how much waits to be sent.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Till &till, QWidget *parent = nullptr);
    SaleScreen *saleScreen() const { return m_sale; }
    KeyboardWedge *wedge() const { return m_wedge; }

private:
    QWidget *buildHeader();
    void refreshStatus();

    Till &m_till;
    SaleScreen *m_sale;
    KeyboardWedge *m_wedge;
    QLabel *m_clock;
    QLabel *m_connection;
    QLabel *m_pending;
    QTimer *m_timer;
};

} // namespace pos
