// pos-bench: measures the till's hot paths and prints one JSON object.
//   barcode lookup p50/p99 on a catalog of --skus products;
//   durable sale commit p50/p99 on a database already holding --orders orders, against a bare
//   SQLite insert-and-commit of one row on the same disk, measured interleaved in the same run;
//   cold start of pos-till to its first painted sale screen.
// It measures; it asserts nothing.
#include "services/checkoutservice.h"
#include "services/demostore.h"
#include "services/lookupservice.h"
#include "services/till.h"
#include "store/catalogrepository.h"
#include "store/orderrepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

namespace {

QString ean13(qint64 serial)
{
    QString body = u"69"_s + QString::number(serial).rightJustified(10, u'0');
    int sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += (body[i].unicode() - u'0') * (i % 2 ? 3 : 1);
    return body + QChar(u'0' + (10 - sum % 10) % 10);
}

QJsonObject percentiles(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    auto at = [&](double p) { return ms.isEmpty() ? 0.0 : ms[qMin(qsizetype(p * ms.size()), ms.size() - 1)]; };
    return {{u"p50_ms"_s, at(0.50)}, {u"p99_ms"_s, at(0.99)}, {u"max_ms"_s, ms.isEmpty() ? 0.0 : ms.back()},
            {u"samples"_s, int(ms.size())}};
}

double elapsedMs(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

void fail(const QString &what)
{
    std::fprintf(stderr, "pos-bench: %s\n", qPrintable(what));
    std::exit(1);
}

// Seeds a catalog of `count` products in large transactions, without fsync (set-up only).
void seedCatalog(Till &till, int count)
{
    const Database &db = till.database();
    db.exec(u"PRAGMA synchronous=OFF"_s);
    CatalogRepository catalog(db);
    auto seeded = db.exec(u"SELECT count(*) FROM products WHERE sku LIKE 'BENCH%'"_s);
    const int existing = seeded && seeded->next() ? seeded->value(0).toInt() : 0;
    for (int start = existing; start < count; start += 20000) {
        Transaction tx(db);
        for (int i = start; i < qMin(count, start + 20000); ++i) {
            CatalogItem item;
            item.sku = u"BENCH"_s + QString::number(i).rightJustified(7, u'0');
            item.barcodes = {ean13(1000000000LL + i)};
            item.name = u"商品 "_s + QString::number(i);
            item.pinyinInitials = u"SP"_s + QString::number(i);
            item.price = Money::fromFen(990 + (i % 500) * 100);
            item.commissionBp = 500;
            if (Status s = catalog.upsert(item); !s)
                fail(s.error());
        }
        if (Status s = tx.commit(); !s)
            fail(s.error());
    }
    db.exec(u"PRAGMA synchronous=FULL"_s);
}

// A 3-line cash sale of random products, served by guide G01.
SaleRequest sampleSale(const QList<CatalogItem> &items, QRandomGenerator &rng)
{
    SaleRequest sale;
    for (int l = 0; l < 3; ++l)
        sale.cart.add(items[rng.bounded(int(items.size()))], {});
    sale.guideId = u"G01"_s;
    sale.tenders = {{PaymentMethod::Cash, {}, {}}};
    return sale;
}

// Wall time, unless the seeding sets it back to fill a year of history.
class BenchClock final : public Clock
{
public:
    QDateTime now() const override { return m_fixed.isValid() ? m_fixed : QDateTime::currentDateTimeUtc(); }
    void set(const QDateTime &at) { m_fixed = at; }

private:
    QDateTime m_fixed;
};

// The same orders the till would make (CheckoutService::prepare), back-dated a minute apart
// over the past year and inserted in large transactions without fsync (set-up only).
void seedOrders(Till &till, BenchClock &clock, int count)
{
    const Database &db = till.database();
    OrderRepository orders(db);
    const CheckoutService checkout(till);
    const int existing = orders.count();
    const QList<CatalogItem> items = LookupService(till).allProducts().mid(0, 200);
    QRandomGenerator rng(42);
    QDateTime at = till.now().addDays(-365);
    db.exec(u"PRAGMA synchronous=OFF"_s);
    for (int start = existing; start < count; start += 10000) {
        Transaction tx(db);
        for (int i = start; i < qMin(count, start + 10000); ++i) {
            at = at.addSecs(60);
            clock.set(at);
            auto order = checkout.prepare(sampleSale(items, rng));
            if (!order)
                fail(order.error());
            if (auto r = orders.insertWithinTransaction(*order); !r)
                fail(r.error());
        }
        if (Status s = tx.commit(); !s)
            fail(s.error());
    }
    clock.set({});
    db.exec(u"PRAGMA synchronous=FULL"_s);
}

QJsonObject benchLookup(Till &till, int skus, int samples)
{
    seedCatalog(till, skus);
    QRandomGenerator rng(7);
    const LookupService lookup(till);
    QList<double> ms;
    for (int i = 0; i < samples; ++i) {
        const QString code = ean13(1000000000LL + rng.bounded(skus));
        QElapsedTimer t;
        t.start();
        const auto item = lookup.sellableProduct(code);
        ms.append(elapsedMs(t));
        if (!item)
            fail(u"lookup missed "_s + code);
    }
    QJsonObject o = percentiles(ms);
    o.insert(u"catalog_size"_s, CatalogRepository(till.database()).count());
    o.insert(u"goal_p99_ms"_s, 0.2);
    return o;
}

QJsonObject benchCommit(Till &till, BenchClock &clock, const QString &barePath, int orders, int samples)
{
    seedOrders(till, clock, orders);
    Database bare;
    if (Status s = bare.openWithoutMigrating(barePath); !s)
        fail(s.error());
    bare.exec(u"CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"_s);

    const LookupService lookup(till);
    const CheckoutService checkout(till);
    const QList<CatalogItem> items = lookup.allProducts().mid(0, 200);
    QRandomGenerator rng(99);
    QList<double> saleMs;
    QList<double> bareMs;
    QList<double> checkpointMs;
    for (int i = 0; i < samples; ++i) {
        // Interleaved, so both see the same disk at the same moments.
        {
            QElapsedTimer t;
            t.start();
            Transaction tx(bare);
            bare.exec(u"INSERT INTO t (v) VALUES (?)"_s, {QUuid::createUuid().toString()});
            if (Status s = tx.commit(); !s)
                fail(s.error());
            bareMs.append(elapsedMs(t));
        }
        {
            const SaleRequest sale = sampleSale(items, rng);
            QElapsedTimer t;
            t.start();
            auto order = checkout.checkout(sale);
            saleMs.append(elapsedMs(t));
            if (!order)
                fail(order.error());
            // What the till does while the cashier hands over the change (not in the commit).
            QElapsedTimer c;
            c.start();
            till.database().checkpointIfDue();
            checkpointMs.append(elapsedMs(c));
        }
    }
    const QJsonObject sale = percentiles(saleMs);
    const QJsonObject reference = percentiles(bareMs);
    QJsonObject o;
    o.insert(u"orders_in_db"_s, OrderRepository(till.database()).count());
    o.insert(u"sale_commit"_s, sale);
    o.insert(u"bare_sqlite_commit"_s, reference);
    o.insert(u"ratio_p50"_s, sale[u"p50_ms"_s].toDouble() / qMax(1e-9, reference[u"p50_ms"_s].toDouble()));
    o.insert(u"ratio_p99"_s, sale[u"p99_ms"_s].toDouble() / qMax(1e-9, reference[u"p99_ms"_s].toDouble()));
    o.insert(u"goal_ratio"_s, 1.5);
    o.insert(u"idle_checkpoint_after_sale"_s, percentiles(checkpointMs));
    return o;
}

QJsonObject benchColdStart(const QString &dbPath, int runs)
{
    QList<double> wall;
    QList<double> internal;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(u"QT_QPA_PLATFORM"_s) && !env.contains(u"DISPLAY"_s))
            env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(QStringLiteral(POS_TILL_PATH), {u"--db"_s, dbPath, u"--exit-after-paint"_s});
        QByteArray out;
        while (!out.contains('\n') && p.waitForReadyRead(30000))
            out += p.readAllStandardOutput();
        wall.append(elapsedMs(t));
        p.waitForFinished(30000);
        internal.append(QJsonDocument::fromJson(out.trimmed()).object().value(u"first_paint_ms"_s).toDouble());
    }
    QJsonObject o = percentiles(wall);
    o.insert(u"in_process_first_paint"_s, percentiles(internal));
    o.insert(u"goal_ms"_s, 1000);
    return o;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures the till's hot paths; prints JSON."_s);
    parser.addHelpOption();
    parser.addOption({u"skus"_s, u"Catalog size for the lookup benchmark."_s, u"N"_s, u"1000000"_s});
    parser.addOption({u"orders"_s, u"Orders already in the database for the commit benchmark."_s, u"N"_s, u"500000"_s});
    parser.addOption({u"samples"_s, u"Measurements per figure."_s, u"N"_s, u"2000"_s});
    parser.addOption({u"starts"_s, u"Cold starts of pos-till to time."_s, u"N"_s, u"10"_s});
    parser.addOption({u"dir"_s, u"Folder for the databases (default: a temporary one). Reused when present."_s, u"DIR"_s});
    parser.process(app);

    QTemporaryDir temp;
    const QString dir = parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) : temp.path();
    const int samples = parser.value(u"samples"_s).toInt();

    QJsonObject report;
    {
        Till till;
        if (Status s = till.open(dir + u"/catalog.db"_s); !s)
            fail(s.error());
        if (!till.isProvisioned())
            DemoStore::load(till);
        report.insert(u"barcode_lookup"_s, benchLookup(till, parser.value(u"skus"_s).toInt(), samples));
    }
    {
        auto clock = std::make_shared<BenchClock>();
        Till till(clock);
        if (Status s = till.open(dir + u"/orders.db"_s); !s)
            fail(s.error());
        if (!till.isProvisioned())
            DemoStore::load(till);
        report.insert(u"durable_commit"_s, benchCommit(till, *clock, dir + u"/bare.db"_s, parser.value(u"orders"_s).toInt(), samples));
    }
    {
        Till till;
        if (Status s = till.open(dir + u"/start.db"_s); !s)
            fail(s.error());
        if (!till.isProvisioned())
            DemoStore::load(till);
    }
    report.insert(u"cold_start"_s, benchColdStart(dir + u"/start.db"_s, parser.value(u"starts"_s).toInt()));
    std::printf("%s\n", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
    return 0;
}
