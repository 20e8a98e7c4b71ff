#pragma once

#include "catalogitem.h"
#include "discount.h"
#include "money.h"
#include "result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace pos {

struct CartLine
{
    CatalogItem item;
    QString scannedCode; // the barcode or SKU the cashier used, for the receipt and audit
    int quantity = 1;
    Discount discount;
    bool voided = false;

    Money gross() const { return item.price * quantity; }
    Money lineDiscount() const { return discount.amountOff(gross()); }
    Money net() const { return gross() - lineDiscount(); }
};

// The sale being rung up. Voided lines stay visible (struck through) but count for nothing.
class Cart
{
    Q_DECLARE_TR_FUNCTIONS(Cart)
public:
    static constexpr int maxQuantity = 9999;

    // Adds one (or qty) of the item; scanning the same product again increments its line
    // when that line has no discount of its own. Returns the index of the line touched.
    int add(const CatalogItem &item, const QString &scannedCode, int quantity = 1);
    Status setQuantity(int line, int quantity);
    Status voidLine(int line);
    Status setLineDiscount(int line, const Discount &discount);
    // A price set by hand for this line (a damaged item, a price match); a line discount it
    // had is dropped, since it was given on the old price.
    Status overridePrice(int line, Money unitPrice);
    Status setOrderDiscount(const Discount &discount);
    void clear();

    const QList<CartLine> &lines() const { return m_lines; }
    const Discount &orderDiscount() const { return m_orderDiscount; }
    bool isEmpty() const { return activeLineCount() == 0; }
    int activeLineCount() const;
    int itemCount() const;

    Money subtotal() const;      // after line discounts, before the order discount
    Money lineDiscounts() const; // sum of line discounts
    Money orderDiscountAmount() const;
    Money total() const;
    // The order discount spread over the active lines in proportion to their net amounts,
    // largest remainder first, so every line knows its exact share (refunds, commission).
    QList<Money> orderDiscountShares() const;

    QJsonObject toJson() const;
    static Result<Cart> fromJson(const QJsonObject &json);

private:
    bool validLine(int line) const { return line >= 0 && line < m_lines.size(); }
    QList<CartLine> m_lines;
    Discount m_orderDiscount;
};

} // namespace pos
