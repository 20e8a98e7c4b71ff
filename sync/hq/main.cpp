// pos-hq: the reference HQ server and its admin commands. Every command takes --database.
#include "hqserver.h"
#include "hqstore.h"

#include "core/showninput.h"
#include "i18n/translator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

#include <csignal>

using namespace pos::hq;
using pos::shownInput;
using pos::shownPath;
using namespace Qt::Literals::StringLiterals;

namespace {

class PosHq
{
    Q_DECLARE_TR_FUNCTIONS(PosHq)
public:
    static QString usage()
    {
        return tr("Usage: pos-hq [--database URL] COMMAND [OPTIONS]\n\n"
                  "Commands:\n"
                  "  serve --listen HOST:PORT --cert CERT.pem --key KEY.pem [--reconcile-every MINUTES]\n"
                  "        [--maintenance SECONDS]\n"
                  "                                      serve the tills over HTTPS (sync/PROTOCOL.md)\n"
                  "  stores [add ID NAME]                list the stores, or add one\n"
                  "  enroll --store S01 --terminal T01 [--valid-hours 24]\n"
                  "                                      print a one-time code for a till to enrol with\n"
                  "  terminals [--revoke S01/T01]        list the enrolled terminals, or revoke one\n"
                  "  guides add ID NAME --store S01 | guides depart ID [--heir ID]\n"
                  "                                      the chain's guides (sent to the store's tills)\n"
                  "  members add ID --phone P --name N [--guide ID]\n"
                  "                                      a member, bound to an exclusive guide (sent to every till)\n"
                  "  catalog import FILE.csv             the chain's products and prices (changes go to every till)\n"
                  "  policy [set FILE.json]              the chain's attribution policy (sent to every till)\n"
                  "  reconcile                           recompute the store credits from everything HQ knows;\n"
                  "                                      differences go to the stores as adjusting credits\n"
                  "  online-order FILE.jsonl             the web shop's attribution events (orders, share-link\n"
                  "                                      clicks, binds; spec §10): online credits for the stores\n"
                  "  admin-token NAME                    a token for the chain's reports over HTTPS:\n"
                  "                                      GET /v1/hq/leaderboard|orders|ledger (sync/PROTOCOL.md)\n"
                  "  orders --store S01 [--date YYYY-MM-DD] [--json]\n"
                  "                                      the orders HQ holds for a store\n"
                  "  leaderboard --store S01 --date YYYY-MM-DD [--json]\n"
                  "                                      the store's guides ranked for a day\n"
                  "  ledger --store S01 --from YYYY-MM-DD [--to YYYY-MM-DD] [--json]\n"
                  "                                      every credit (tills', HQ's adjustments, online)\n\n"
                  "--database sqlite:PATH or postgresql://USER:PASSWORD@HOST:PORT/NAME (default %1).\n"
                  "--lang zh_CN|en overrides the system language.\n"
                  "Exit status: 0 done, 1 HQ could not do it, 2 bad input.\n")
            .arg(DatabaseUrl::defaultUrl());
    }
};

constexpr int ExitOk = 0, ExitFailure = 1, ExitBadInput = 2;

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

int fail(const QString &why, int status = ExitBadInput)
{
    QTextStream(stderr) << "pos-hq: " << why << Qt::endl;
    return status;
}

// A failure from the store: its message, and whose fault it was as the exit status.
template <typename R>
int failWith(const R &result)
{
    return fail(result.error(), result.errorKind() == pos::ErrorKind::System ? ExitFailure : ExitBadInput);
}

QString jsonLine(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The command's own options after the command word; false (already reported) on bad input.
bool parseCommand(QCommandLineParser &parser, const QStringList &args, int minPositional, int maxPositional)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(args)) {
        fail(parser.errorText());
        return false;
    }
    const int n = int(parser.positionalArguments().size());
    if (n < minPositional || n > maxPositional) {
        fail(PosHq::tr("wrong arguments (see pos-hq --help)"));
        return false;
    }
    return true;
}

