#pragma once

#include "core/catalogitem.h"
#include "core/result.h"

#include <QList>
#include <optional>

namespace pos {

class Database;

class CatalogRepository
{
public:
    explicit CatalogRepository(const Database &db) : m_db(db) {}

    // Inserts or replaces a product and its barcodes (call inside a transaction for bulk loads).
    Status upsert(const CatalogItem &item);
    // Exact barcode, else exact SKU. Inactive products are found too: the caller decides.
    std::optional<CatalogItem> findByCode(const QString &code) const;
    // Name fragment, pinyin initials or SKU/barcode prefix; active products only.
    QList<CatalogItem> search(const QString &text, int limit = 50) const;
    QList<CatalogItem> all() const; // by SKU
    int count() const;

private:
    const Database &m_db;
};

} // namespace pos
