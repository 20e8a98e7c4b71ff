#include "orderjson.h"

#include "json/jsonwriter.h"

#include <QJsonDocument>

namespace pos {

using namespace Qt::Literals::StringLiterals;

QByteArray orderJsonText(const Order &order)
{
    json::Writer w;
    w.beginObject()
        .key("order"_L1).value(order.id)
        .key("number"_L1).value(order.number)
        .key("store"_L1).value(order.storeId)
        .key("terminal"_L1).value(order.terminalId)
        .key("seq"_L1).value(order.sequence)
        .key("paid_at"_L1).value(order.paidAt.toString(Qt::ISODate))
        .key("business_date"_L1).value(order.businessDate)
        .key("channel"_L1).value("store"_L1)
        .key("member"_L1).textOrNull(order.memberId)
        .key("sales_guide"_L1).textOrNull(order.salesGuideId)
        .key("exclusive_guide"_L1).textOrNull(order.exclusiveGuideId)
        .key("cashier"_L1).textOrNull(order.cashierId)
        .key("items"_L1).value(order.itemCount())
        .key("subtotal"_L1).value(order.subtotal.fen())
        .key("discount"_L1).value(order.discount.fen())
        .key("total"_L1).value(order.total.fen())
        .key("paid"_L1).value(order.paid.fen())
        .key("change"_L1).value(order.change.fen());
    w.key("lines"_L1).beginArray();
    for (const OrderLine &l : order.lines) {
        w.beginObject()
            .key("line"_L1).value(l.lineNo)
            .key("sku"_L1).value(l.sku)
            .key("code"_L1).value(l.code)
            .key("name"_L1).value(l.name)
            .key("qty"_L1).value(l.quantity)
            .key("unit_price"_L1).value(l.unitPrice.fen())
            .key("line_discount"_L1).value(l.lineDiscount.fen())
            .key("order_discount"_L1).value(l.orderDiscountShare.fen())
            .key("amount"_L1).value(l.amount.fen())
            .key("commission_bp"_L1).value(l.commissionBp)
            .endObject();
    }
    w.endArray().key("payments"_L1).beginArray();
    for (const AppliedTender &p : order.payments) {
        w.beginObject()
            .key("method"_L1).value(methodKey(p.method))
            .key("tendered"_L1).value(p.tendered.fen())
            .key("amount"_L1).value(p.applied.fen())
            .key("reference"_L1).textOrNull(p.reference)
            .endObject();
    }
    w.endArray().key("policy_version"_L1).value(order.policyVersion).key("credits"_L1).beginArray();
    for (const attribution::CreditPart &c : order.credits) {
        w.beginObject()
            .key("guide"_L1).value(c.guide)
            .key("kind"_L1).value(attribution::creditKindKey(c.kind))
            .key("amount"_L1).value(c.amount)
            .endObject();
    }
    w.endArray().endObject();
    return w.bytes();
}

QJsonObject orderToJson(const Order &order)
{
    return QJsonDocument::fromJson(orderJsonText(order)).object();
}

} // namespace pos
