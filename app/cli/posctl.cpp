#include "posctl.h"
#include "textcolumns.h"

#include "core/showninput.h"
#include "services/staffservice.h"
#include "services/till.h"

#include <QHash>

namespace pos {

using namespace Qt::Literals::StringLiterals;

QString Posctl::usage()
{
    return tr(R"(Usage: posctl [--db PATH] COMMAND [OPTIONS]

Commands:
  init [--demo]                          create or upgrade the database; --demo loads the demo store
  products [--search TEXT] [--json]      list products, or search by name, pinyin initials, SKU or barcode
  guides [--json]                        list the store's guides
  sale [--guide ID] [--member ID|PHONE] [--discount D] --scan CODE[*QTY]... --pay METHOD[:YUAN][:REF]...
       [--cashier ID] [--no-receipt] [--json]
                                         ring up and pay a sale (METHOD: cash, card, wechat, alipay);
                                         its receipt prints when a receipt printer is set up
  orders [--date YYYY-MM-DD] [--json]    the sales of a business day (today by default)
  order NUMBER [--json]                  one sale by its order number
  refund NUMBER [--line SKU[*QTY]]... [--no-receipt] [--json]
                                         refund lines of a sale (the whole order without --line)
                                         to its original tenders; its credit is reversed
  leaderboard [--date YYYY-MM-DD] [--guide ID] [--json]
                                         the store's guides ranked for a day (today by default);
                                         --guide lists that guide's credits and why each went to them
  printers [--json]                      USB receipt printers found, and the configured one
  printers --set URI [--width 58|80] [--profile ID] | --clear
                                         choose the till's receipt printer (then sales and refunds print)
  print [--printer URI] (--test | --order NUMBER | --refund NUMBER) [--copy] [--width 58|80] [--profile ID]
                                         print a test page or a receipt; URI: usb://VID:PID, usb://auto,
                                         tcp://HOST[:9100], file:/dev/usb/lp0, serial:/dev/ttyUSB0, png:FILE
  print-jobs [--all] [--json] | --retry JOB | --cancel JOB | --run
                                         receipts not printed yet, and what to do about them
  parse-barcode TEXT [--json]            what a scan says: product (check digit), weighted, GS1, member,
                                         guide, receipt or binding link; exit 2 when it is not valid
  scan-image FILE... [--json]            decode the barcodes in images; exit 1 when some had none,
                                         2 when a file can't be read
  scanners [--list] [--set serial:/dev/ttyACM0[?baud=N]|hidpos:auto|evdev:/dev/input/… | --clear]
           [--weighted LAYOUT] [--wedge gap=MS,min=N,tab=on|off,prefix=P,suffix=S]
                                         the till's scanners, its weighted-code layout (20-29:5:5:price)
                                         and how the keyboard wedge tells a scanner from a person
  enroll URL CODE --ca CA.pem [--pin SHA256]
                                         enrol this till with HQ (the code comes from pos-hq enroll)
  sync [--once] [--batch N] [--retry-parked]
                                         send the events waiting for HQ, then take HQ's changes
                                         (--once: until none is left)
  sync-status [--json]                   online or not, what waits for HQ, the last problem
  shift open --float YUAN [--by NAME] | shift cash --in|--out YUAN --reason TEXT
  shift close --count 100x3,50x2,… [--by NAME] | shift status [--json]
                                         the drawer's shift: float, petty cash, blind count at the close
  report x|z [--date YYYY-MM-DD] [--reprint] [--print [--printer URI]] [--json]
                                         the day's X report, or its Z report (once per day, kept);
                                         --print also prints it on the receipt printer
  staff [--json] | staff add ID --name N --role cashier|guide|manager --pin P|- | staff check ID --pin P|-
                                         who works the till and their state (PINs kept as salted,
                                         peppered PBKDF2 hashes)
  staff disable|enable|remove ID --as MANAGER --pin P|-
                                         take someone off the till (disable: until enabled again;
                                         remove: for good, their PIN wiped); a manager's, audited
  audit [--limit N] [--json]             the audit log: sign-ins, lockouts, overrides…, newest first
  settings [--json] | settings set KEY VALUE --as ID --pin P|-
                                         the till's settings (receipt header/footer, language, idle lock,
                                         discount limit, printer, scanners); each change audited
  quarantine [--clear]                   a database that failed its check at start was moved aside:
                                         where it went (exit 1), or --clear once a manager decided
  attribute [--explain] EVENTS.jsonl     replay attribution events (one JSON object a line) and print
                                         credits, summaries and the answers asked; exit 1 if a line was bad

--db PATH overrides the default database (%1).
Exit status: 0 done, 1 the till could not do it (database, disk), 2 bad input (nothing written).)")
        .arg(Database::defaultPath());
}

