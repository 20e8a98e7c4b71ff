#include "orderjson.h"

#include <QJsonArray>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {
QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}
} // namespace

QJsonObject orderToJson(const Order &order)
{
    QJsonArray lines;
    for (const OrderLine &l : order.lines) {
        lines.append(QJsonObject{
            {u"line"_s, l.lineNo},
            {u"sku"_s, l.sku},
            {u"code"_s, l.code},
            {u"name"_s, l.name},
            {u"qty"_s, l.quantity},
            {u"unit_price"_s, l.unitPrice.fen()},
            {u"line_discount"_s, l.lineDiscount.fen()},
            {u"order_discount"_s, l.orderDiscountShare.fen()},
            {u"amount"_s, l.amount.fen()},
            {u"commission_bp"_s, l.commissionBp},
        });
    }
    QJsonArray payments;
    for (const AppliedTender &p : order.payments) {
        payments.append(QJsonObject{
            {u"method"_s, methodKey(p.method)},
            {u"tendered"_s, p.tendered.fen()},
            {u"amount"_s, p.applied.fen()},
            {u"reference"_s, orNull(p.reference)},
        });
    }
    QJsonArray credits;
    for (const attribution::CreditPart &c : order.credits)
        credits.append(QJsonObject{{u"guide"_s, c.guide}, {u"kind"_s, attribution::creditKindKey(c.kind)}, {u"amount"_s, c.amount}});
    return {
        {u"order"_s, order.id},
        {u"number"_s, order.number},
        {u"store"_s, order.storeId},
        {u"terminal"_s, order.terminalId},
        {u"seq"_s, order.sequence},
        {u"paid_at"_s, order.paidAt.toString(Qt::ISODate)},
        {u"business_date"_s, order.businessDate},
        {u"channel"_s, u"store"_s},
        {u"member"_s, orNull(order.memberId)},
        {u"sales_guide"_s, orNull(order.salesGuideId)},
        {u"exclusive_guide"_s, orNull(order.exclusiveGuideId)},
        {u"cashier"_s, orNull(order.cashierId)},
        {u"items"_s, order.itemCount()},
        {u"subtotal"_s, order.subtotal.fen()},
        {u"discount"_s, order.discount.fen()},
        {u"total"_s, order.total.fen()},
        {u"paid"_s, order.paid.fen()},
        {u"change"_s, order.change.fen()},
        {u"lines"_s, lines},
        {u"payments"_s, payments},
        {u"policy_version"_s, order.policyVersion},
        {u"credits"_s, credits},
    };
}

} // namespace pos
