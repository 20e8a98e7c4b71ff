#include "memberdialog.h"

#include "theme.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

MemberDialog::MemberDialog(const QString &guideName, QWidget *parent)
    : QDialog(parent), m_phone(new QLineEdit(this)), m_name(new QLineEdit(this))
{
    setObjectName(u"memberDialog"_s);
    setWindowTitle(tr("New member"));
    auto *v = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_phone->setObjectName(u"newMemberPhone"_s);
    m_phone->setInputMask(u"99999999999;_"_s);
    m_phone->setMinimumHeight(Theme::touchHeight);
    m_name->setObjectName(u"newMemberName"_s);
    m_name->setMinimumHeight(Theme::touchHeight);
    form->addRow(tr("Mobile"), m_phone);
    form->addRow(tr("Name"), m_name);
    v->addLayout(form);
    v->addWidget(new QLabel(guideName.isEmpty() ? tr("No guide is chosen: the member will have no exclusive guide yet.")
                                                : tr("Exclusive guide: %1").arg(guideName),
                            this));
    auto *buttons = new QHBoxLayout;
    auto *cancel = Theme::touchButton(tr("Cancel"), u"newMemberCancel"_s, this);
    auto *ok = Theme::touchButton(tr("Register"), u"newMemberRegister"_s, this);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(ok, &QPushButton::clicked, this, &QDialog::accept);
    buttons->addStretch(1);
    buttons->addWidget(cancel);
    buttons->addWidget(ok);
    v->addLayout(buttons);
    m_phone->setFocus();
}

QString MemberDialog::phone() const
{
    return m_phone->text().trimmed();
}

QString MemberDialog::name() const
{
    return m_name->text().trimmed();
}

} // namespace pos
