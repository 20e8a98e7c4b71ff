// posctl staff, audit: who works the till, and what the audit log says they did.
#include "cliparse.h"
#include "posctl.h"
#include "textcolumns.h"

#include "services/settingsservice.h"
#include "services/staffservice.h"
#include "services/till.h"

#include <QHash>
#include <QJsonObject>

#include <cstdio>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

// "--pin -" reads the PIN from standard input, so it shows in no process list or history.
QString pinFrom(const QCommandLineParser &parser)
{
    const QString value = parser.value(u"pin"_s);
    if (value != u"-"_s)
        return value;
    QTextStream in(stdin);
    return in.readLine().trimmed();
}

// Whether someone may work the till, as posctl staff shows it.
QString stateLine(const StaffMember &m)
{
    switch (m.state) {
    case StaffState::Active:
        return Posctl::tr("active");
    case StaffState::Disabled:
        return Posctl::tr("disabled by %1 at %2").arg(m.disabledBy, m.disabledAt);
    case StaffState::Removed:
        return Posctl::tr("removed by %1 at %2").arg(m.disabledBy, m.removedAt);
    }
    return {};
}

} // namespace

int runStaff(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"ACTION"_s, Posctl::tr("add ID, check ID, disable ID, enable ID, remove ID, or nothing to list."));
    parser.addOption({u"name"_s, Posctl::tr("With add: the person's name."), u"NAME"_s});
    parser.addOption({u"role"_s, Posctl::tr("With add: cashier, guide or manager."), u"ROLE"_s});
    parser.addOption({u"as"_s, Posctl::tr("With disable, enable, remove: the manager doing it."), u"ID"_s});
    parser.addOption({u"pin"_s, Posctl::tr("4 to 6 digits (with disable, enable, remove: the manager's); - reads it from "
                                           "standard input."), u"PIN"_s});
    parser.addOption({u"json"_s, Posctl::tr("One JSON object per person.")});
    if (!parseCommand(ctx, parser, 0, 2))
        return ExitBadInput;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    static const QHash<QString, StaffChange> changes{
        {u"disable"_s, StaffChange::Disable}, {u"enable"_s, StaffChange::Enable}, {u"remove"_s, StaffChange::Remove}};
    const bool known = action == u"add"_s || action == u"check"_s || changes.contains(action);
    if (!action.isEmpty() && !(known && pos.size() == 2))
        return fail(ctx, Posctl::tr("use: posctl staff [add ID --name N --role R --pin P | check ID --pin P | "
                                    "disable|enable|remove ID --as MANAGER --pin P]"));
    std::optional<Role> role;
    if (action == u"add"_s) {
        role = roleFromKey(parser.value(u"role"_s));
        if (!role)
            return fail(ctx, Posctl::tr("--role is cashier, guide or manager"));
    }
    if (changes.contains(action) && (!parser.isSet(u"as"_s) || !parser.isSet(u"pin"_s)))
        return fail(ctx, Posctl::tr("%1 needs a manager: --as ID --pin P (or --pin - to type it)").arg(action));
    if (!action.isEmpty() && !parser.isSet(u"pin"_s))
        return fail(ctx, Posctl::tr("a PIN is needed (--pin, or --pin - to type it)"));
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    StaffService staff(till);
    if (action == u"add"_s) {
        if (Status s = staff.add(pos[1], parser.value(u"name"_s), *role, pinFrom(parser)); !s)
            return failWith(ctx, s);
    } else if (action == u"check"_s) {
        auto who = staff.signIn(pos[1], pinFrom(parser));
        if (!who)
            return failWith(ctx, who);
        ctx.out << Posctl::tr("PIN right: %1 (%2)").arg(terminalText(who->name), roleKey(who->role)) << Qt::endl;
        return ExitOk;
    } else if (changes.contains(action)) {
        auto now = staff.change(changes.value(action), pos[1], parser.value(u"as"_s), pinFrom(parser));
        if (!now)
            return failWith(ctx, now);
        ctx.out << now->id << u"  "_s << now->name << u"  "_s << stateLine(*now) << Qt::endl;
        return ExitOk;
    }
    for (const StaffMember &m : staff.all()) {
        if (parser.isSet(u"json"_s))
            ctx.out << jsonLine({{u"id"_s, m.id}, {u"name"_s, m.name}, {u"role"_s, roleKey(m.role)}, {u"active"_s, m.active},
                                 {u"state"_s, staffStateKey(m.state)}, {u"disabled_at"_s, m.disabledAt},
                                 {u"disabled_by"_s, m.disabledBy}, {u"removed_at"_s, m.removedAt}})
                    << u'\n';
        else
            ctx.out << terminalText(m.id) << u"  "_s << terminalText(m.name) << u"  "_s << roleKey(m.role) << u"  "_s
                    << terminalText(stateLine(m)) << u'\n';
    }
    ctx.out.flush();
    return ExitOk;
}

