#pragma once

#include "scanconsumer.h"

#include "core/result.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;

namespace pos {

class Till;

// A manager approves something on the spot with their id (typed, or their badge scanned)
// and PIN. The check is StaffService's: wrong PINs count towards the lockout, and the
// approval is in the audit log with both names.
class ManagerPinDialog : public QDialog, public ScanConsumer
{
    Q_OBJECT
public:
    using Check = std::function<Status(const QString &managerId, const QString &pin)>;
    ManagerPinDialog(const QString &what, Check check, QWidget *parent = nullptr);

    // Asks until the check passes (true) or the cashier cancels. Refused at once when the
    // till has no manager who could approve.
    static bool ask(Till &till, const QString &what, QWidget *parent, const Check &check);
    // Closing the till in kiosk mode: a manager's PIN, or — on a till with no manager set up
    // — a warning and through, since nobody could ever close it otherwise.
    static bool approve(Till &till, const QString &what, QWidget *parent);

    // A manager's badge scanned: their id (STAFF:M01 or the bare id), then the PIN.
    void consumeScan(const QString &code) override;

private:
    void check();
    Check m_check;
    QLineEdit *m_id;
    QLineEdit *m_pin;
    QLabel *m_message;
};

} // namespace pos
