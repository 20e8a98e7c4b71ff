#include "cartmodel.h"

#include "core/cart.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace pos {

CartModel::CartModel(const Cart &cart, QObject *parent) : QAbstractTableModel(parent), m_cart(cart) {}

void CartModel::refresh()
{
    beginResetModel();
    endResetModel();
}

int CartModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cart.lines().size());
}

int CartModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CartModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_cart.lines().size())
        return {};
    const CartLine &line = m_cart.lines()[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Index: return index.row() + 1;
        case Product: return line.item.name;
        case UnitPrice: return line.item.price.toString();
        case Quantity: return line.quantity;
        case Discount: return line.discount.isNone() ? QString() : line.discount.describe();
        case Amount: return line.voided ? tr("voided") : line.net().toString();
        }
    }
    if (role == Qt::ToolTipRole)
        return tr("SKU %1, code %2").arg(line.item.sku, line.scannedCode);
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = index.column() != Product;
        return int((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role == Qt::FontRole && line.voided) {
        QFont f;
        f.setStrikeOut(true);
        return f;
    }
    if (role == Qt::ForegroundRole && line.voided)
        return QBrush(QColor(0x9a, 0xa3, 0xaf));
    return {};
}

QVariant CartModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Index: return tr("#");
    case Product: return tr("Product");
    case UnitPrice: return tr("Price");
    case Quantity: return tr("Qty");
    case Discount: return tr("Discount");
    case Amount: return tr("Amount");
    }
    return {};
}

} // namespace pos
