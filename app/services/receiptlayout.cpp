#include "receiptlayout.h"

#include "lookupservice.h"
#include "settingsservice.h"
#include "staffservice.h"
#include "till.h"

#include "store/peoplerepository.h"

#include <QJsonArray>

namespace pos {

using namespace Qt::Literals::StringLiterals;
using printer::Align;
using printer::Column;
using printer::PrintDocument;
using printer::TextStyle;

namespace {

bool narrow(const ReceiptOptions &o)
{
    return o.paperMm <= 58;
}

// An item's second line: "  2 × ￥629.00" on the left, its amount in a right-hand column.
QList<Column> lineColumns(const ReceiptOptions &o)
{
    return {{0, Align::Left}, {narrow(o) ? 12 : 14, Align::Right}};
}

// The receipt's own QR code (order or refund number), sized for the paper.
int receiptQrModule(const ReceiptOptions &o)
{
    return narrow(o) ? 5 : 6;
}

TextStyle centered(bool bold = false)
{
    TextStyle s;
    s.align = Align::Center;
    s.bold = bold;
    return s;
}

// "label ........ amount" across the line.
void amountRow(PrintDocument &doc, const QString &label, const QString &amount, TextStyle style = {})
{
    doc.columns({label, amount}, {{0, Align::Left}, {14, Align::Right}}, style);
}

} // namespace

void ReceiptLayout::timeAndTill(PrintDocument &doc, const QDateTime &at, const QString &terminal,
                                const ReceiptOptions &options) const
{
    const QString time = at.toString(u"yyyy-MM-dd HH:mm:ss"_s);
    if (narrow(options)) { // one line would wrap mid-word on 32 columns
        doc.text(tr("Time: %1").arg(time));
        doc.text(tr("Till: %1").arg(terminal));
    } else {
        doc.text(tr("Time: %1   Till: %2").arg(time, terminal));
    }
}

QString ReceiptLayout::guideName(const QString &id) const
{
    const auto guide = LookupService(m_till).guide(id);
    return guide ? tr("%1 (%2)").arg(guide->name, guide->id) : id;
}

void ReceiptLayout::header(PrintDocument &doc, const QString &title, const ReceiptOptions &options) const
{
    const StoreInfo &store = m_till.store();
    if (options.copy)
        doc.text(tr("*** COPY ***"), centered(true));
    TextStyle name = centered(true);
    name.doubleWidth = name.doubleHeight = true;
    doc.text(store.name, name);
    if (!store.address.isEmpty())
        doc.text(store.address, centered());
    if (!store.phone.isEmpty())
        doc.text(tr("Tel %1").arg(store.phone), centered());
    for (const QString &line : SettingsService(m_till).receiptHeader())
        doc.text(line, centered());
    doc.text(title, centered(true));
    doc.rule();
}

void ReceiptLayout::footer(PrintDocument &doc, const ReceiptOptions &options) const
{
    const QStringList own = SettingsService(m_till).receiptFooter();
    if (own.isEmpty())
        doc.text(tr("Thank you, see you again!"), centered());
    for (const QString &line : own)
        doc.text(line, centered());
    if (options.copy)
        doc.text(tr("*** COPY ***"), centered(true));
    doc.cut();
}

PrintDocument ReceiptLayout::sale(const Order &order, const ReceiptOptions &options) const
{
    PrintDocument doc;
    header(doc, tr("Sales receipt"), options);
    doc.text(tr("Order: %1").arg(order.number));
    timeAndTill(doc, order.paidAt, order.terminalId, options);
    if (!order.cashierId.isEmpty()) {
        const auto cashier = StaffService(m_till).member(order.cashierId);
        doc.text(tr("Cashier: %1").arg(cashier ? cashier->name : order.cashierId));
    }
    if (!order.salesGuideId.isEmpty())
        doc.text(tr("Served by: %1").arg(guideName(order.salesGuideId)), {Align::Left, true});
    if (!order.exclusiveGuideId.isEmpty() && order.exclusiveGuideId != order.salesGuideId)
        doc.text(tr("Exclusive guide: %1").arg(guideName(order.exclusiveGuideId)));
    if (!order.memberId.isEmpty()) {
        const auto member = PeopleRepository(m_till.database()).member(order.memberId);
        doc.text(tr("Member: %1 %2").arg(member ? member->name : order.memberId, member ? maskedPhone(member->phone) : QString()));
    }
    doc.rule();
    const QList<Column> columns = lineColumns(options);
    for (const OrderLine &l : order.lines) {
        doc.text(l.name);
        doc.columns({u"  %1 × %2"_s.arg(l.quantity).arg(l.unitPrice.toString()), (l.unitPrice * l.quantity).toString()},
                    columns);
        const Money discount = l.lineDiscount + l.orderDiscountShare;
        if (!discount.isZero())
            doc.columns({tr("  discount"), (-discount).toString()}, columns);
    }
    doc.rule();
    amountRow(doc, tr("Items %1").arg(order.itemCount()), order.subtotal.toString());
    if (!order.discount.isZero())
        amountRow(doc, tr("Discount"), (-order.discount).toString());
    TextStyle total;
    total.bold = true;
    total.doubleHeight = true;
    amountRow(doc, tr("TOTAL"), order.total.toString(), total);
    for (const AppliedTender &t : order.payments) {
        amountRow(doc, methodLabel(t.method), t.tendered.toString());
        if (!t.reference.isEmpty())
            doc.text(tr("  ref %1").arg(t.reference));
    }
    if (!order.change.isZero())
        amountRow(doc, tr("Change"), order.change.toString(), {Align::Left, true});
    doc.rule();
    // The receipt's own code: scanned at the till to find this sale for a refund.
    doc.qrCode(order.number, receiptQrModule(options));
    doc.text(tr("Scan for returns and exchanges"), centered());
    const QString link = SettingsRepository(m_till.database()).value(QString::fromLatin1(guideLinkKey));
    const QString guide = order.salesGuideId.isEmpty() ? order.exclusiveGuideId : order.salesGuideId;
    if (!link.isEmpty() && !guide.isEmpty()) {
        QString url = link;
        url.replace(u"{guide}"_s, guide).replace(u"{store}"_s, order.storeId);
        doc.rule();
        doc.qrCode(url, receiptQrModule(options) - 1); // a longer link: smaller modules
        const auto g = LookupService(m_till).guide(guide);
        doc.text(tr("Scan to add %1 as your personal shopping guide").arg(g ? g->name : guide), centered());
    }
    footer(doc, options);
    return doc;
}

PrintDocument ReceiptLayout::refund(const Refund &refund, const Order &original, const ReceiptOptions &options) const
{
    PrintDocument doc;
    header(doc, tr("REFUND"), options);
    doc.text(tr("Refund: %1").arg(refund.number));
    doc.text(tr("Of order: %1").arg(original.number));
    timeAndTill(doc, refund.refundedAt, m_till.store().terminalId, options);
    if (!original.salesGuideId.isEmpty())
        doc.text(tr("Served by: %1").arg(guideName(original.salesGuideId)));
    doc.rule();
    const QList<Column> columns = lineColumns(options);
    for (const RefundLine &l : refund.plan.lines) {
        doc.text(l.name);
        doc.columns({u"  × %1"_s.arg(l.quantity), (-l.amount).toString()}, columns);
    }
    doc.rule();
    TextStyle total;
    total.bold = true;
    total.doubleHeight = true;
    amountRow(doc, tr("REFUNDED"), (-refund.plan.total).toString(), total);
    for (const RefundTender &t : refund.plan.tenders)
        amountRow(doc, tr("Back to %1").arg(methodLabel(t.method)), t.amount.toString());
    doc.rule();
    doc.qrCode(refund.number, receiptQrModule(options));
    footer(doc, options);
    return doc;
}

PrintDocument ReceiptLayout::dayReport(const QJsonObject &r, const ReceiptOptions &options) const
{
    PrintDocument doc;
    const bool z = r.contains(u"z"_s);
    header(doc, z ? tr("Z report %1").arg(r.value(u"z"_s).toInt(), 4, 10, QChar(u'0')) : tr("X report"), options);
    auto fen = [&](const QJsonValue &v) { return Money::fromFen(v.toInteger()).toString(); };
    doc.text(tr("Business day %1, till %2").arg(r.value(u"business_date"_s).toString(), r.value(u"terminal"_s).toString()));
    doc.text(tr("Made %1").arg(QDateTime::fromString(r.value(u"made_at"_s).toString(), Qt::ISODate).toString(u"yyyy-MM-dd HH:mm"_s)));
    doc.rule();
    doc.text(tr("Sales %1 (%2 orders)").arg(fen(r.value(u"sales"_s))).arg(r.value(u"orders"_s).toInt()));
    doc.text(tr("Discounts %1").arg(fen(r.value(u"discounts"_s))));
    doc.text(tr("Refunds %1 (%2)").arg(fen(r.value(u"refunds"_s))).arg(r.value(u"refund_count"_s).toInt()));
    doc.text(tr("Net %1").arg(fen(r.value(u"net"_s))), TextStyle{.bold = true});
    doc.rule();
    const QJsonObject tenders = r.value(u"tenders"_s).toObject();
    for (auto it = tenders.constBegin(); it != tenders.constEnd(); ++it)
        doc.text(tr("%1: in %2, back %3, net %4")
                     .arg(it.key(), fen(it->toObject().value(u"sales"_s)), fen(it->toObject().value(u"refunds"_s)),
                          fen(it->toObject().value(u"net"_s))));
    doc.rule();
    for (const QJsonValue &g : r.value(u"guides"_s).toArray())
        doc.text(tr("%1: %2 (refunds %3)").arg(guideName(g[u"guide"_s].toString()), fen(g[u"net"_s]), fen(g[u"refunded"_s])));
    doc.text(tr("New members %1").arg(r.value(u"member_signups"_s).toInt()));
    doc.text(tr("Waiting for HQ %1").arg(r.value(u"pending_for_hq"_s).toInt()));
    for (const QJsonValue &s : r.value(u"shifts"_s).toArray()) {
        doc.rule();
        doc.text(tr("Shift %1: float %2, expected %3").arg(s[u"shift"_s].toInt()).arg(fen(s[u"float"_s]), fen(s[u"expected"_s])));
        if (s.toObject().contains(u"counted"_s))
            doc.text(tr("Counted %1, difference %2").arg(fen(s[u"counted"_s]), fen(s[u"difference"_s])));
    }
    doc.feed(2);
    doc.cut();
    return doc;
}

} // namespace pos
