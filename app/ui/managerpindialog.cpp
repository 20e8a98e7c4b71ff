#include "managerpindialog.h"

#include "theme.h"

#include "services/staffservice.h"
#include "services/till.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

ManagerPinDialog::ManagerPinDialog(const QString &what, Check check, QWidget *parent)
    : QDialog(parent), m_check(std::move(check)), m_id(new QLineEdit(this)), m_pin(new QLineEdit(this)), m_message(new QLabel(this))
{
    setObjectName(u"managerPinDialog"_s);
    setWindowTitle(tr("Manager's approval"));
    auto *v = new QVBoxLayout(this);
    v->addWidget(new QLabel(tr("%1 needs a manager's PIN.").arg(what), this));
    auto *form = new QFormLayout;
    m_id->setObjectName(u"managerId"_s);
    m_pin->setObjectName(u"managerPin"_s);
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setInputMethodHints(Qt::ImhDigitsOnly);
    for (QLineEdit *field : {m_id, m_pin}) {
        field->setMinimumHeight(Theme::touchHeight - 12);
        field->setAttribute(Qt::WA_InputMethodEnabled, false);
    }
    form->addRow(tr("Manager"), m_id);
    form->addRow(tr("PIN"), m_pin);
    v->addLayout(form);
    m_message->setObjectName(u"managerPinMessage"_s);
    m_message->setWordWrap(true);
    v->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    auto *ok = Theme::touchButton(tr("Approve"), u"managerApprove"_s, this);
    auto *cancel = Theme::touchButton(tr("Cancel"), u"managerCancel"_s, this);
    connect(ok, &QPushButton::clicked, this, &ManagerPinDialog::check);
    connect(m_pin, &QLineEdit::returnPressed, this, &ManagerPinDialog::check);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    buttons->addWidget(ok);
    buttons->addStretch(1);
    buttons->addWidget(cancel);
    v->addLayout(buttons);
}

void ManagerPinDialog::check()
{
    const Status approved = m_check(m_id->text().trimmed(), m_pin->text());
    m_pin->clear();
    if (!approved) {
        Theme::showMessage(m_message, approved.error(), true);
        return;
    }
    accept();
}

void ManagerPinDialog::consumeScan(const QString &code)
{
    m_id->setText(StaffService::idFromBadge(code));
    m_pin->clear();
    m_pin->setFocus();
}

bool ManagerPinDialog::ask(Till &till, const QString &what, QWidget *parent, const Check &check)
{
    if (!StaffService(till).hasManager()) {
        QMessageBox::warning(parent, tr("No manager set up"),
                             tr("%1 needs a manager, and no manager is set up on this till.").arg(what));
        return false;
    }
    ManagerPinDialog dialog(what, check, parent);
    return dialog.exec() == QDialog::Accepted;
}

bool ManagerPinDialog::approve(Till &till, const QString &what, QWidget *parent)
{
    if (!StaffService(till).hasManager()) {
        QMessageBox::warning(parent, tr("No manager set up"),
                             tr("No manager is set up on this till (posctl staff add … --role manager), so nobody is asked."));
        return true;
    }
    return ask(till, what, parent, [&till](const QString &id, const QString &pin) -> Status {
        auto who = StaffService(till).approveAsManager(id, pin);
        return who ? Status() : Status::failure(who.error());
    });
}

} // namespace pos
