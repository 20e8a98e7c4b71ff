#include "demostore.h"

#include "csvreader.h"
#include "till.h"

#include "core/pinyin.h"
#include "store/catalogrepository.h"
#include "store/peoplerepository.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

Result<QString> readResource(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<QString>::failure(DemoStore::tr("The demo data %1 is missing from this build.").arg(path));
    return QString::fromUtf8(f.readAll());
}

Status loadCatalog(const Database &db, const QString &csv)
{
    CatalogRepository catalog(db);
    int row = 1;
    const CsvReader reader(csv);
    for (const auto &r : reader.records()) {
        ++row;
        CatalogItem item;
        item.sku = r.value(u"sku"_s);
        item.barcodes = r.value(u"barcodes"_s).split(u'|', Qt::SkipEmptyParts);
        item.name = r.value(u"name"_s);
        item.category = r.value(u"category"_s);
        item.pinyinInitials = pinyinInitials(item.name);
        bool priceOk = false;
        item.price = Money::fromFen(r.value(u"price_fen"_s).toLongLong(&priceOk));
        item.commissionBp = r.value(u"commission_bp"_s).toInt();
        if (item.sku.isEmpty() || item.name.isEmpty() || !priceOk)
            return Status::failure(DemoStore::tr("products.csv line %1 is malformed.").arg(row));
        if (Status s = catalog.upsert(item); !s)
            return s;
    }
    return {};
}

Status loadPeople(const Database &db, const QString &guidesCsv, const QString &membersCsv)
{
    PeopleRepository people(db);
    const CsvReader guides(guidesCsv);
    for (const auto &r : guides.records()) {
        Guide g{r.value(u"id"_s), r.value(u"name"_s), r.value(u"store"_s),
                r.value(u"active"_s) == u"1"_s,
                QDateTime::fromString(r.value(u"departed_at"_s), Qt::ISODate)};
        if (Status s = people.upsertGuide(g); !s)
            return s;
    }
    const CsvReader members(membersCsv);
    for (const auto &r : members.records()) {
        Member m{r.value(u"id"_s), r.value(u"phone"_s), r.value(u"name"_s),
                 r.value(u"exclusive_guide"_s)};
        if (Status s = people.upsertMember(m); !s)
            return s;
    }
    return {};
}

} // namespace

Status DemoStore::load(Till &till)
{
    auto storeJson = readResource(u":/demo/store.json"_s);
    auto products = readResource(u":/demo/products.csv"_s);
    auto guides = readResource(u":/demo/guides.csv"_s);
    auto members = readResource(u":/demo/members.csv"_s);
    for (const auto *r : {&storeJson, &products, &guides, &members}) {
        if (!*r)
            return Status::failure(r->error());
    }
    const QJsonObject s = QJsonDocument::fromJson(storeJson->toUtf8()).object();
    StoreInfo store;
    store.id = s.value(u"id"_s).toString();
    store.name = s.value(u"name"_s).toString();
    store.address = s.value(u"address"_s).toString();
    store.phone = s.value(u"phone"_s).toString();
    store.timeZone = s.value(u"time_zone"_s).toString();
    store.terminalId = s.value(u"terminal"_s).toString();

    {
        const Database &db = till.database();
        Transaction tx(db);
        if (!tx.begun())
            return tx.begun();
        if (Status st = loadCatalog(db, *products); !st)
            return st;
        if (Status st = loadPeople(db, *guides, *members); !st)
            return st;
        if (Status st = tx.commit(); !st)
            return st;
    }
    return till.provision(store);
}

} // namespace pos
