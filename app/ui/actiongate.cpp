#include "actiongate.h"

#include "managerpindialog.h"

#include "services/till.h"

namespace pos {

using namespace Qt::Literals::StringLiterals;

ActionGate::ActionGate(Till &till, QObject *parent) : QObject(parent), m_till(till) {}

bool ActionGate::staffSetUp() const
{
    return !StaffService(m_till).all().isEmpty();
}

void ActionGate::signIn(const StaffMember &member)
{
    m_operator = member; // StaffService::signIn has audited it
    emit operatorChanged();
}

void ActionGate::lock(const QString &why)
{
    if (!m_operator)
        return;
    StaffService(m_till).audit(m_operator->id, u"lock"_s, {}, why);
    m_operator.reset();
    emit operatorChanged();
}

bool ActionGate::permit(Action action, const QString &subject, const QString &what, QWidget *parent)
{
    StaffService staff(m_till);
    if (!staffSetUp()) {
        staff.audit({}, actionKey(action), subject, u"no staff set up"_s);
        return true;
    }
    if (m_operator && allowed(m_operator->role, action))
        return bool(staff.authorize(m_operator->id, action, subject));
    // Not theirs to do (or nobody signed in): a manager approves on the spot, both names kept.
    const QString actor = operatorId();
    return ManagerPinDialog::ask(m_till, what, parent, [&](const QString &managerId, const QString &pin) -> Status {
        auto approved = staff.authorize(actor, action, subject, managerId, pin);
        return approved ? Status() : Status::failure(approved.error());
    });
}

void ActionGate::record(const QString &action, const QString &subject, const QString &detail)
{
    StaffService(m_till).audit(operatorId(), action, subject, detail);
}

} // namespace pos
