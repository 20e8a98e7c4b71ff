// posctl leaderboard, refund: guide performance and refunds against a receipt.
#include "cliparse.h"
#include "posctl.h"
#include "textcolumns.h"

#include "core/cart.h"
#include "core/showninput.h"
#include "services/leaderboardservice.h"
#include "services/lookupservice.h"
#include "services/printqueue.h"
#include "services/refundservice.h"
#include "services/till.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

// `leaderboard --guide`: the guide's credits of the day, each with why it went to them.
int printCredits(CliContext &ctx, const Till &till, const QString &guideId, QDate date, bool json)
{
    const auto guide = LookupService(till).guide(guideId);
    if (!guide)
        return fail(ctx, Posctl::tr("There is no guide %1.").arg(shownInput(guideId)));
    for (const CreditRecord &c : LeaderboardService(till).creditsOf(guide->id, date)) {
        const QString kind = c.row.kind == attribution::CreditKind::Exclusive ? u"exclusive"_s : u"sales"_s;
        if (json) {
            ctx.out << jsonLine({{u"type"_s, u"credit"_s},
                                {u"guide"_s, guide->id},
                                {u"order"_s, c.orderNumber},
                                {u"refund"_s, c.refundNumber.isEmpty() ? QJsonValue() : QJsonValue(c.refundNumber)},
                                {u"kind"_s, kind},
                                {u"amount"_s, c.row.amount},
                                {u"at"_s, c.row.at.toString(Qt::ISODate)},
                                {u"channel"_s, attribution::channelKey(c.row.channel)},
                                {u"why"_s, c.row.why}})
                    << u'\n';
        } else {
            ctx.out << c.row.at.toString(u"HH:mm"_s) << u"  "_s
                    << padToWidth(c.refundNumber.isEmpty() ? c.orderNumber : c.refundNumber, 18)
                    << padToWidth(c.row.kind == attribution::CreditKind::Exclusive ? Posctl::tr("exclusive") : Posctl::tr("sales"), 10)
                    << padToWidth(Money::fromFen(c.row.amount).toString(), 12, true) << u'\n'
                    << u"       "_s << Posctl::tr("why: %1").arg(terminalText(c.row.why)) << u'\n';
        }
    }
    ctx.out.flush();
    return ExitOk;
}

} // namespace

