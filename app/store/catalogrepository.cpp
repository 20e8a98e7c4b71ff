#include "catalogrepository.h"

#include "database.h"

#include <QSqlQuery>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

const QString selectColumns = uR"(SELECT p.sku, p.name, p.pinyin, p.category, p.price_fen,
    p.commission_bp, p.active,
    (SELECT group_concat(code, ' ') FROM barcodes WHERE sku = p.sku) FROM products p )"_s;

CatalogItem readItem(const QSqlQuery &q)
{
    CatalogItem item;
    item.sku = q.value(0).toString();
    item.name = q.value(1).toString();
    item.pinyinInitials = q.value(2).toString();
    item.category = q.value(3).toString();
    item.price = Money::fromFen(q.value(4).toLongLong());
    item.commissionBp = q.value(5).toInt();
    item.active = q.value(6).toBool();
    item.barcodes = q.value(7).toString().split(u' ', Qt::SkipEmptyParts);
    return item;
}

QString likeEscaped(QString text)
{
    text.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return text;
}

} // namespace

Status CatalogRepository::upsert(const CatalogItem &item)
{
    auto r = m_db.exec(uR"(INSERT INTO products (sku, name, pinyin, category, price_fen, commission_bp, active)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(sku) DO UPDATE SET name = excluded.name, pinyin = excluded.pinyin,
            category = excluded.category, price_fen = excluded.price_fen,
            commission_bp = excluded.commission_bp, active = excluded.active)"_s,
                       {item.sku, item.name, item.pinyinInitials, item.category, item.price.fen(),
                        item.commissionBp, item.active ? 1 : 0});
    if (!r)
        return Status::failure(r.error());
    for (const QString &code : item.barcodes) {
        auto b = m_db.exec(u"INSERT INTO barcodes (code, sku) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET sku = excluded.sku"_s,
                           {code, item.sku});
        if (!b)
            return Status::failure(b.error());
    }
    return {};
}

std::optional<CatalogItem> CatalogRepository::findByCode(const QString &code) const
{
    const QString trimmed = code.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    // Scanning is the hot path: both statements stay prepared.
    std::optional<CatalogItem> found;
    const auto take = [&](const QSqlQuery &q) {
        if (!found)
            found = readItem(q);
    };
    m_db.run(selectColumns + u"JOIN barcodes b ON b.sku = p.sku WHERE b.code = ?"_s, {trimmed}, take);
    if (!found)
        m_db.run(selectColumns + u"WHERE p.sku = ? COLLATE NOCASE"_s, {trimmed}, take);
    return found;
}

QList<CatalogItem> CatalogRepository::search(const QString &text, int limit) const
{
    QList<CatalogItem> items;
    const QString t = text.trimmed();
    if (t.isEmpty())
        return items;
    const QString contains = u"%"_s + likeEscaped(t) + u"%"_s;
    const QString prefix = likeEscaped(t) + u"%"_s;
    // Best matches first: exact code, pinyin-initials prefix, SKU prefix, then name contains.
    auto r = m_db.exec(selectColumns + uR"(WHERE p.active = 1 AND (
            p.name LIKE ? ESCAPE '\' OR p.pinyin LIKE ? ESCAPE '\' OR p.sku LIKE ? ESCAPE '\'
            OR p.sku IN (SELECT sku FROM barcodes WHERE code = ?))
        ORDER BY (p.sku IN (SELECT sku FROM barcodes WHERE code = ?) OR p.sku = ? COLLATE NOCASE) DESC,
                 (p.pinyin LIKE ? ESCAPE '\') DESC, p.sku LIKE ? ESCAPE '\' DESC, length(p.name), p.sku
        LIMIT ?)"_s,
                       {contains, contains, prefix, t, t, t, prefix, prefix, limit});
    while (r && r->next())
        items.append(readItem(*r));
    return items;
}

QList<CatalogItem> CatalogRepository::all() const
{
    QList<CatalogItem> items;
    auto r = m_db.exec(selectColumns + u"ORDER BY p.sku"_s);
    while (r && r->next())
        items.append(readItem(*r));
    return items;
}

int CatalogRepository::count() const
{
    auto r = m_db.exec(u"SELECT count(*) FROM products"_s);
    return r && r->next() ? r->value(0).toInt() : 0;
}

} // namespace pos
