#pragma once

#include <QAbstractTableModel>

namespace pos {

class Cart;

// Shows the cart of the sale in progress; read-only: changes go through SaleSession.
class CartModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Index, Product, UnitPrice, Quantity, Discount, Amount, ColumnCount };

    explicit CartModel(const Cart &cart, QObject *parent = nullptr);
    // The cart changed underneath: redraw everything.
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const Cart &m_cart;
};

} // namespace pos
