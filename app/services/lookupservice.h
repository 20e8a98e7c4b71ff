#pragma once

#include "core/catalogitem.h"
#include "core/people.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QList>

namespace pos {

class Till;

// Finding what a cashier refers to: products by code or text, guides, members.
class LookupService
{
    Q_DECLARE_TR_FUNCTIONS(LookupService)
public:
    explicit LookupService(const Till &till) : m_till(till) {}

    // A product that can be sold, by barcode or SKU; a clear error otherwise.
    Result<CatalogItem> sellableProduct(const QString &code) const;
    QList<CatalogItem> searchProducts(const QString &text, int limit = 50) const;
    QList<CatalogItem> allProducts() const;

    QList<Guide> storeGuides() const;  // this store's guides, departed included
    QList<Guide> activeGuides() const; // the ones a cashier may choose
    // A guide the cashier may choose for a sale: known, of any store, not departed.
    Result<Guide> choosableGuide(const QString &id) const;
    std::optional<Guide> guide(const QString &id) const;

    // By member code (M0001) or phone number.
    Result<Member> member(const QString &codeOrPhone) const;

private:
    const Till &m_till;
};

} // namespace pos