int serve(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"listen"_s, PosHq::tr("Address and port, e.g. 127.0.0.1:8443 (port 0: any free one)."), u"HOST:PORT"_s});
    p.addOption({u"cert"_s, PosHq::tr("The server certificate (PEM), signed by the chain's CA."), u"FILE"_s});
    p.addOption({u"key"_s, PosHq::tr("The server's private key (PEM)."), u"FILE"_s});
    p.addOption({u"maintenance"_s, PosHq::tr("Answer 503 with this Retry-After to every call."), u"SECONDS"_s});
    p.addOption({u"reconcile-every"_s, PosHq::tr("Recompute the store credits every so many minutes (0: never; default 15)."),
                 u"MINUTES"_s, u"15"_s});
    if (!parseCommand(p, args, 0, 0))
        return ExitBadInput;
    const QString listen = p.value(u"listen"_s);
    const qsizetype colon = listen.lastIndexOf(u':');
    bool portOk = false;
    const int port = listen.mid(colon + 1).toInt(&portOk);
    if (colon <= 0 || !portOk || port < 0 || port > 65535)
        return fail(PosHq::tr("--listen needs HOST:PORT, e.g. 127.0.0.1:8443"));
    if (!p.isSet(u"cert"_s) || !p.isSet(u"key"_s))
        return fail(PosHq::tr("HQ speaks HTTPS only: give --cert and --key"));
    HqServer server(store);
    if (p.isSet(u"maintenance"_s))
        server.setMaintenance(qMax(1, p.value(u"maintenance"_s).toInt()));
    QString error;
    const quint16 bound = server.listen(listen.left(colon), quint16(port), p.value(u"cert"_s), p.value(u"key"_s), &error);
    if (bound == 0)
        return fail(error, ExitFailure);
    out() << PosHq::tr("pos-hq listening on https://%1:%2").arg(listen.left(colon)).arg(bound) << Qt::endl;
    // HQ's recomputation runs by itself once the chain's policy is set.
    QTimer reconcileTimer;
    const int everyMinutes = qMax(0, p.value(u"reconcile-every"_s).toInt());
    QObject::connect(&reconcileTimer, &QTimer::timeout, &reconcileTimer, [&store] {
        if (store.policy().isEmpty())
            return;
        if (auto r = store.reconcile(QDateTime::currentMSecsSinceEpoch()); !r)
            QTextStream(stderr) << "pos-hq: " << r.error() << Qt::endl;
    });
    if (everyMinutes > 0)
        reconcileTimer.start(everyMinutes * 60'000);
    std::signal(SIGTERM, [](int) { QCoreApplication::quit(); });
    std::signal(SIGINT, [](int) { QCoreApplication::quit(); });
    return QCoreApplication::exec();
}

int stores(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    if (!parseCommand(p, args, 0, 3))
        return ExitBadInput;
    const QStringList pos = p.positionalArguments();
    if (!pos.isEmpty()) {
        if (pos[0] != u"add"_s || pos.size() < 2)
            return fail(PosHq::tr("use: pos-hq stores add ID NAME"));
        if (auto s = store.addStore(pos[1], pos.value(2)); !s)
            return failWith(s);
    }
    for (const auto &[id, name] : store.stores())
        out() << id << u"  "_s << name << u'\n';
    out().flush();
    return ExitOk;
}

int guides(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"store"_s, PosHq::tr("With add: the guide's store."), u"ID"_s});
    p.addOption({u"heir"_s, PosHq::tr("With depart: who inherits the guide's customers."), u"ID"_s});
    if (!parseCommand(p, args, 2, 3))
        return ExitBadInput;
    const QStringList pos = p.positionalArguments();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    pos::Status s;
    if (pos[0] == u"add"_s && pos.size() == 3 && p.isSet(u"store"_s))
        s = store.addGuide(pos[1], pos[2], p.value(u"store"_s), now);
    else if (pos[0] == u"depart"_s && pos.size() == 2)
        s = store.departGuide(pos[1], p.value(u"heir"_s), now);
    else
        return fail(PosHq::tr("use: pos-hq guides add ID NAME --store S01 | guides depart ID [--heir ID]"));
    if (!s)
        return failWith(s);
    out() << PosHq::tr("Done; the store's tills get it at their next sync.") << Qt::endl;
    return ExitOk;
}

