#include "heldsalerepository.h"

#include "database.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {
HeldSale readHeld(const QSqlQuery &q)
{
    HeldSale h;
    h.id = q.value(0).toLongLong();
    h.heldAt = QDateTime::fromString(q.value(1).toString(), Qt::ISODate);
    h.label = q.value(2).toString();
    h.guideId = q.value(3).toString();
    h.memberId = q.value(4).toString();
    h.cart = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
    return h;
}
const QString heldColumns = u"SELECT id, held_at, label, coalesce(guide_id, ''), coalesce(member_id, ''), cart FROM held_sales "_s;
} // namespace

Result<qint64> HeldSaleRepository::hold(const HeldSale &sale)
{
    auto r = m_db.exec(u"INSERT INTO held_sales (held_at, label, guide_id, member_id, cart) VALUES (?, ?, ?, ?, ?)"_s,
                       {sale.heldAt.toString(Qt::ISODate), sale.label,
                        Database::nullIfEmpty(sale.guideId), Database::nullIfEmpty(sale.memberId),
                        QString::fromUtf8(QJsonDocument(sale.cart).toJson(QJsonDocument::Compact))});
    if (!r)
        return Result<qint64>::failure(r.error());
    return r->lastInsertId().toLongLong();
}

QList<HeldSale> HeldSaleRepository::list() const
{
    QList<HeldSale> all;
    auto r = m_db.exec(heldColumns + u"ORDER BY id"_s);
    while (r && r->next())
        all.append(readHeld(*r));
    return all;
}

std::optional<HeldSale> HeldSaleRepository::take(qint64 id)
{
    Transaction tx(m_db);
    if (!tx.begun())
        return std::nullopt;
    auto r = m_db.exec(heldColumns + u"WHERE id = ?"_s, {id});
    if (!r || !r->next())
        return std::nullopt;
    HeldSale h = readHeld(*r);
    r->finish();
    if (!m_db.exec(u"DELETE FROM held_sales WHERE id = ?"_s, {id}) || !tx.commit())
        return std::nullopt;
    return h;
}

} // namespace pos
