#pragma once

#include <QString>

#include <optional>

namespace pos {

// Who may do what at the till. The actions are the ones a store guards; anyone may ring up
// and take payment.
enum class Role : quint8 { Cashier, Guide, Manager };
enum class Action : quint8 {
    VoidAfterPayment, // a line voided once payment has started
    PriceOverride,
    DiscountBeyondLimit,
    Refund,
    Reprint,
    OpenDrawer,       // without a sale
    CloseShift,
    ChangeSettings,
    ManageStaff,      // disable, enable or remove someone
};
constexpr int actionCount = 9;

QString roleKey(Role role);            // "cashier", "guide", "manager"
std::optional<Role> roleFromKey(const QString &key);
QString actionKey(Action action);      // "void_after_payment", …
std::optional<Action> actionFromKey(const QString &key);

// Whether the role may do it on its own (otherwise a manager's PIN on the spot can allow it).
bool allowed(Role role, Action action);
// Whether someone of this role can approve another's action with their PIN.
inline bool canOverride(Role role)
{
    return role == Role::Manager;
}

} // namespace pos