int runAudit(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"limit"_s, Posctl::tr("How many entries, newest first (default 50)."), u"N"_s, u"50"_s});
    parser.addOption({u"json"_s, Posctl::tr("One JSON object per entry.")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    bool ok = false;
    const int limit = parser.value(u"limit"_s).toInt(&ok);
    if (!ok || limit < 1)
        return fail(ctx, Posctl::tr("--limit is a number from 1"));
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    for (const AuditEntry &e : StaffService(till).auditLog(limit)) {
        if (parser.isSet(u"json"_s))
            ctx.out << jsonLine({{u"at"_s, e.at}, {u"actor"_s, e.actor}, {u"action"_s, e.action}, {u"subject"_s, e.subject},
                                 {u"detail"_s, e.detail}, {u"approved_by"_s, e.approvedBy}})
                    << u'\n';
        else
            ctx.out << terminalText(e.at) << u"  "_s << terminalText(e.actor) << u"  "_s << terminalText(e.action) << u"  "_s
                    << terminalText(e.subject) << (e.detail.isEmpty() ? QString() : u"  "_s + terminalText(e.detail))
                    << (e.approvedBy.isEmpty() ? QString() : u"  "_s + Posctl::tr("approved by %1").arg(terminalText(e.approvedBy)))
                    << u'\n';
    }
    ctx.out.flush();
    return ExitOk;
}

int runSettings(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"ACTION"_s, Posctl::tr("set KEY VALUE, or nothing to list."));
    parser.addOption({u"as"_s, Posctl::tr("With set: who changes it (a manager's id)."), u"ID"_s});
    parser.addOption({u"pin"_s, Posctl::tr("Their PIN; - reads it from standard input."), u"PIN"_s});
    parser.addOption({u"json"_s, Posctl::tr("One JSON object per setting.")});
    if (!parseCommand(ctx, parser, 0, 3))
        return ExitBadInput;
    const QStringList pos = parser.positionalArguments();
    if (!pos.isEmpty() && !(pos[0] == u"set"_s && pos.size() == 3))
        return fail(ctx, Posctl::tr("use: posctl settings [set KEY VALUE --as ID --pin P]"));
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    SettingsService settings(till);
    if (!pos.isEmpty()) {
        // A change of settings is a manager's, signed in with their PIN, like at the screen.
        StaffService staff(till);
        QString actor;
        if (!staff.all().isEmpty()) {
            if (!parser.isSet(u"as"_s) || !parser.isSet(u"pin"_s))
                return fail(ctx, Posctl::tr("changing a setting needs --as ID --pin P of someone who may"));
            auto who = staff.signIn(parser.value(u"as"_s), pinFrom(parser));
            if (!who)
                return failWith(ctx, who);
            if (auto allowed = staff.authorize(who->id, Action::ChangeSettings, pos[1]); !allowed)
                return failWith(ctx, allowed);
            actor = who->id;
        }
        if (Status s = settings.set(pos[1], pos[2], actor); !s)
            return failWith(ctx, s);
    }
    for (const SettingInfo &info : settings.all()) {
        if (parser.isSet(u"json"_s))
            ctx.out << jsonLine({{u"key"_s, info.key}, {u"value"_s, info.value}, {u"description"_s, info.description}}) << u'\n';
        else
            ctx.out << info.key << u" = "_s << terminalText(QString(info.value).replace(u'\n', u" | "_s)) << u"\n    "_s
                    << info.description << u'\n';
    }
    ctx.out.flush();
    return ExitOk;
}

} // namespace pos
