// posctl shift, report: the drawer's shifts and the day's X and Z reports.
#include "cliparse.h"
#include "posctl.h"
#include "textcolumns.h"

#include "core/money.h"
#include "core/showninput.h"
#include "printer/printer.h"
#include "services/printqueue.h"
#include "services/receiptlayout.h"
#include "services/shiftservice.h"
#include "services/till.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QString yuan(qint64 fen)
{
    return Money::fromFen(fen).toString();
}

QJsonObject cashJson(const ShiftCash &c)
{
    QJsonArray movements;
    for (const CashMovement &m : c.movements)
        movements.append(QJsonObject{{u"at"_s, m.at}, {u"amount"_s, m.amountFen}, {u"reason"_s, m.reason}});
    QJsonObject o{{u"shift"_s, c.shift.id},          {u"opened_at"_s, c.shift.openedAt},   {u"opened_by"_s, c.shift.openedBy},
                  {u"float"_s, c.shift.floatFen},    {u"cash_sales"_s, c.cashSalesFen},    {u"cash_refunds"_s, c.cashRefundsFen},
                  {u"cash_in_out"_s, c.movementsFen}, {u"expected"_s, c.expectedFen},     {u"movements"_s, movements}};
    if (!c.shift.closedAt.isEmpty()) {
        o.insert(u"closed_at"_s, c.shift.closedAt);
        o.insert(u"counted"_s, c.shift.countedFen);
        o.insert(u"difference"_s, c.shift.countedFen - c.shift.expectedFen);
    }
    return o;
}

void printCash(CliContext &ctx, const ShiftCash &c)
{
    ctx.out << Posctl::tr("Shift %1, opened %2 by %3").arg(c.shift.id).arg(terminalText(c.shift.openedAt), terminalText(c.shift.openedBy)) << u'\n'
            << Posctl::tr("  float %1 + cash sales %2 − cash refunds %3 + cash in/out %4 = expected %5")
                   .arg(yuan(c.shift.floatFen), yuan(c.cashSalesFen), yuan(c.cashRefundsFen), yuan(c.movementsFen),
                        yuan(c.expectedFen))
            << u'\n';
    if (!c.shift.closedAt.isEmpty())
        ctx.out << Posctl::tr("  closed %1: counted %2, difference %3")
                       .arg(terminalText(c.shift.closedAt), yuan(c.shift.countedFen), yuan(c.shift.countedFen - c.shift.expectedFen))
                << u'\n';
    ctx.out.flush();
}

void printReport(CliContext &ctx, const QJsonObject &r)
{
    auto fen = [&](const QString &k) { return yuan(r.value(k).toInteger()); };
    const QString title = r.contains(u"z"_s) ? Posctl::tr("Z report %1").arg(r.value(u"z"_s).toInt(), 4, 10, QChar(u'0'))
                                             : Posctl::tr("X report");
    ctx.out << title << u"  "_s << terminalText(r.value(u"store"_s).toString()) << u'/' << terminalText(r.value(u"terminal"_s).toString())
            << u"  "_s << terminalText(r.value(u"business_date"_s).toString()) << u'\n'
            << Posctl::tr("  sales %1 in %2 order(s) (before discounts %3, discounts %4)")
                   .arg(fen(u"sales"_s)).arg(r.value(u"orders"_s).toInt()).arg(fen(u"subtotal"_s), fen(u"discounts"_s))
            << u'\n'
            << Posctl::tr("  refunds %1 in %2 refund(s); net %3").arg(fen(u"refunds"_s)).arg(r.value(u"refund_count"_s).toInt()).arg(fen(u"net"_s))
            << u'\n';
    const QJsonObject tenders = r.value(u"tenders"_s).toObject();
    for (auto it = tenders.constBegin(); it != tenders.constEnd(); ++it)
        ctx.out << u"  "_s << terminalText(it.key()) << u": "_s
                << Posctl::tr("taken %1, given back %2, net %3")
                       .arg(yuan(it->toObject().value(u"sales"_s).toInteger()), yuan(it->toObject().value(u"refunds"_s).toInteger()),
                            yuan(it->toObject().value(u"net"_s).toInteger()))
                << u'\n';
    for (const QJsonValue &g : r.value(u"guides"_s).toArray())
        ctx.out << u"  "_s << Posctl::tr("guide %1: credited %2, refunds %3, net %4")
                                 .arg(terminalText(g[u"guide"_s].toString()), yuan(g[u"credited"_s].toInteger()), yuan(g[u"refunded"_s].toInteger()),
                                      yuan(g[u"net"_s].toInteger()))
                << u'\n';
    ctx.out << Posctl::tr("  new members %1; records waiting for HQ %2")
                   .arg(r.value(u"member_signups"_s).toInt())
                   .arg(r.value(u"pending_for_hq"_s).toInt())
            << u'\n';
    for (const QJsonValue &s : r.value(u"shifts"_s).toArray()) {
        ctx.out << u"  "_s << Posctl::tr("shift %1: expected %2").arg(s[u"shift"_s].toInt()).arg(yuan(s[u"expected"_s].toInteger()));
        if (s.toObject().contains(u"counted"_s))
            ctx.out << Posctl::tr(", counted %1, difference %2").arg(yuan(s[u"counted"_s].toInteger()), yuan(s[u"difference"_s].toInteger()));
        ctx.out << u'\n';
    }
    ctx.out.flush();
}

} // namespace

