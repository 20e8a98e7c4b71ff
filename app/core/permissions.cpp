#include "permissions.h"

#include <array>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr std::array<const char16_t *, 3> roles{u"cashier", u"guide", u"manager"};
constexpr std::array<const char16_t *, actionCount> actions{u"void_after_payment", u"price_override", u"discount_beyond_limit",
                                                            u"refund", u"reprint", u"open_drawer", u"close_shift",
                                                            u"change_settings", u"manage_staff"};

} // namespace

QString roleKey(Role role)
{
    return QString::fromUtf16(roles[size_t(role)]);
}

std::optional<Role> roleFromKey(const QString &key)
{
    for (size_t i = 0; i < roles.size(); ++i)
        if (key == QString::fromUtf16(roles[i]))
            return Role(i);
    return std::nullopt;
}

QString actionKey(Action action)
{
    return QString::fromUtf16(actions[size_t(action)]);
}

std::optional<Action> actionFromKey(const QString &key)
{
    for (size_t i = 0; i < actions.size(); ++i)
        if (key == QString::fromUtf16(actions[i]))
            return Action(i);
    return std::nullopt;
}

bool allowed(Role role, Action action)
{
    switch (role) {
    case Role::Manager:
        return true;
    case Role::Cashier:
        // A cashier reprints a receipt the customer asks for again; the rest needs a manager.
        return action == Action::Reprint;
    case Role::Guide:
        return false; // guides sell; the till's money is not theirs to move
    }
    return false;
}

} // namespace pos
