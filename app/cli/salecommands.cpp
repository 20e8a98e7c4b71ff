// posctl sale, orders, order.
#include "cliparse.h"
#include "posctl.h"
#include "textcolumns.h"

#include "core/orderjson.h"
#include "core/showninput.h"
#include "services/checkoutservice.h"
#include "services/lookupservice.h"
#include "services/orderhistory.h"
#include "services/printqueue.h"
#include "services/till.h"

#include <QJsonDocument>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

Result<TenderRequest> parsePay(const QString &arg)
{
    using R = Result<TenderRequest>;
    const QString method = arg.section(u':', 0, 0).trimmed();
    const QString amount = arg.section(u':', 1, 1).trimmed();
    const QString reference = arg.section(u':', 2).trimmed();
    TenderRequest t;
    const auto m = methodFromKey(method);
    if (!m)
        return R::failure(Posctl::tr("unknown payment method \"%1\" (cash, card, wechat or alipay)").arg(shownInput(method)));
    t.method = *m;
    if (!amount.isEmpty()) {
        const auto money = Money::parse(amount);
        if (!money)
            return R::failure(Posctl::tr("malformed amount \"%1\" in --pay %2 (yuan, at most two decimals)").arg(shownInput(amount), shownInput(arg)));
        if (money->fen() <= 0)
            return R::failure(Posctl::tr("the amount in --pay %1 must be more than zero").arg(shownInput(arg)));
        t.amount = *money;
    }
    t.reference = reference;
    return t;
}

// "G01 小野", as the terminal shows it.
QString guideLabel(const LookupService &lookup, const QString &id)
{
    if (id.isEmpty())
        return Posctl::tr("none");
    const auto g = lookup.guide(id);
    return terminalText(g ? id + u' ' + g->name : id);
}

void printOrder(CliContext &ctx, const Till &till, const Order &o)
{
    const LookupService lookup(till);
    QTextStream &out = ctx.out;
    out << Posctl::tr("Order %1  %2").arg(terminalText(o.number), o.paidAt.toString(u"yyyy-MM-dd HH:mm:ss t"_s)) << u'\n';
    out << u"  "_s << terminalText(o.id) << u'\n';
    for (const OrderLine &l : o.lines) {
        out << u"  "_s << padToWidth(l.name, 28) << u' ' << padToWidth(QString::number(l.quantity), 4, true)
            << u" × "_s << padToWidth(l.unitPrice.toString(), 10, true) << u"  "_s
            << padToWidth(l.amount.toString(), 11, true) << u'\n';
        const Money off = l.lineDiscount + l.orderDiscountShare;
        if (!off.isZero())
            out << u"  "_s << padToWidth(Posctl::tr("  discount"), 47) << padToWidth((-off).toString(), 11, true) << u'\n';
    }
    out << Posctl::tr("  Total %1   Paid %2   Change %3").arg(o.total.toString(), o.paid.toString(), o.change.toString()) << u'\n';
    for (const AppliedTender &p : o.payments) {
        out << u"    "_s << methodLabel(p.method) << u' ' << p.tendered.toString();
        if (!p.reference.isEmpty())
            out << u"  "_s << Posctl::tr("ref %1").arg(terminalText(p.reference));
        out << u'\n';
    }
    out << Posctl::tr("  Guide: %1").arg(guideLabel(lookup, o.salesGuideId));
    if (!o.memberId.isEmpty()) {
        out << Posctl::tr("   Member: %1").arg(terminalText(o.memberId));
        if (!o.exclusiveGuideId.isEmpty())
            out << Posctl::tr(" (exclusive guide %1)").arg(guideLabel(lookup, o.exclusiveGuideId));
    }
    if (!o.cashierId.isEmpty())
        out << Posctl::tr("   Cashier: %1").arg(terminalText(o.cashierId));
    out << u'\n';
    if (!o.credits.isEmpty()) {
        QStringList parts;
        for (const attribution::CreditPart &c : o.credits)
            parts.append(Posctl::tr("%1 %2 (%3)").arg(guideLabel(lookup, c.guide), Money::fromFen(c.amount).toString(),
                                                      c.kind == attribution::CreditKind::Exclusive ? Posctl::tr("exclusive")
                                                                                                    : Posctl::tr("sales")));
        out << Posctl::tr("  Credited: %1   (policy %2)").arg(parts.join(u", "_s), terminalText(o.policyVersion)) << u'\n';
    }
}

QString jsonText(const Order &o)
{
    return jsonLine(orderToJson(o));
}

} // namespace

