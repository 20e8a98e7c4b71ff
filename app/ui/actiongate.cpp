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
    m_notice.clear();
    emit operatorChanged();
}

void ActionGate::lock(const QString &why)
{
    if (!m_operator)
        return;
    StaffService(m_till).audit(m_operator->id, u"lock"_s, {}, why);
    m_operator.reset();
    m_notice.clear();
    emit operatorChanged();
}

bool ActionGate::confirmOperator()
{
    if (!m_operator)
        return false;
    const auto still = StaffService(m_till).stillActive(m_operator->id);
    if (still) {
        m_operator = *still; // a name or role changed meanwhile is the one that counts
        return true;
    }
    if (still.errorKind() == ErrorKind::System)
        return false; // the database could not say: refuse this action, but don't lock anyone out for it
    StaffService(m_till).audit(m_operator->id, u"lock"_s, {}, u"inactive"_s);
    m_operator.reset();
    m_notice = still.error();
    emit operatorChanged();
    return false;
}

bool ActionGate::permit(Action action, const QString &subject, const QString &what, QWidget *parent)
{
    StaffService staff(m_till);
    if (!staffSetUp()) {
        staff.audit({}, actionKey(action), subject, u"no staff set up"_s);
        return true;
    }
    // Whoever signed in may have been taken off the till since: the service decides, not what
    // this screen remembers.
    if (m_operator && !confirmOperator())
        return false;
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
