#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace pos {

class Till;

// A manager approves something on the spot with their id and PIN (signed in through
// StaffService: wrong PINs count towards the lockout, and it is in the audit log).
class ManagerPinDialog : public QDialog
{
    Q_OBJECT
public:
    ManagerPinDialog(Till &till, const QString &what, QWidget *parent = nullptr);

    // Asks; true once a manager's PIN was right. A till with no manager set up lets it pass
    // (with a warning): nobody could ever approve otherwise.
    static bool approve(Till &till, const QString &what, QWidget *parent);

private:
    void check();
    Till &m_till;
    QLineEdit *m_id;
    QLineEdit *m_pin;
    QLabel *m_message;
};

} // namespace pos