int runSale(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"guide"_s, Posctl::tr("The guide who served the customer."), u"ID"_s});
    parser.addOption({u"member"_s, Posctl::tr("Member code or phone."), u"ID|PHONE"_s});
    parser.addOption({u"cashier"_s, Posctl::tr("The staff member ringing it up (recorded on the order)."), u"ID"_s});
    parser.addOption({u"scan"_s, Posctl::tr("A barcode or SKU, optionally *quantity."), u"CODE[*QTY]"_s});
    parser.addOption({u"pay"_s, Posctl::tr("A tender: cash, card, wechat or alipay, amount in yuan, reference."), u"METHOD[:YUAN][:REF]"_s});
    parser.addOption({u"discount"_s, Posctl::tr("An order discount: 20, 15% or 8.5折."), u"D"_s});
    parser.addOption({u"json"_s, Posctl::tr("Print the order as JSON.")});
    parser.addOption({u"no-receipt"_s, Posctl::tr("Do not print the receipt.")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;

    // Everything that can be checked without the database is checked first.
    QList<CodeQuantity> scans;
    for (const QString &s : parser.values(u"scan"_s)) {
        auto scan = parseCodeQuantity(s, u"--scan"_s, Cart::maxQuantity);
        if (!scan)
            return fail(ctx, scan.error());
        scans.append(*scan);
    }
    if (scans.isEmpty())
        return fail(ctx, Posctl::tr("a sale needs at least one --scan"));
    QList<TenderRequest> tenders;
    for (const QString &p : parser.values(u"pay"_s)) {
        auto tender = parsePay(p);
        if (!tender)
            return fail(ctx, tender.error());
        tenders.append(*tender);
    }
    if (tenders.isEmpty())
        return fail(ctx, Posctl::tr("a sale needs at least one --pay (e.g. --pay cash)"));
    Discount discount;
    if (parser.isSet(u"discount"_s)) {
        auto d = Discount::parse(parser.value(u"discount"_s));
        if (!d)
            return fail(ctx, d.error());
        discount = *d;
    }

    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    const LookupService lookup(till);
    SaleRequest sale;
    for (const CodeQuantity &s : scans) {
        auto item = lookup.sellableProduct(s.code);
        if (!item)
            return fail(ctx, item.error());
        sale.cart.add(*item, s.code, s.quantity);
    }
    if (Status st = sale.cart.setOrderDiscount(discount); !st)
        return fail(ctx, st.error());
    sale.guideId = parser.value(u"guide"_s);
    sale.memberId = parser.value(u"member"_s);
    if (parser.isSet(u"guide"_s) && sale.guideId.trimmed().isEmpty())
        return fail(ctx, Posctl::tr("--guide needs a guide id"));
    if (parser.isSet(u"member"_s) && sale.memberId.trimmed().isEmpty())
        return fail(ctx, Posctl::tr("--member needs a member code or phone"));
    sale.cashierId = parser.value(u"cashier"_s).trimmed();
    if (parser.isSet(u"cashier"_s) && sale.cashierId.isEmpty())
        return fail(ctx, Posctl::tr("--cashier needs a staff id"));
    sale.tenders = tenders;

    auto order = CheckoutService(till).checkout(sale);
    if (!order) // input problems are refused before the commit; a failed commit is the till's fault
        return failWith(ctx, order);
    if (parser.isSet(u"json"_s))
        ctx.out << jsonText(*order) << Qt::endl;
    else
        printOrder(ctx, till, *order);
    ctx.out.flush();
    if (!parser.isSet(u"no-receipt"_s)) {
        printAfterCommit(ctx, till, PrintJobKind::SaleReceipt, order->number, PrintQueue::opensDrawer(*order),
                         parser.isSet(u"json"_s));
    }
    till.database().checkpointIfDue(); // the sale is reported; tidy the WAL now
    return ExitOk;
}

int runOrders(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"date"_s, Posctl::tr("Business day, YYYY-MM-DD (store time)."), u"YYYY-MM-DD"_s});
    parser.addOption({u"json"_s, Posctl::tr("One JSON object per line.")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    QDate date;
    if (!parseDateOption(ctx, parser, date))
        return ExitBadInput;
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    const QList<Order> orders = OrderHistory(till).byDate(date);
    const LookupService lookup(till);
    Money total;
    for (const Order &o : orders) {
        total += o.total;
        if (parser.isSet(u"json"_s)) {
            ctx.out << jsonText(o) << u'\n';
        } else {
            ctx.out << padToWidth(o.number, 16) << u' ' << o.paidAt.toString(u"HH:mm:ss"_s) << u' '
                    << padToWidth(QString::number(o.itemCount()), 4, true) << u' '
                    << padToWidth(o.total.toString(), 12, true) << u"  "_s
                    << padToWidth(guideLabel(lookup, o.salesGuideId), 12) << u' ' << terminalText(o.memberId) << u'\n';
        }
    }
    if (!parser.isSet(u"json"_s))
        ctx.out << Posctl::tr("%n order(s), %1", nullptr, int(orders.size())).arg(total.toString()) << u'\n';
    ctx.out.flush();
    return ExitOk;
}

int runOrder(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"json"_s, Posctl::tr("Print the order as JSON.")});
    parser.addOption({u"no-receipt"_s, Posctl::tr("Do not print the receipt.")});
    parser.addPositionalArgument(u"NUMBER"_s, Posctl::tr("Order number (or id)."));
    if (!parseCommand(ctx, parser, 1, 1))
        return ExitBadInput;
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    auto order = OrderHistory(till).byNumber(parser.positionalArguments().front());
    if (!order)
        return fail(ctx, order.error());
    if (parser.isSet(u"json"_s))
        ctx.out << jsonText(*order) << Qt::endl;
    else
        printOrder(ctx, till, *order);
    ctx.out.flush();
    return ExitOk;
}

} // namespace pos
