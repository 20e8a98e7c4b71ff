#include "order.h"

namespace pos {

int Order::itemCount() const
{
    int n = 0;
    for (const OrderLine &l : lines)
        n += l.quantity;
    return n;
}

Order Order::fromCart(const Cart &cart, const Settlement &settlement)
{
    Order order;
    const QList<Money> shares = cart.orderDiscountShares();
    int lineNo = 0;
    for (int i = 0; i < cart.lines().size(); ++i) {
        const CartLine &l = cart.lines()[i];
        if (l.voided)
            continue;
        OrderLine line;
        line.lineNo = ++lineNo;
        line.sku = l.item.sku;
        line.code = l.scannedCode;
        line.name = l.item.name;
        line.quantity = l.quantity;
        line.unitPrice = l.item.price;
        line.lineDiscount = l.lineDiscount();
        line.orderDiscountShare = shares[i];
        line.amount = l.net() - shares[i];
        line.commissionBp = l.item.commissionBp;
        order.subtotal += l.gross();
        order.discount += line.lineDiscount + line.orderDiscountShare;
        order.lines.append(line);
    }
    order.total = cart.total();
    order.paid = settlement.tendered;
    order.change = settlement.change;
    order.payments = settlement.tenders;
    return order;
}

} // namespace pos