int runShift(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"ACTION"_s, Posctl::tr("open, cash, close or status."));
    parser.addOption({u"float"_s, Posctl::tr("With open: the opening float in yuan."), u"YUAN"_s});
    parser.addOption({u"by"_s, Posctl::tr("Who opens or closes the shift."), u"NAME"_s});
    parser.addOption({u"in"_s, Posctl::tr("With cash: yuan put into the drawer."), u"YUAN"_s});
    parser.addOption({u"out"_s, Posctl::tr("With cash: yuan taken out of the drawer."), u"YUAN"_s});
    parser.addOption({u"reason"_s, Posctl::tr("With cash: why."), u"TEXT"_s});
    parser.addOption({u"count"_s, Posctl::tr("With close: the drawer counted by denomination, e.g. 100x3,50x2,1x7,0.5x2."), u"COUNT"_s});
    parser.addOption({u"json"_s, Posctl::tr("Print the shift as one JSON object.")});
    if (!parseCommand(ctx, parser, 1, 1))
        return ExitBadInput;
    const QString action = parser.positionalArguments().constFirst();
    auto amount = [&](const QString &option) { return Money::parse(parser.value(option)); };
    if (action == u"open"_s && !amount(u"float"_s))
        return fail(ctx, Posctl::tr("shift open needs --float YUAN (0 for none)."));
    if (action == u"cash"_s && (parser.isSet(u"in"_s) == parser.isSet(u"out"_s)
                                || !amount(parser.isSet(u"in"_s) ? u"in"_s : u"out"_s)))
        return fail(ctx, Posctl::tr("shift cash needs --in YUAN or --out YUAN, and --reason."));
    if (action == u"close"_s && !parser.isSet(u"count"_s))
        return fail(ctx, Posctl::tr("shift close needs --count, the drawer counted by denomination (blind: before the till says what it expects)."));
    if (!QStringList{u"open"_s, u"cash"_s, u"close"_s, u"status"_s}.contains(action))
        return fail(ctx, Posctl::tr("unknown shift action \"%1\" (open, cash, close, status)").arg(shownInput(action)));
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    ShiftService shifts(till);
    std::optional<ShiftCash> shown;
    if (action == u"open"_s) {
        auto s = shifts.open(*amount(u"float"_s), parser.value(u"by"_s));
        if (!s)
            return failWith(ctx, s);
        shown = shifts.current();
    } else if (action == u"cash"_s) {
        const bool in = parser.isSet(u"in"_s);
        const qint64 fen = amount(in ? u"in"_s : u"out"_s)->fen();
        if (Status s = shifts.cash(in ? fen : -fen, parser.value(u"reason"_s)); !s)
            return failWith(ctx, s);
        auditCli(till, in ? u"cash.in"_s : u"cash.out"_s, parser.value(u"reason"_s));
        shown = shifts.current();
    } else if (action == u"close"_s) {
        auto closed = shifts.close(parser.value(u"count"_s), parser.value(u"by"_s));
        if (!closed)
            return failWith(ctx, closed);
        auditCli(till, u"close_shift"_s, QString::number(closed->shift.id), parser.value(u"by"_s));
        shown = *closed;
    } else {
        shown = shifts.current();
        if (!shown) {
            if (parser.isSet(u"json"_s))
                ctx.out << jsonLine({{u"open"_s, false}}) << Qt::endl;
            else
                ctx.out << Posctl::tr("No shift is open.") << Qt::endl;
            return ExitOk;
        }
    }
    if (parser.isSet(u"json"_s))
        ctx.out << jsonLine(cashJson(*shown)) << Qt::endl;
    else
        printCash(ctx, *shown);
    return ExitOk;
}

