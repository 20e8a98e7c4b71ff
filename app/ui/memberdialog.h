#pragma once

#include <QDialog>

class QLineEdit;

namespace pos {

// A new member at the till: mobile number and name. The sale's guide becomes their
// exclusive guide (a `register` binding) under the chain's rules.
class MemberDialog : public QDialog
{
    Q_OBJECT
public:
    explicit MemberDialog(const QString &guideName, QWidget *parent = nullptr);
    QString phone() const;
    QString name() const;

private:
    QLineEdit *m_phone;
    QLineEdit *m_name;
};

} // namespace pos