void auditCli(const Till &till, const QString &action, const QString &subject, const QString &by)
{
    StaffService(till).audit(by.trimmed().isEmpty() ? u"posctl"_s : by.trimmed(), action, subject, u"posctl"_s);
}

int fail(CliContext &ctx, const QString &message, int status)
{
    warn(ctx, message);
    return status;
}

void warn(CliContext &ctx, const QString &message)
{
    ctx.err << u"posctl: "_s << terminalText(message) << Qt::endl;
}

bool openTill(CliContext &ctx, Till &till)
{
    if (Status s = till.open(ctx.dbPath); !s) {
        fail(ctx, s.error(), ExitFailure);
        return false;
    }
    return true;
}

int Posctl::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QStringList rest;
    QString dbPath = Database::defaultPath();
    QString command;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == u"--db"_s) {
            if (i + 1 >= arguments.size()) {
                err << u"posctl: "_s << tr("--db needs a file path.") << Qt::endl;
                return ExitBadInput;
            }
            dbPath = arguments[++i];
        } else if (a.startsWith(u"--db="_s)) {
            dbPath = a.mid(5);
        } else if (a == u"--lang"_s && i + 1 < arguments.size()) {
            ++i; // handled by main before translators load
        } else if (command.isEmpty() && !a.startsWith(u'-')) {
            command = a;
        } else if (command.isEmpty() && (a == u"--help"_s || a == u"-h"_s)) {
            out << usage() << Qt::endl;
            return ExitOk;
        } else if (command.isEmpty() && a == u"--version"_s) {
            out << u"posctl "_s << QStringLiteral(POS_VERSION) << Qt::endl;
            return ExitOk;
        } else {
            rest.append(a);
        }
    }
    if (dbPath.isEmpty()) {
        err << u"posctl: "_s << tr("--db needs a file path.") << Qt::endl;
        return ExitBadInput;
    }
    CliContext ctx{rest, out, err, dbPath};
    static const QHash<QString, int (*)(CliContext &)> commands = {
        {u"init"_s, runInit},
        {u"products"_s, runProducts},
        {u"guides"_s, runGuides},
        {u"sale"_s, runSale},
        {u"orders"_s, runOrders},
        {u"order"_s, runOrder},
        {u"refund"_s, runRefund},
        {u"leaderboard"_s, runLeaderboard},
        {u"attribute"_s, runAttribute},
        {u"printers"_s, runPrinters},
        {u"print"_s, runPrint},
        {u"print-jobs"_s, runPrintJobs},
        {u"parse-barcode"_s, runParseBarcode},
        {u"scan-image"_s, runScanImage},
        {u"scanners"_s, runScanners},
        {u"enroll"_s, runEnroll},
        {u"sync"_s, runSync},
        {u"sync-status"_s, runSyncStatus},
        {u"shift"_s, runShift},
        {u"report"_s, runReport},
        {u"staff"_s, runStaff},
        {u"audit"_s, runAudit},
        {u"settings"_s, runSettings},
        {u"quarantine"_s, runQuarantine},
    };
    if (const auto run = commands.value(command))
        return run(ctx);
    if (command.isEmpty() || command == u"help"_s) {
        (command.isEmpty() ? err : out) << usage() << Qt::endl;
        return command.isEmpty() ? ExitBadInput : ExitOk;
    }
    return fail(ctx, tr("unknown command \"%1\" (see posctl --help)").arg(shownInput(command)));
}

} // namespace pos
