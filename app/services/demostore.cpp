#include "demostore.h"

#include "attributionservice.h"
#include "leaderboardservice.h"
#include "staffservice.h"
#include "till.h"

#include "core/csvreader.h"

#include "core/attribution/rulesjson.h"
#include "core/pinyin.h"
#include "store/attributionrepository.h"
#include "store/catalogrepository.h"
#include "store/peoplerepository.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
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

// Demo members came with their exclusive guide: assignments a month before the demo
// starts, so their protection is over and the policy's rules show at once.
Status loadPeople(const Database &db, const QString &guidesCsv, const QString &membersCsv, const QDateTime &now)
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
        if (!m.exclusiveGuideId.isEmpty()) {
            const QDateTime at = now.addDays(-30);
            const attribution::Binding b{m.exclusiveGuideId, at.toMSecsSinceEpoch(), attribution::BindSource::Assign,
                                         at.toString(Qt::ISODate), {}};
            if (Status s = AttributionRepository(db).saveBinding(m.id, b); !s)
                return s;
        }
    }
    return {};
}

} // namespace

Status DemoStore::load(Till &till, Staff staff)
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
        if (Status st = loadPeople(db, *guides, *members, till.now()); !st)
            return st;
        if (Status st = tx.commit(); !st)
            return st;
    }
    if (Status st = till.provision(store); !st)
        return st;
    if (staff == Staff::Add)
        if (Status st = loadStaff(till, s.value(u"staff"_s).toArray()); !st)
            return st;
    return loadRules(till, s);
}

Status DemoStore::loadStaff(const Till &till, const QJsonArray &staff)
{
    StaffService people(till);
    if (!people.all().isEmpty())
        return {};
    for (const QJsonValue &v : staff) {
        const QJsonObject p = v.toObject();
        const auto role = roleFromKey(p.value(u"role"_s).toString());
        if (!role)
            return Status::failure(tr("The demo store names an unknown role."));
        if (Status st = people.add(p.value(u"id"_s).toString(), p.value(u"name"_s).toString(), *role,
                                   p.value(u"pin"_s).toString());
            !st)
            return st;
    }
    return {};
}

// The chain's policy, commission scheme and a target for the current month, as HQ would send them.
Status DemoStore::loadRules(const Till &till, const QJsonObject &store)
{
    const QByteArray policyJson = QJsonDocument(store.value(u"policy"_s).toObject()).toJson(QJsonDocument::Compact);
    auto policy = attribution::policyFromJson(std::string_view(policyJson.constData(), size_t(policyJson.size())));
    if (!policy)
        return Status::failure(policy.error());
    if (Status st = AttributionService(till).setPolicy(*policy); !st)
        return st;
    const LeaderboardService leaderboard(till);
    const QJsonDocument commission(store.value(u"commission"_s).toObject());
    if (Status st = leaderboard.setCommissionRule(QString::fromUtf8(commission.toJson(QJsonDocument::Compact))); !st)
        return st;
    const QJsonObject target = store.value(u"monthly_target"_s).toObject();
    const QByteArray tiersJson = QJsonDocument(target.value(u"tiers"_s).toArray()).toJson(QJsonDocument::Compact);
    auto tiers = attribution::targetTiersFromJson(std::string_view(tiersJson.constData(), size_t(tiersJson.size())));
    if (!tiers)
        return Status::failure(tiers.error());
    const QDate today = till.now().date();
    const QDateTime from(QDate(today.year(), today.month(), 1), QTime(0, 0), till.timeZone());
    const QDateTime to = from.addMonths(1);
    return leaderboard.saveTarget({from.toString(u"'M'yyyy-MM"_s), target.value(u"name"_s).toString(), from, to,
                                   to.addDays(5), *tiers});
}

} // namespace pos