int runLeaderboard(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"date"_s, Posctl::tr("The business day (today by default)."), u"YYYY-MM-DD"_s});
    parser.addOption({u"guide"_s, Posctl::tr("List this guide's credits of the day and why each went to them."), u"ID"_s});
    parser.addOption({u"json"_s, Posctl::tr("One JSON object per guide (or per credit).")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    QDate date;
    if (!parseDateOption(ctx, parser, date))
        return ExitBadInput;
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    if (!till.isProvisioned())
        return fail(ctx, Posctl::tr("This till is not set up for a store yet (run posctl init --demo)."));
    if (!date.isValid())
        date = till.now().date();
    if (parser.isSet(u"guide"_s))
        return printCredits(ctx, till, parser.value(u"guide"_s), date, parser.isSet(u"json"_s));
    const LeaderboardDay day = LeaderboardService(till).day(date);
    for (const attribution::LeaderboardRow &r : day.rows) {
        if (parser.isSet(u"json"_s)) {
            ctx.out << jsonLine({{u"type"_s, u"leaderboard"_s},
                                {u"store"_s, till.store().id},
                                {u"date"_s, date.toString(Qt::ISODate)},
                                {u"rank"_s, r.rank},
                                {u"guide"_s, r.guide},
                                {u"name"_s, r.name},
                                {u"store_amount"_s, r.storeAmount},
                                {u"online_amount"_s, r.onlineAmount},
                                {u"total"_s, r.total},
                                {u"orders"_s, r.orders},
                                {u"members"_s, r.members},
                                {u"delta"_s, r.delta},
                                {u"online_as_of"_s, day.onlineAsOf ? QJsonValue(day.onlineAsOf->toString(Qt::ISODate)) : QJsonValue()}})
                    << u'\n';
        } else {
            ctx.out << padToWidth(QString::number(r.rank), 3, true) << u"  "_s << padToWidth(r.guide, 5)
                    << padToWidth(r.name, 10) << padToWidth(Money::fromFen(r.total).toString(), 13, true)
                    << Posctl::tr("  %1 orders  %2 members  %3 vs the day before")
                           .arg(r.orders).arg(r.members)
                           .arg((r.delta >= 0 ? u"+"_s : QString()) + Money::fromFen(r.delta).toString())
                    << u'\n';
        }
    }
    if (!parser.isSet(u"json"_s))
        ctx.out << (day.onlineAsOf ? Posctl::tr("Online amounts from HQ as of %1.").arg(day.onlineAsOf->toString(u"yyyy-MM-dd HH:mm"_s))
                                   : Posctl::tr("Online amounts: no figures from HQ yet.")) << u'\n';
    ctx.out.flush();
    return ExitOk;
}

int runRefund(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"line"_s, Posctl::tr("A product to take back, optionally *quantity (default: the whole order)."),
                      u"SKU[*QTY]"_s});
    parser.addOption({u"json"_s, Posctl::tr("Print the refund as JSON.")});
    parser.addOption({u"no-receipt"_s, Posctl::tr("Do not print the refund receipt.")});
    parser.addPositionalArgument(u"NUMBER"_s, Posctl::tr("The order number on the receipt."));
    if (!parseCommand(ctx, parser, 1, 1))
        return ExitBadInput;
    QList<SkuQuantity> wanted;
    for (const QString &arg : parser.values(u"line"_s)) {
        auto line = parseCodeQuantity(arg, u"--line"_s, Cart::maxQuantity);
        if (!line)
            return fail(ctx, line.error());
        wanted.append({line->code, line->quantity});
    }
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    const RefundService refunds(till);
    auto order = refunds.findOrder(parser.positionalArguments().constFirst());
    if (!order)
        return fail(ctx, order.error());
    QList<RefundRequestLine> request;
    if (!wanted.isEmpty()) {
        auto lines = refunds.linesFor(*order, wanted);
        if (!lines)
            return fail(ctx, lines.error());
        request = *lines;
    }
    auto refund = refunds.refund(order->number, request);
    if (!refund)
        return failWith(ctx, refund);
    const Refund &r = *refund;
    auditCli(till, u"refund"_s, order->number);
    if (parser.isSet(u"json"_s)) {
        QJsonArray lines;
        for (const RefundLine &l : r.plan.lines)
            lines.append(QJsonObject{{u"line"_s, l.lineNo}, {u"sku"_s, l.sku}, {u"qty"_s, l.quantity}, {u"amount"_s, l.amount.fen()}});
        QJsonArray payments;
        for (const RefundTender &t : r.plan.tenders)
            payments.append(QJsonObject{{u"method"_s, methodKey(t.method)}, {u"amount"_s, t.amount.fen()}, {u"reference"_s, t.reference}});
        ctx.out << jsonLine({{u"refund"_s, r.id},
                            {u"number"_s, r.number},
                            {u"order"_s, r.orderNumber},
                            {u"refunded_at"_s, r.refundedAt.toString(Qt::ISODate)},
                            {u"amount"_s, r.plan.total.fen()},
                            {u"lines"_s, lines},
                            {u"payments"_s, payments}})
                << u'\n';
    } else {
        ctx.out << Posctl::tr("Refund %1 of order %2: %3").arg(r.number, r.orderNumber, r.plan.total.toString()) << u'\n';
        for (const RefundLine &l : r.plan.lines)
            ctx.out << u"  "_s << padToWidth(l.name, 28) << u' ' << padToWidth(QString::number(l.quantity), 4, true)
                    << u"  "_s << padToWidth(l.amount.toString(), 11, true) << u'\n';
        for (const RefundTender &t : r.plan.tenders)
            ctx.out << Posctl::tr("  back to %1: %2").arg(methodLabel(t.method), t.amount.toString()) << u'\n';
    }
    ctx.out.flush();
    if (!parser.isSet(u"no-receipt"_s)) {
        printAfterCommit(ctx, till, PrintJobKind::RefundReceipt, r.number, PrintQueue::opensDrawer(r),
                         parser.isSet(u"json"_s));
    }
    return ExitOk;
}

} // namespace pos