int members(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"phone"_s, PosHq::tr("The member's mobile number."), u"PHONE"_s});
    p.addOption({u"name"_s, PosHq::tr("The member's name."), u"NAME"_s});
    p.addOption({u"guide"_s, PosHq::tr("Bind the member to this exclusive guide."), u"ID"_s});
    if (!parseCommand(p, args, 2, 2) || p.positionalArguments()[0] != u"add"_s)
        return fail(PosHq::tr("use: pos-hq members add ID --phone P --name N [--guide ID]"));
    if (auto s = store.addMember(p.positionalArguments()[1], p.value(u"phone"_s), p.value(u"name"_s), p.value(u"guide"_s),
                                 QDateTime::currentMSecsSinceEpoch());
        !s)
        return failWith(s);
    out() << PosHq::tr("Done; every store's tills get it at their next sync.") << Qt::endl;
    return ExitOk;
}

int onlineOrders(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    if (!parseCommand(p, args, 1, 1))
        return ExitBadInput;
    QFile in(p.positionalArguments()[0]);
    if (p.positionalArguments()[0] == u"-"_s ? !in.open(stdin, QIODevice::ReadOnly) : !in.open(QIODevice::ReadOnly))
        return fail(PosHq::tr("cannot read %1: %2").arg(shownPath(in.fileName()), in.errorString()));
    QStringList lines;
    while (!in.atEnd())
        lines.append(QString::fromUtf8(in.readLine()).trimmed());
    auto result = store.importOnlineFeed(lines, QDateTime::currentMSecsSinceEpoch());
    if (!result)
        return fail(result.error(), ExitFailure);
    for (const QString &e : result->errors)
        QTextStream(stderr) << "pos-hq: " << e << Qt::endl;
    out() << PosHq::tr("%1 line(s) kept, %2 bad; %3 new online credit(s) for the stores' tills.")
                 .arg(result->accepted).arg(result->errors.size()).arg(result->newCredits)
          << Qt::endl;
    return result->errors.isEmpty() ? ExitOk : ExitFailure;
}

int catalog(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    if (!parseCommand(p, args, 2, 2) || p.positionalArguments()[0] != u"import"_s)
        return fail(PosHq::tr("use: pos-hq catalog import FILE.csv"));
    QFile in(p.positionalArguments()[1]);
    if (!in.open(QIODevice::ReadOnly))
        return fail(PosHq::tr("cannot read %1: %2").arg(shownPath(in.fileName()), in.errorString()));
    auto result = store.importCatalog(QString::fromUtf8(in.readAll()), QDateTime::currentMSecsSinceEpoch());
    if (!result)
        return failWith(result);
    for (const QString &e : result->errors)
        QTextStream(stderr) << "pos-hq: " << e << Qt::endl;
    out() << PosHq::tr("%1 product(s) changed (sent to every till), %2 unchanged, %3 bad line(s).")
                 .arg(result->changed).arg(result->unchanged).arg(result->errors.size())
          << Qt::endl;
    return result->errors.isEmpty() ? ExitOk : ExitBadInput;
}

int policy(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    if (!parseCommand(p, args, 0, 2))
        return ExitBadInput;
    const QStringList pos = p.positionalArguments();
    if (!pos.isEmpty()) {
        if (pos[0] != u"set"_s || pos.size() != 2)
            return fail(PosHq::tr("use: pos-hq policy [set FILE.json]"));
        QFile in(pos[1]);
        if (!in.open(QIODevice::ReadOnly))
            return fail(PosHq::tr("cannot read %1: %2").arg(shownPath(in.fileName()), in.errorString()));
        if (auto s = store.setPolicy(QString::fromUtf8(in.readAll()), QDateTime::currentMSecsSinceEpoch()); !s)
            return failWith(s);
    }
    const QString current = store.policy();
    out() << (current.isEmpty() ? PosHq::tr("No policy set: the tills use their own.") : current) << Qt::endl;
    return ExitOk;
}

int reconcile(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    if (!parseCommand(p, args, 0, 0))
        return ExitBadInput;
    auto result = store.reconcile(QDateTime::currentMSecsSinceEpoch());
    if (!result)
        return failWith(result);
    for (const QString &e : result->errors)
        QTextStream(stderr) << "pos-hq: " << e << Qt::endl;
    out() << PosHq::tr("%1 order(s) and refund(s) recomputed; %2 adjusting credit(s) sent to the stores.")
                 .arg(result->orders).arg(result->adjustments)
          << Qt::endl;
    return ExitOk;
}

bool validDate(const QString &date)
{
    return date.isEmpty() || QDate::fromString(date, Qt::ISODate).isValid();
}