int runReport(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"KIND"_s, Posctl::tr("x (any time) or z (closes the business day, once)."));
    parser.addOption({u"date"_s, Posctl::tr("The business day, YYYY-MM-DD (today by default)."), u"DATE"_s});
    parser.addOption({u"reprint"_s, Posctl::tr("With z: show the Z report already made.")});
    parser.addOption({u"json"_s, Posctl::tr("Print the report as one JSON object.")});
    parser.addOption({u"print"_s, Posctl::tr("Also print it on the receipt printer (or --printer URI).")});
    parser.addOption({u"printer"_s, Posctl::tr("With --print: where, e.g. png:z.png or tcp://192.168.1.87."), u"URI"_s});
    if (!parseCommand(ctx, parser, 1, 1))
        return ExitBadInput;
    const QString kind = parser.positionalArguments().constFirst();
    QString uriError;
    if (parser.isSet(u"printer"_s) && !printer::PrinterUri::parse(parser.value(u"printer"_s), &uriError))
        return fail(ctx, uriError);
    if (kind != u"x"_s && kind != u"z"_s)
        return fail(ctx, Posctl::tr("report needs x or z, not \"%1\"").arg(shownInput(kind)));
    const QDate date = parser.isSet(u"date"_s) ? QDate::fromString(parser.value(u"date"_s), Qt::ISODate) : QDate();
    if (parser.isSet(u"date"_s) && !date.isValid())
        return fail(ctx, Posctl::tr("bad date \"%1\" (use YYYY-MM-DD)").arg(shownInput(parser.value(u"date"_s))));
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    ShiftService shifts(till);
    const QDate day = date.isValid() ? date : till.now().date();
    QJsonObject report;
    if (kind == u"x"_s) {
        report = shifts.dayReport(day);
    } else if (parser.isSet(u"reprint"_s)) {
        const auto z = shifts.storedZ(day);
        if (!z)
            return fail(ctx, Posctl::tr("There is no Z report for %1 yet.").arg(day.toString(Qt::ISODate)));
        report = z->second;
    } else {
        auto z = shifts.makeZ(day);
        if (!z)
            return failWith(ctx, z);
        auditCli(till, u"z.report"_s, QString::number(z->first));
        report = z->second;
    }
    if (parser.isSet(u"json"_s))
        ctx.out << jsonLine(report) << Qt::endl;
    else
        printReport(ctx, report);
    if (!parser.isSet(u"print"_s))
        return ExitOk;
    // On paper too: the report is made (and a Z kept) whether or not the printer takes it.
    PrinterChoice choice = PrintQueue(till).receiptPrinter();
    if (parser.isSet(u"printer"_s))
        choice = {parser.value(u"printer"_s), {}, 80};
    if (choice.isEmpty())
        return fail(ctx, Posctl::tr("no receipt printer is set up: give --printer URI, or set one with posctl printers --set URI."));
    auto device = PrintQueue::printerFor(choice);
    if (!device)
        return fail(ctx, device.error());
    if (!device->print(ReceiptLayout(till).dayReport(report, {.paperMm = choice.paperMm ? choice.paperMm : 80})))
        return fail(ctx, Posctl::tr("not printed: %1").arg(device->errorString()));
    return ExitOk;
}

} // namespace pos
