#pragma once

#include "core/permissions.h"
#include "services/staffservice.h"

#include <QObject>

#include <optional>

class QWidget;

namespace pos {

class Till;

// Who is signed in at the till, and the one door every guarded action goes through: it is
// allowed on the person's own role, or with a manager's PIN given on the spot (recorded with
// both names). A till with nobody set up is open to anyone; actions are audited all the same.
class ActionGate : public QObject
{
    Q_OBJECT
public:
    explicit ActionGate(Till &till, QObject *parent = nullptr);

    bool staffSetUp() const;
    const std::optional<StaffMember> &signedIn() const { return m_operator; }
    QString operatorId() const { return m_operator ? m_operator->id : QString(); }
    void signIn(const StaffMember &member);
    // Locked: nobody is at the till (the sale on screen stays as it is).
    void lock(const QString &why);
    // Whether the person signed in may still act, as StaffService says now: someone disabled
    // or removed meanwhile (posctl beside the running till, a departure from HQ) is signed out
    // at once — the till locks, and notice() says why. False too when nobody is signed in.
    bool confirmOperator();
    // Why the till last locked by itself (empty after a sign-in or a lock by hand).
    const QString &notice() const { return m_notice; }

    // May the person at the till do this now? Asks for a manager's PIN when their role may
    // not. `what` is said to the manager ("Void a line after payment started").
    bool permit(Action action, const QString &subject, const QString &what, QWidget *parent);
    // An action that needs no permission but belongs in the audit log (a void before payment).
    void record(const QString &action, const QString &subject, const QString &detail = {});

signals:
    void operatorChanged();

private:
    Till &m_till;
    std::optional<StaffMember> m_operator;
    QString m_notice;
};

} // namespace pos