int ledger(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"store"_s, PosHq::tr("The store, e.g. S01."), u"ID"_s});
    p.addOption({u"from"_s, PosHq::tr("The first business day, YYYY-MM-DD."), u"DATE"_s});
    p.addOption({u"to"_s, PosHq::tr("The last business day, YYYY-MM-DD (default: the first)."), u"DATE"_s});
    p.addOption({u"json"_s, PosHq::tr("One JSON object per credit.")});
    if (!parseCommand(p, args, 0, 0))
        return ExitBadInput;
    const QString from = p.value(u"from"_s);
    const QString to = p.isSet(u"to"_s) ? p.value(u"to"_s) : from;
    if (!p.isSet(u"store"_s) || from.isEmpty() || !validDate(from) || !validDate(to))
        return fail(PosHq::tr("ledger needs --store ID and --from YYYY-MM-DD [--to YYYY-MM-DD]"));
    for (const QJsonObject &row : store.ledger(p.value(u"store"_s), from, to)) {
        if (p.isSet(u"json"_s))
            out() << jsonLine(row) << u'\n';
        else
            out() << row.value(u"business_date"_s).toString() << u"  "_s << row.value(u"doc"_s).toString() << u"  "_s
                  << row.value(u"guide"_s).toString() << u"  "_s << row.value(u"kind"_s).toString() << u"  "_s
                  << row.value(u"channel"_s).toString() << u"  "_s << row.value(u"amount_fen"_s).toInteger() << u'\n';
    }
    out().flush();
    return ExitOk;
}

int adminToken(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    if (!parseCommand(p, args, 1, 1))
        return fail(PosHq::tr("use: pos-hq admin-token NAME"));
    auto token = store.createAdminToken(p.positionalArguments()[0], QDateTime::currentMSecsSinceEpoch());
    if (!token)
        return failWith(token);
    out() << *token << Qt::endl;
    return ExitOk;
}

int enroll(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"store"_s, PosHq::tr("The store, e.g. S01."), u"ID"_s});
    p.addOption({u"terminal"_s, PosHq::tr("The till, e.g. T01."), u"ID"_s});
    p.addOption({u"valid-hours"_s, PosHq::tr("How long the code may be used (default 24)."), u"HOURS"_s, u"24"_s});
    if (!parseCommand(p, args, 0, 0))
        return ExitBadInput;
    bool ok = false;
    const int hours = p.value(u"valid-hours"_s).toInt(&ok);
    if (!ok || hours < 1 || hours > 24 * 30)
        return fail(PosHq::tr("--valid-hours is 1 to 720"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto code = store.createEnrolment(p.value(u"store"_s), p.value(u"terminal"_s), now, now + hours * 3600'000LL);
    if (!code)
        return failWith(code);
    out() << *code << Qt::endl;
    return ExitOk;
}

int terminals(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"revoke"_s, PosHq::tr("Revoke this terminal: its secret stops working at once."), u"STORE/TERMINAL"_s});
    if (!parseCommand(p, args, 0, 0))
        return ExitBadInput;
    if (p.isSet(u"revoke"_s)) {
        const QStringList who = p.value(u"revoke"_s).split(u'/');
        if (who.size() != 2)
            return fail(PosHq::tr("--revoke needs STORE/TERMINAL, e.g. S01/T01"));
        if (auto s = store.revoke(who[0], who[1], QDateTime::currentMSecsSinceEpoch()); !s)
            return fail(s.error());
    }
    for (const Terminal &t : store.terminals())
        out() << t.store << u'/' << t.terminal << u"  "_s
              << (t.revokedAt.isEmpty() ? PosHq::tr("enrolled %1").arg(t.enrolledAt) : PosHq::tr("revoked %1").arg(t.revokedAt))
              << u'\n';
    out().flush();
    return ExitOk;
}

int orders(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"store"_s, PosHq::tr("The store, e.g. S01."), u"ID"_s});
    p.addOption({u"date"_s, PosHq::tr("A business day, YYYY-MM-DD (default: every day)."), u"DATE"_s});
    p.addOption({u"json"_s, PosHq::tr("One JSON object per order.")});
    if (!parseCommand(p, args, 0, 0))
        return ExitBadInput;
    if (!p.isSet(u"store"_s))
        return fail(PosHq::tr("orders needs --store ID"));
    if (!validDate(p.value(u"date"_s)))
        return fail(PosHq::tr("bad date \"%1\" (use YYYY-MM-DD)").arg(shownInput(p.value(u"date"_s))));
    for (const QJsonObject &o : store.orders(p.value(u"store"_s), p.value(u"date"_s))) {
        if (p.isSet(u"json"_s))
            out() << jsonLine(o) << u'\n';
        else
            out() << o.value(u"number"_s).toString() << u"  "_s << o.value(u"paid_at"_s).toString() << u"  "_s
                  << o.value(u"terminal"_s).toString() << u"  "_s << o.value(u"total"_s).toInteger() << u'\n';
    }
    out().flush();
    return ExitOk;
}

