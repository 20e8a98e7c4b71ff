#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace pos {

class SyncAgent;
class Till;

// The till's link to HQ for the store manager: how it stands (online, what waits and since
// when, what HQ refused, the clock's skew, the last problem), enrolment with HQ's one-time
// code and the chain's CA, and "sync now".
class HqDialog : public QDialog
{
    Q_OBJECT
public:
    HqDialog(Till &till, SyncAgent *agent, QWidget *parent = nullptr);

    // Enrols with what the fields say; false (with the reason on screen) when it didn't.
    bool enroll();

private:
    void refresh();
    void chooseCa();
    Till &m_till;
    SyncAgent *m_agent;
    QLabel *m_state;
    QLineEdit *m_url;
    QLineEdit *m_code;
    QLineEdit *m_ca;
    QLabel *m_message;
};

} // namespace pos
