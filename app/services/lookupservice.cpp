#include "lookupservice.h"

#include "till.h"

#include "core/showninput.h"
#include "store/catalogrepository.h"
#include "store/peoplerepository.h"

namespace pos {

Result<CatalogItem> LookupService::sellableProduct(const QString &code) const
{
    const QString trimmed = code.trimmed();
    if (trimmed.isEmpty())
        return Result<CatalogItem>::failure(tr("No barcode or SKU was given."));
    auto item = CatalogRepository(m_till.database()).findByCode(trimmed);
    if (!item)
        return Result<CatalogItem>::failure(tr("Unknown barcode or SKU: %1").arg(shownInput(trimmed)));
    if (!item->active)
        return Result<CatalogItem>::failure(tr("%1 (%2) is no longer on sale.").arg(shownInput(item->name), shownInput(item->sku)));
    return *item;
}

QList<CatalogItem> LookupService::searchProducts(const QString &text, int limit) const
{
    return CatalogRepository(m_till.database()).search(text, limit);
}

QList<CatalogItem> LookupService::allProducts() const
{
    return CatalogRepository(m_till.database()).all();
}

QList<Guide> LookupService::storeGuides() const
{
    return PeopleRepository(m_till.database()).guides(m_till.store().id);
}

QList<Guide> LookupService::activeGuides() const
{
    QList<Guide> active;
    for (const Guide &g : storeGuides())
        if (g.active)
            active.append(g);
    return active;
}

std::optional<Guide> LookupService::guide(const QString &id) const
{
    return PeopleRepository(m_till.database()).guide(id.trimmed());
}

Result<Guide> LookupService::choosableGuide(const QString &id) const
{
    auto g = guide(id);
    if (!g)
        return Result<Guide>::failure(tr("Unknown guide: %1").arg(shownInput(id)));
    if (!g->active)
        return Result<Guide>::failure(tr("%1 (%2) has left the company and cannot be credited with sales.")
                                          .arg(shownInput(g->name), shownInput(g->id)));
    return *g;
}

Result<Member> LookupService::member(const QString &codeOrPhone) const
{
    const QString key = codeOrPhone.trimmed();
    if (key.isEmpty())
        return Result<Member>::failure(tr("No member code or phone number was given."));
    PeopleRepository people(m_till.database());
    if (auto m = people.member(key))
        return *m;
    if (auto m = people.memberByPhone(key))
        return *m;
    return Result<Member>::failure(tr("No member with code or phone %1.").arg(shownInput(key)));
}

} // namespace pos
