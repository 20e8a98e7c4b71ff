#include "signinscreen.h"

#include "pinpad.h"
#include "theme.h"

#include "core/showninput.h"
#include "services/till.h"

#include <QButtonGroup>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QString roleName(Role role)
{
    switch (role) {
    case Role::Manager: return SignInScreen::tr("Manager");
    case Role::Guide: return SignInScreen::tr("Guide");
    case Role::Cashier: break;
    }
    return SignInScreen::tr("Cashier");
}

} // namespace

SignInScreen::SignInScreen(Till &till, QWidget *parent)
    : QWidget(parent), m_till(till), m_people(new QWidget(this)), m_peopleGrid(new QGridLayout(m_people)),
      m_buttons(new QButtonGroup(this)), m_prompt(new QLabel(this)), m_pad(new PinPad(this)), m_message(new QLabel(this))
{
    setObjectName(u"signInScreen"_s);
    auto *h = new QHBoxLayout(this);
    h->setContentsMargins(48, 32, 48, 32);
    h->setSpacing(48);

    auto *left = new QVBoxLayout;
    auto *title = new QLabel(tr("Who is at the till?"), this);
    title->setObjectName(u"signInTitle"_s);
    left->addWidget(title);
    left->addWidget(Theme::caption(tr("Touch your name or scan your badge, then type your PIN."), this));
    m_peopleGrid->setSpacing(12);
    m_peopleGrid->setContentsMargins(0, 16, 0, 0);
    left->addWidget(m_people);
    left->addStretch(1);
    h->addLayout(left, 3);

    auto *right = new QVBoxLayout;
    m_prompt->setObjectName(u"signInPrompt"_s);
    m_prompt->setWordWrap(true);
    right->addWidget(m_prompt);
    right->addWidget(m_pad);
    m_message->setObjectName(u"signInMessage"_s);
    m_message->setWordWrap(true);
    m_message->setMinimumHeight(48);
    right->addWidget(m_message);
    right->addStretch(1);
    h->addLayout(right, 2);

    m_buttons->setExclusive(true);
    connect(m_pad, &PinPad::entered, this, &SignInScreen::tryPin);
    reset();
}

void SignInScreen::paintEvent(QPaintEvent *event)
{
    QWidget::paintEvent(event);
    if (!std::exchange(m_painted, true))
        emit firstPainted();
}

void SignInScreen::showPeople(const QList<StaffMember> &people)
{
    for (QAbstractButton *b : m_buttons->buttons())
        delete b;
    m_offered.clear();
    int i = 0;
    for (const StaffMember &m : people) {
        if (!m.active)
            continue;
        auto *b = Theme::touchButton(tr("%1\n%2").arg(m.name, roleName(m.role)), u"staff_"_s + m.id, m_people);
        b->setCheckable(true);
        b->setChecked(m.id == m_chosen);
        b->setMinimumSize(180, Theme::touchHeight + 40);
        m_buttons->addButton(b);
        connect(b, &QPushButton::clicked, this, [this, id = m.id] { choose(id); });
        m_peopleGrid->addWidget(b, i / 3, i % 3);
        m_offered.append(m.id);
        ++i;
    }
}

void SignInScreen::refreshPeople()
{
    const QList<StaffMember> people = StaffService(m_till).all();
    QStringList active;
    for (const StaffMember &m : people)
        if (m.active)
            active.append(m.id);
    if (active == m_offered)
        return;
    if (!m_chosen.isEmpty() && !active.contains(m_chosen)) {
        m_chosen.clear();
        m_prompt->setText(tr("Choose who you are."));
        m_pad->clear();
    }
    showPeople(people);
}

void SignInScreen::reset(const QString &message)
{
    m_chosen.clear();
    showPeople(StaffService(m_till).all());
    m_prompt->setText(tr("Choose who you are."));
    m_pad->clear();
    Theme::showMessage(m_message, message, false);
}

void SignInScreen::choose(const QString &id)
{
    m_chosen = id;
    for (QAbstractButton *b : m_buttons->buttons())
        b->setChecked(b->objectName() == u"staff_"_s + id);
    for (const StaffMember &m : StaffService(m_till).all())
        if (m.id == id)
            m_prompt->setText(tr("PIN for %1").arg(m.name));
    m_pad->clear();
    m_pad->field()->setFocus();
    Theme::showMessage(m_message, {}, false);
}

void SignInScreen::badgeScanned(const QString &code)
{
    const QString id = StaffService::idFromBadge(code);
    for (const StaffMember &m : StaffService(m_till).all()) {
        if (m.active && m.id.compare(id, Qt::CaseInsensitive) == 0) {
            choose(m.id);
            return;
        }
    }
    Theme::showMessage(m_message, tr("That is not a staff badge here (%1). Sign in first to sell.").arg(shownInput(code)), true);
}

void SignInScreen::tryPin(const QString &pin)
{
    if (m_chosen.isEmpty()) {
        Theme::showMessage(m_message, tr("Touch your name first."), true);
        return;
    }
    auto who = StaffService(m_till).signIn(m_chosen, pin);
    m_pad->clear();
    if (!who) {
        Theme::showMessage(m_message, who.error(), true);
        return;
    }
    emit signedIn(*who);
}

} // namespace pos
