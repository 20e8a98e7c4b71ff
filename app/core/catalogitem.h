#pragma once

#include "money.h"

#include <QString>
#include <QStringList>

namespace pos {

// A product as the till sells it.
struct CatalogItem
{
    QString sku;
    QStringList barcodes;
    QString name;
    QString pinyinInitials; // "LYQ" for 连衣裙: what cashiers type to find it
    QString category;
    Money price;
    int commissionBp = 0; // basis points of the sale amount, 1 bp = 0.01 %
    bool active = true;

    bool isValid() const { return !sku.isEmpty(); }
};

} // namespace pos
