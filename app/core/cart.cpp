#include "cart.h"

#include <QJsonArray>

#include <algorithm>
#include <numeric>

namespace pos {

using namespace Qt::Literals::StringLiterals;

int Cart::add(const CatalogItem &item, const QString &scannedCode, int quantity)
{
    for (int i = int(m_lines.size()) - 1; i >= 0; --i) {
        CartLine &line = m_lines[i];
        // Same product at the same price (a weighed or price-labelled item is its own line).
        if (!line.voided && line.item.sku == item.sku && line.item.price == item.price && line.discount.isNone()
            && line.quantity + quantity <= maxQuantity) {
            line.quantity += quantity;
            return i;
        }
    }
    m_lines.append(CartLine{item, scannedCode, quantity, {}, false});
    return int(m_lines.size()) - 1;
}

Status Cart::setQuantity(int line, int quantity)
{
    if (!validLine(line) || m_lines[line].voided)
        return Status::failure(tr("No such line in the sale."));
    if (quantity < 1 || quantity > maxQuantity)
        return Status::failure(tr("Quantity must be between 1 and %1.").arg(maxQuantity));
    m_lines[line].quantity = quantity;
    return {};
}

Status Cart::voidLine(int line)
{
    if (!validLine(line) || m_lines[line].voided)
        return Status::failure(tr("No such line in the sale."));
    m_lines[line].voided = true;
    return {};
}

Status Cart::overridePrice(int line, Money unitPrice)
{
    if (!validLine(line) || m_lines[line].voided)
        return Status::failure(tr("No such line in the sale."));
    if (unitPrice.fen() < 0 || unitPrice.fen() > Money::fromYuan(1000000).fen())
        return Status::failure(tr("A price is from ¥0.00 to ¥1,000,000.00."));
    m_lines[line].item.price = unitPrice;
    m_lines[line].discount = {};
    return {};
}

Status Cart::setLineDiscount(int line, const Discount &discount)
{
    if (!validLine(line) || m_lines[line].voided)
        return Status::failure(tr("No such line in the sale."));
    if (discount.kind() == Discount::Kind::Amount && discount.value() > m_lines[line].gross().fen())
        return Status::failure(tr("The discount is larger than the line amount."));
    m_lines[line].discount = discount;
    return {};
}

Status Cart::setOrderDiscount(const Discount &discount)
{
    if (discount.kind() == Discount::Kind::Amount && discount.value() > subtotal().fen())
        return Status::failure(tr("The discount is larger than the sale amount."));
    m_orderDiscount = discount;
    return {};
}

void Cart::clear()
{
    m_lines.clear();
    m_orderDiscount = {};
}

int Cart::activeLineCount() const
{
    return int(std::count_if(m_lines.cbegin(), m_lines.cend(),
                             [](const CartLine &l) { return !l.voided; }));
}

int Cart::itemCount() const
{
    int count = 0;
    for (const CartLine &l : m_lines)
        count += l.voided ? 0 : l.quantity;
    return count;
}

Money Cart::subtotal() const
{
    Money sum;
    for (const CartLine &l : m_lines)
        if (!l.voided)
            sum += l.net();
    return sum;
}

Money Cart::lineDiscounts() const
{
    Money sum;
    for (const CartLine &l : m_lines)
        if (!l.voided)
            sum += l.lineDiscount();
    return sum;
}

Money Cart::orderDiscountAmount() const
{
    return m_orderDiscount.amountOff(subtotal());
}

Money Cart::total() const
{
    return subtotal() - orderDiscountAmount();
}

QList<Money> Cart::orderDiscountShares() const
{
    QList<Money> shares(m_lines.size());
    const qint64 discount = orderDiscountAmount().fen();
    const qint64 base = subtotal().fen();
    if (discount == 0 || base == 0)
        return shares;

    // Floor of each proportional share, then hand the leftover fen to the largest remainders
    // (ties to the earlier line) so the shares add up to the discount exactly.
    struct Part { int line; qint64 remainder; };
    QList<Part> parts;
    qint64 given = 0;
    for (int i = 0; i < m_lines.size(); ++i) {
        if (m_lines[i].voided)
            continue;
        const __int128 scaled = static_cast<__int128>(discount) * m_lines[i].net().fen();
        const qint64 floor = qint64(scaled / base);
        shares[i] = Money::fromFen(floor);
        given += floor;
        parts.append({i, qint64(scaled % base)});
    }
    std::stable_sort(parts.begin(), parts.end(),
                     [](const Part &a, const Part &b) { return a.remainder > b.remainder; });
    for (qint64 left = discount - given, k = 0; left > 0; --left, ++k)
        shares[parts[k % parts.size()].line] += Money::fromFen(1);
    return shares;
}

namespace {

QJsonObject discountToJson(const Discount &d)
{
    switch (d.kind()) {
    case Discount::Kind::None:
        return {};
    case Discount::Kind::Amount:
        return {{u"amount"_s, d.value()}};
    case Discount::Kind::Percent:
        return {{u"percent_bp"_s, d.value()}};
    }
    return {};
}

Discount discountFromJson(const QJsonObject &o)
{
    if (o.contains(u"amount"_s))
        return Discount::amount(Money::fromFen(o.value(u"amount"_s).toInteger()));
    if (o.contains(u"percent_bp"_s))
        return Discount::percentOff(int(o.value(u"percent_bp"_s).toInteger()));
    return {};
}

} // namespace

QJsonObject Cart::toJson() const
{
    QJsonArray lines;
    for (const CartLine &l : m_lines) {
        lines.append(QJsonObject{
            {u"sku"_s, l.item.sku},
            {u"barcodes"_s, QJsonArray::fromStringList(l.item.barcodes)},
            {u"name"_s, l.item.name},
            {u"pinyin"_s, l.item.pinyinInitials},
            {u"category"_s, l.item.category},
            {u"price"_s, l.item.price.fen()},
            {u"commission_bp"_s, l.item.commissionBp},
            {u"code"_s, l.scannedCode},
            {u"qty"_s, l.quantity},
            {u"discount"_s, discountToJson(l.discount)},
            {u"voided"_s, l.voided},
        });
    }
    return {{u"lines"_s, lines}, {u"order_discount"_s, discountToJson(m_orderDiscount)}};
}

Result<Cart> Cart::fromJson(const QJsonObject &json)
{
    Cart cart;
    const QJsonValue linesValue = json.value(u"lines"_s);
    if (!linesValue.isArray())
        return Result<Cart>::failure(tr("The held sale is damaged."));
    for (const QJsonValue &v : linesValue.toArray()) {
        const QJsonObject o = v.toObject();
        CartLine line;
        line.item.sku = o.value(u"sku"_s).toString();
        for (const QJsonValue &b : o.value(u"barcodes"_s).toArray())
            line.item.barcodes.append(b.toString());
        line.item.name = o.value(u"name"_s).toString();
        line.item.pinyinInitials = o.value(u"pinyin"_s).toString();
        line.item.category = o.value(u"category"_s).toString();
        line.item.price = Money::fromFen(o.value(u"price"_s).toInteger());
        line.item.commissionBp = int(o.value(u"commission_bp"_s).toInteger());
        line.scannedCode = o.value(u"code"_s).toString();
        line.quantity = int(o.value(u"qty"_s).toInteger());
        line.discount = discountFromJson(o.value(u"discount"_s).toObject());
        line.voided = o.value(u"voided"_s).toBool();
        if (line.item.sku.isEmpty() || line.quantity < 1 || line.quantity > maxQuantity
            || line.item.price.isNegative())
            return Result<Cart>::failure(tr("The held sale is damaged."));
        cart.m_lines.append(line);
    }
    cart.m_orderDiscount = discountFromJson(json.value(u"order_discount"_s).toObject());
    return cart;
}

} // namespace pos