int leaderboard(HqStore &store, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"store"_s, PosHq::tr("The store, e.g. S01."), u"ID"_s});
    p.addOption({u"date"_s, PosHq::tr("The business day, YYYY-MM-DD."), u"DATE"_s});
    p.addOption({u"json"_s, PosHq::tr("One JSON object per guide.")});
    if (!parseCommand(p, args, 0, 0))
        return ExitBadInput;
    if (!p.isSet(u"store"_s) || !p.isSet(u"date"_s) || !validDate(p.value(u"date"_s)))
        return fail(PosHq::tr("leaderboard needs --store ID and --date YYYY-MM-DD"));
    for (QJsonObject row : store.leaderboard(p.value(u"store"_s), p.value(u"date"_s))) {
        row.insert(u"store"_s, p.value(u"store"_s));
        row.insert(u"date"_s, p.value(u"date"_s));
        if (p.isSet(u"json"_s))
            out() << jsonLine(row) << u'\n';
        else
            out() << row.value(u"rank"_s).toInt() << u". "_s << row.value(u"guide"_s).toString() << u"  "_s
                  << row.value(u"total_fen"_s).toInteger() << u"  ("_s << row.value(u"orders"_s).toInt() << u")\n"_s;
    }
    out().flush();
    return ExitOk;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"pos-hq"_s);
    pos::installTranslators(app, pos::languageFromArguments(app.arguments()));
    QStringList args = app.arguments();
    QString database = DatabaseUrl::defaultUrl();
    // Global options come before the command.
    int at = 1;
    while (at < args.size() && args[at].startsWith(u"--"_s)) {
        if (args[at] == u"--version"_s) {
            out() << u"pos-hq "_s << QStringLiteral(POS_VERSION) << Qt::endl;
            return ExitOk;
        }
        if (args[at] == u"--help"_s || args[at] == u"-h"_s) {
            out() << PosHq::usage();
            return ExitOk;
        }
        if (args[at] == u"--database"_s && at + 1 < args.size()) {
            database = args[at + 1];
            at += 2;
        } else if (args[at] == u"--lang"_s && at + 1 < args.size()) {
            at += 2; // taken above
        } else if (args[at].startsWith(u"--database="_s)) {
            database = args[at].mid(11);
            ++at;
        } else {
            return fail(PosHq::tr("unknown option %1 (see pos-hq --help)").arg(shownInput(args[at])));
        }
    }
    if (at >= args.size()) {
        QTextStream(stderr) << PosHq::usage();
        return ExitBadInput;
    }
    const QString command = args[at];
    const QStringList rest = QStringList{u"pos-hq "_s + command} + args.mid(at + 1);
    using Command = int (*)(HqStore &, const QStringList &);
    const QHash<QString, Command> commands{{u"serve"_s, serve},         {u"stores"_s, stores},
                                           {u"enroll"_s, enroll},       {u"terminals"_s, terminals},
                                           {u"orders"_s, orders},       {u"leaderboard"_s, leaderboard},
                                           {u"guides"_s, guides},       {u"members"_s, members},
                                           {u"online-order"_s, onlineOrders}, {u"catalog"_s, catalog},
                                           {u"policy"_s, policy},       {u"reconcile"_s, reconcile},
                                           {u"admin-token"_s, adminToken}, {u"ledger"_s, ledger}};
    const Command run = commands.value(command);
    if (!run)
        return fail(PosHq::tr("unknown command \"%1\" (see pos-hq --help)").arg(shownInput(command)));
    QString error;
    const auto url = DatabaseUrl::parse(database, &error);
    if (!url)
        return fail(error);
    HqStore store;
    if (auto s = store.open(*url); !s)
        return fail(s.error(), ExitFailure);
    return run(store, rest);
}
