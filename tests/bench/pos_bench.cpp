// pos-bench: measures the till's hot paths and prints one JSON object (tests/bench/RESULTS.md).
//   barcode lookup p50/p99 on a catalog of --skus products, and scan-to-line: the code parsed,
//   looked up, added to the sale and read back from the cart model the screen draws;
//   refund lookup: a sale found by its receipt number among --orders orders, with its refunds;
//   durable sale commit p50/p99 (the transaction that stores a checked sale, fsync included) on a
//   database already holding --orders orders, against a bare SQLite insert-and-commit of one row
//   on the same disk, measured interleaved in the same run; and the checkout end to end, with
//   the checks before the commit;
//   leaderboard for one day and one month on a year of history (orders seeded through the
//   till's own checkout, attribution and ledger), p50/p99;
//   replay throughput of `posctl attribute` on a generated stream of --events events;
//   receipt encode: a 30-line Chinese receipt with its QR code into ESC/POS bytes (GB18030,
//   native QR), and the same from the stored order (layout + encode);
//   camera decode: 1280×720 frames holding a QR code (turned, sheared, soft, noisy) decoded
//   in-process, and the same PNG files through `posctl scan-image` and `zbarimg` as processes;
//   cold start of pos-till on the full catalog to its first painted screen, and its peak memory;
//   sync: --sync-events sales queued offline, then drained to pos-hq on loopback over TLS
//   (HQ on SQLite, and on PostgreSQL when --hq-postgres URL is given): seconds and events/s;
//   and the same events ingested by HqStore in-process (HQ's own cost, no network).
// It measures; it asserts nothing.
#include "hqfixture.h"

#include "hq/hqstore.h"
#include "store/outboxrepository.h"

#include "services/checkoutservice.h"
#include "services/refundservice.h"
#include "services/salesession.h"
#include "ui/cartmodel.h"
#include "services/syncservice.h"
#include "services/demostore.h"
#include "services/leaderboardservice.h"
#include "services/lookupservice.h"
#include "services/receiptlayout.h"
#include "printer/escposencoder.h"
#include "printer/raster.h"
#include "scanner/imagedecoder.h"
#include "printer/printerprofile.h"
#include "services/till.h"
#include "store/catalogrepository.h"
#include "store/orderrepository.h"
#include "store/peoplerepository.h"

#include <functional>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
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

constexpr int benchGuides = 40;

QString guideId(int n)
{
    return u"G"_s + QString::number(n).rightJustified(2, u'0');
}

// The store's guides at chain scale: the demo's, then more up to `benchGuides`.
void seedGuides(Till &till)
{
    PeopleRepository people(till.database());
    for (int n = 1; n <= benchGuides; ++n) {
        if (people.guide(guideId(n)))
            continue;
        if (Status s = people.upsertGuide({guideId(n), u"导购"_s + QString::number(n), till.store().id, true, {}}); !s)
            fail(s.error());
    }
}

// A 3-line cash sale of random products by a random employed guide, to a demo member one
// time in three (so exclusive and split credits appear too).
SaleRequest sampleSale(const QList<CatalogItem> &items, const QStringList &guides, const QStringList &members,
                       QRandomGenerator &rng)
{
    SaleRequest sale;
    for (int l = 0; l < 3; ++l)
        sale.cart.add(items[rng.bounded(int(items.size()))], {});
    sale.guideId = guides[rng.bounded(int(guides.size()))];
    if (!members.isEmpty() && rng.bounded(3) == 0)
        sale.memberId = members[rng.bounded(int(members.size()))];
    sale.tenders = {{PaymentMethod::Cash, {}, {}}};
    return sale;
}

struct SaleMix
{
    QList<CatalogItem> items;
    QStringList guides;
    QStringList members;
};

SaleMix saleMix(const Till &till)
{
    SaleMix mix;
    const LookupService lookup(till);
    mix.items = lookup.allProducts().mid(0, 200);
    for (const Guide &g : lookup.storeGuides())
        if (g.active)
            mix.guides.append(g.id);
    for (int i = 1; i <= 30; ++i)
        if (auto m = PeopleRepository(till.database()).member(u"M"_s + QString::number(i).rightJustified(4, u'0')))
            mix.members.append(m->id);
    return mix;
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

// The same orders, attribution and ledger credits the till would write (CheckoutService),
// back-dated a minute apart over the past year and committed in large transactions without
// fsync (set-up only).
void seedOrders(Till &till, BenchClock &clock, int count)
{
    const Database &db = till.database();
    OrderRepository orders(db);
    const CheckoutService checkout(till);
    const int existing = orders.count();
    seedGuides(till);
    const SaleMix mix = saleMix(till);
    QRandomGenerator rng(42);
    QDateTime at = till.now().addSecs(-60LL * (count - existing));
    db.exec(u"PRAGMA synchronous=OFF"_s);
    for (int start = existing; start < count; start += 10000) {
        Transaction tx(db);
        for (int i = start; i < qMin(count, start + 10000); ++i) {
            at = at.addSecs(60);
            clock.set(at);
            auto order = checkout.prepare(sampleSale(mix.items, mix.guides, mix.members, rng));
            if (!order)
                fail(order.error());
            if (auto r = checkout.storeWithinTransaction(*order); !r)
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
    // Times `samples` lookups of the codes `next` makes; every one must be found.
    const auto timeLookups = [&](const std::function<QString()> &next) {
        QList<double> ms;
        for (int i = 0; i < samples; ++i) {
            const QString code = next();
            QElapsedTimer t;
            t.start();
            const auto item = lookup.sellableProduct(code);
            ms.append(elapsedMs(t));
            if (!item)
                fail(u"lookup missed "_s + code);
        }
        return percentiles(ms);
    };
    QJsonObject o = timeLookups([&]() -> QString { return ean13(1000000000LL + rng.bounded(skus)); });
    o.insert(u"catalog_size"_s, CatalogRepository(till.database()).count());
    o.insert(u"goal_p99_ms"_s, 0.2);
    // A SKU typed by hand, in lower case: the barcode table misses, then the SKU is matched
    // without regard to case (as the checkout does for every line).
    o.insert(u"typed_sku"_s, timeLookups([&]() -> QString { return u"bench"_s + QString::number(rng.bounded(skus)).rightJustified(7, u'0'); }));
    return o;
}

// A scan as the till handles it: the code parsed, the product looked up in the full catalog,
// the line added to the sale and read back from the cart model the screen draws. A sale is
// started afresh every 30 lines, as a long basket would be.
QJsonObject benchScanToLine(Till &till, int skus, int samples)
{
    QRandomGenerator rng(11);
    auto session = std::make_unique<SaleSession>(till);
    auto model = std::make_unique<CartModel>(session->cart());
    QList<double> ms;
    for (int i = 0; i < samples; ++i) {
        if (i % 30 == 0) {
            session->clear();
            model->refresh();
        }
        const QString code = ean13(1000000000LL + rng.bounded(skus));
        QElapsedTimer t;
        t.start();
        auto scanned = session->scanCode(code);
        model->refresh();
        const QString shown = scanned ? model->data(model->index(scanned->line, CartModel::Product), Qt::DisplayRole).toString() : QString();
        ms.append(elapsedMs(t));
        if (!scanned || shown.isEmpty())
            fail(u"scan missed "_s + code);
    }
    QJsonObject o = percentiles(ms);
    o.insert(u"goal_p99_ms"_s, 5);
    return o;
}

QJsonObject benchCommit(Till &till, BenchClock &clock, const QString &barePath, int orders, int samples)
{
    seedOrders(till, clock, orders);
    Database bare;
    if (Status s = bare.openWithoutMigrating(barePath); !s)
        fail(s.error());
    bare.exec(u"CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"_s);

    const CheckoutService checkout(till);
    const SaleMix mix = saleMix(till);
    QRandomGenerator rng(99);
    QList<double> saleMs;
    QList<double> bareMs;
    QList<double> checkpointMs;
    QList<double> checkoutMs;
    for (int i = 0; i < samples; ++i) {
        // Interleaved, so both see the same disk at the same moments.
        {
            QElapsedTimer t;
            t.start();
            Transaction tx(bare);
            // Kept prepared, as the till's own statements are.
            bare.run(u"INSERT INTO t (v) VALUES (?)"_s, {QUuid::createUuid().toString()});
            if (Status s = tx.commit(); !s)
                fail(s.error());
            bareMs.append(elapsedMs(t));
        }
        {
            const SaleRequest sale = sampleSale(mix.items, mix.guides, mix.members, rng);
            QElapsedTimer t;
            t.start();
            auto prepared = checkout.prepare(sale);
            const double checkedMs = elapsedMs(t);
            if (!prepared)
                fail(prepared.error());
            t.start();
            auto order = checkout.commit(std::move(prepared.value()));
            saleMs.append(elapsedMs(t));
            checkoutMs.append(checkedMs + saleMs.last());
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
    // With the checks before it: guide, member and every line's current price read again.
    o.insert(u"checkout_end_to_end"_s, percentiles(checkoutMs));
    return o;
}

// The store manager's screens on the history seeded above: random days and months of the year.
QJsonObject benchLeaderboard(const Till &till, int samples)
{
    const LeaderboardService board(till);
    const QDate today = till.now().toTimeZone(till.timeZone()).date();
    QRandomGenerator rng(5);
    QList<double> dayMs;
    QList<double> monthMs;
    qint64 rowsSeen = 0;
    for (int i = 0; i < samples; ++i) {
        const QDate date = today.addDays(-rng.bounded(340));
        QElapsedTimer t;
        t.start();
        const LeaderboardDay day = board.day(date);
        dayMs.append(elapsedMs(t));
        rowsSeen += day.rows.size();
    }
    for (int i = 0; i < qMax(1, samples / 10); ++i) {
        const QDate date = today.addMonths(-rng.bounded(11));
        QElapsedTimer t;
        t.start();
        const LeaderboardMonth month = board.month(date);
        monthMs.append(elapsedMs(t));
        rowsSeen += month.guides.size();
    }
    qint64 ledgerRows = 0;
    qint64 lines = 0;
    till.database().run(u"SELECT (SELECT count(*) FROM ledger), (SELECT count(*) FROM order_lines)"_s, {},
                        [&](const QSqlQuery &q) {
                            ledgerRows = q.value(0).toLongLong();
                            lines = q.value(1).toLongLong();
                        });
    QJsonObject day = percentiles(dayMs);
    day.insert(u"goal_p99_ms"_s, 10);
    QJsonObject month = percentiles(monthMs);
    month.insert(u"goal_p99_ms"_s, 50);
    return {{u"orders_in_db"_s, OrderRepository(till.database()).count()}, {u"order_lines"_s, lines},
            {u"ledger_rows"_s, ledgerRows}, {u"guides"_s, int(LookupService(till).storeGuides().size())},
            {u"day"_s, day}, {u"month"_s, month}, {u"rows_returned"_s, rowsSeen}};
}

// A spec §10 event stream of `count` lines: 40 guides in two stores, binds, clicks, store and
// online orders, partial refunds, in time order.
void writeEventStream(const QString &path, int count)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        fail(u"cannot write "_s + path);
    QRandomGenerator rng(11);
    QByteArray out;
    out += R"({"type":"policy","credit_mode":"split","exclusive_share_pct":50,"validity_days":180,"protection_days":7,)"
           R"("rebind_rule":"latest","click_window_hours":24,"bind_sources":["register","order","wecom_friend","assign"],)"
           R"("tz":"Asia/Shanghai"})" "\n";
    for (int g = 1; g <= benchGuides; ++g)
        out += QStringLiteral(R"({"type":"guide","id":"%1","store":"%2","name":"导购%3"})""\n")
                   .arg(guideId(g), g % 2 ? u"S01"_s : u"S02"_s)
                   .arg(g)
                   .toUtf8();
    QDateTime at(QDate(2026, 1, 1), QTime(9, 0), QTimeZone(8 * 3600));
    QList<QPair<int, qint64>> refundable; // order number, amount
    int orders = 0;
    int refunds = 0;
    for (int i = out.count('\n'); i < count; ++i) {
        at = at.addSecs(1 + rng.bounded(20));
        const QByteArray when = at.toString(Qt::ISODateWithMs).toLatin1();
        const QByteArray customer = "C" + QByteArray::number(rng.bounded(20000));
        const QByteArray guide = guideId(1 + rng.bounded(benchGuides)).toLatin1();
        const int kind = rng.bounded(100);
        if (kind < 10) {
            out += R"({"type":"bind","at":")" + when + R"(","customer":")" + customer + R"(","guide":")" + guide
                   + R"(","source":"wecom_friend"})" "\n";
        } else if (kind < 30) {
            out += R"({"type":"click","at":")" + when + R"(","customer":")" + customer + R"(","guide":")" + guide
                   + R"("})" "\n";
        } else if (kind < 90 || refundable.isEmpty()) {
            const bool online = rng.bounded(4) == 0;
            QByteArray lines;
            qint64 amount = 0;
            for (int l = 0, n = 1 + rng.bounded(3); l < n; ++l) {
                const qint64 fen = 990 + rng.bounded(500) * 100;
                amount += fen;
                lines += QByteArray(l ? "," : "") + R"({"sku":"P)" + QByteArray::number(rng.bounded(5000))
                         + R"(","amount":)" + QByteArray::number(fen) + R"(,"commission_bp":)"
                         + QByteArray::number(300 + rng.bounded(5) * 100) + "}";
            }
            const QByteArray id = "O" + QByteArray::number(++orders);
            out += R"({"type":"order","at":")" + when + R"(","id":")" + id + R"(","store":")"
                   + (rng.bounded(2) ? "S01" : "S02") + R"(","channel":")" + (online ? "online" : "store")
                   + R"(","customer":)" + (rng.bounded(3) ? "\"" + customer + "\"" : QByteArray("null"))
                   + R"(,"sales_guide":)" + (online ? QByteArray("null") : "\"" + guide + "\"") + R"(,"lines":[)" + lines
                   + "]}\n";
            refundable.append({orders, amount});
        } else {
            const auto [order, amount] = refundable.takeAt(rng.bounded(int(refundable.size())));
            out += R"({"type":"refund","at":")" + when + R"(","id":"R)" + QByteArray::number(++refunds)
                   + R"(","order":"O)" + QByteArray::number(order) + R"(","amount":)"
                   + QByteArray::number(1 + rng.bounded(amount)) + "}\n";
        }
        if (out.size() > (1 << 20)) {
            f.write(out);
            out.clear();
        }
    }
    out += R"({"type":"leaderboard","store":"S01","date":")" + at.date().toString(Qt::ISODate).toLatin1() + "\"}\n";
    f.write(out);
}

// `posctl attribute` as a user runs it, on a file, its output thrown away.
// A customer brings a receipt back: the sale found by its number among a year of orders, with
// what was already refunded of it (what the refund screen shows first).
QJsonObject benchRefundLookup(const Till &till, int samples)
{
    auto last = till.database().exec(u"SELECT max(seq) FROM orders"_s);
    const int orders = last && last->next() ? last->value(0).toInt() : 0;
    if (orders == 0)
        return {{u"available"_s, false}};
    QRandomGenerator rng(13);
    const RefundService refunds(till);
    QList<double> ms;
    for (int i = 0; i < samples; ++i) {
        const QString number = u"%1-%2-%3"_s.arg(till.store().id, till.store().terminalId).arg(1 + rng.bounded(orders), 6, 10, QChar(u'0'));
        QElapsedTimer t;
        t.start();
        auto order = refunds.findOrder(number);
        if (order)
            (void)refunds.history(*order);
        ms.append(elapsedMs(t));
        if (!order)
            fail(u"refund lookup missed "_s + number);
    }
    QJsonObject o = percentiles(ms);
    o.insert(u"orders_in_file"_s, orders);
    return o;
}

QJsonObject benchReplay(const QString &dir, int events, int runs)
{
    const QString path = dir + u"/events.jsonl"_s;
    writeEventStream(path, events);
    QList<double> seconds;
    int exitStatus = 0;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        p.setStandardOutputFile(QProcess::nullDevice());
        QElapsedTimer t;
        t.start();
        p.start(QStringLiteral(POSCTL_PATH), {u"attribute"_s, path});
        if (!p.waitForFinished(600000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() == 2)
            fail(u"posctl attribute failed: "_s + QString::fromUtf8(p.readAllStandardError()));
        seconds.append(double(t.nsecsElapsed()) / 1e9);
        exitStatus = p.exitCode();
    }
    std::sort(seconds.begin(), seconds.end());
    const double best = seconds.front();
    return {{u"events"_s, events}, {u"runs"_s, runs}, {u"best_seconds"_s, best},
            {u"median_seconds"_s, seconds[seconds.size() / 2]}, {u"events_per_second"_s, double(events) / best},
            {u"exit_status"_s, exitStatus}, {u"goal_events_per_second"_s, 500000}};
}

// A 30-line receipt of the demo store's Chinese product names, for a guide and a member.
QJsonObject benchReceiptEncode(Till &till, int samples)
{
    const SaleMix mix = saleMix(till);
    SaleRequest sale;
    for (int l = 0; l < 30; ++l)
        sale.cart.add(mix.items[l], {});
    sale.guideId = mix.guides.value(0);
    sale.memberId = mix.members.value(0);
    sale.tenders = {{PaymentMethod::WeChat, {}, {}}};
    auto order = CheckoutService(till).checkout(sale);
    if (!order)
        fail(order.error());
    const auto profile = printer::Profiles::byId(u"generic-80"_s);
    const ReceiptLayout layout(till);
    const printer::PrintDocument receipt = layout.sale(*order, {80, false});
    const printer::EscPosEncoder encoder(*profile);
    QList<double> encodeMs;
    QList<double> layoutMs;
    qsizetype bytes = 0;
    for (int i = 0; i < samples; ++i) {
        QElapsedTimer t;
        t.start();
        bytes = encoder.encode(receipt).size();
        encodeMs.append(elapsedMs(t));
    }
    for (int i = 0; i < qMax(1, samples / 10); ++i) {
        QElapsedTimer t;
        t.start();
        bytes = encoder.encode(layout.sale(*order, {80, false})).size();
        layoutMs.append(elapsedMs(t));
    }
    QJsonObject encode = percentiles(encodeMs);
    encode.insert(u"goal_p50_ms"_s, 0.1);
    return {{u"lines"_s, int(order->lines.size())}, {u"profile"_s, profile->id}, {u"bytes"_s, bytes},
            {u"encode"_s, encode}, {u"layout_and_encode"_s, percentiles(layoutMs)}};
}

// A phone or webcam frame: a printed QR on a counter, turned, sheared, a little soft, noisy.
QImage cameraFrame(const QString &payload, int n)
{
    const QImage qr = printer::qrImage(payload, 8);
    QImage frame(1280, 720, QImage::Format_RGB32);
    frame.fill(QColor(176, 172, 165));
    QPainter p(&frame);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.fillRect(380, 120, 520, 480, Qt::white); // the paper
    p.translate(640 + (n % 3 - 1) * 150, 360);
    p.rotate(n * 23 % 360);
    p.shear(0.05 * (n % 2), 0);
    p.drawImage(-qr.width() / 2, -qr.height() / 2, qr);
    p.end();
    frame = frame.scaled(960, 540, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .scaled(1280, 720, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QRandomGenerator rng(n);
    for (int i = 0; i < 3000; ++i) {
        const int v = rng.bounded(256);
        frame.setPixel(rng.bounded(1280), rng.bounded(720), qRgb(v, v, v));
    }
    return frame;
}

// Wall time of a process per file, and how many files it decoded to the payload.
QJsonObject processDecode(const QString &program, const QStringList &baseArgs, const QStringList &files,
                          const QString &payload)
{
    if (program.isEmpty())
        return {{u"available"_s, false}};
    QList<double> ms;
    int correct = 0;
    for (const QString &file : files) {
        QProcess p;
        QElapsedTimer t;
        t.start();
        p.start(program, baseArgs + QStringList{file});
        p.waitForFinished(30000);
        ms.append(elapsedMs(t));
        correct += QString::fromUtf8(p.readAllStandardOutput()).contains(payload);
    }
    QJsonObject o = percentiles(ms);
    o.insert(u"decoded"_s, correct);
    o.insert(u"frames"_s, int(files.size()));
    return o;
}

QJsonObject benchCameraDecode(const QString &dir, int samples)
{
    const QString payload = u"https://m.example.com/bind?guide=G01&store=S01&order=S01-T01-000042"_s;
    QList<QImage> frames;
    QStringList files;
    for (int n = 0; n < 8; ++n) {
        frames.append(cameraFrame(payload, n));
        files.append(dir + u"/frame-%1.png"_s.arg(n));
        frames.back().save(files.back());
    }
    QList<double> ms;
    int correct = 0;
    for (int i = 0; i < samples; ++i) {
        const QImage &frame = frames[i % frames.size()];
        QElapsedTimer t;
        t.start();
        const auto found = scanner::ImageDecoder::decode(frame);
        ms.append(elapsedMs(t));
        correct += !found.isEmpty() && found.first().text == payload;
    }
    QJsonObject inProcess = percentiles(ms);
    inProcess.insert(u"decoded"_s, correct);
    inProcess.insert(u"goal_p50_ms"_s, 20);
    return {{u"frame"_s, u"1280x720 RGB, QR 8 px/module, turned/sheared/soft/noisy"_s},
            {u"in_process"_s, inProcess},
            {u"posctl_scan_image_process"_s, processDecode(QStringLiteral(POSCTL_PATH), {u"scan-image"_s}, files, payload)},
            {u"zbarimg_process"_s, processDecode(QStandardPaths::findExecutable(u"zbarimg"_s),
                                                 {u"--nodbus"_s, u"-q"_s, u"--raw"_s}, files, payload)}};
}

QJsonObject benchColdStart(const QString &dbPath, int runs)
{
    QList<double> wall;
    QList<double> internal;
    QList<double> peakMb;
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
        const QJsonObject painted = QJsonDocument::fromJson(out.trimmed()).object();
        internal.append(painted.value(u"first_paint_ms"_s).toDouble());
        peakMb.append(painted.value(u"peak_rss_kb"_s).toDouble() / 1024.0);
    }
    QJsonObject o = percentiles(wall);
    o.insert(u"in_process_first_paint"_s, percentiles(internal));
    o.insert(u"goal_ms"_s, 1000);
    o.insert(u"peak_rss_mb"_s, *std::max_element(peakMb.cbegin(), peakMb.cend()));
    o.insert(u"goal_peak_rss_mb"_s, 150);
    return o;
}

} // namespace

// Orders queued for HQ while offline (committed as the till would, without fsync: set-up),
// then drained to a pos-hq process over TLS on loopback, timed from the first call to the
// last acknowledgement.
QJsonObject benchSync(const QString &dir, int events, const QString &postgres)
{
    test::TestPki pki;
    if (!pki.make())
        return {{u"available"_s, false}, {u"why"_s, u"openssl could not make the test CA"_s}};
    auto clock = std::make_shared<BenchClock>();
    for (const QString &name : {u"/sync.db"_s, u"/hq-bench.db"_s}) // HQ and the till start afresh together
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
            QFile::remove(dir + name + suffix);
    Till till(clock);
    if (Status s = till.open(dir + u"/sync.db"_s); !s)
        fail(s.error());
    DemoStore::load(till, DemoStore::Staff::Skip);
    seedOrders(till, *clock, events);
    clock->set({});

    // HQ's side alone: the same events ingested in-process by HqStore (SQLite), batch by batch
    // as the tills send them — validation, dedup and storage, no network.
    QJsonObject ingest;
    {
        QTemporaryDir hqDir;
        hq::HqStore store;
        QString error;
        const auto url = hq::DatabaseUrl::parse(u"sqlite:"_s + hqDir.filePath(u"ingest.db"_s), &error);
        if (url && store.open(*url)) {
            const QList<OutboxEvent> all = OutboxRepository(till.database()).pending(events + 100);
            const hq::Terminal terminal{u"S01"_s, u"T01"_s, QByteArrayLiteral("bench"), {}, {}};
            QList<double> perBatch;
            QElapsedTimer total;
            total.start();
            for (qsizetype from = 0; from < all.size(); from += 500) {
                QJsonArray batch;
                for (qsizetype i = from; i < qMin(all.size(), from + 500); ++i)
                    batch.append(QJsonObject{{u"id"_s, all[i].id}, {u"topic"_s, all[i].topic}, {u"ref"_s, all[i].ref},
                                             {u"created_at"_s, all[i].createdAt}, {u"payload"_s, all[i].payload}});
                QElapsedTimer t;
                t.start();
                if (!store.ingest(terminal, batch, QDateTime::currentMSecsSinceEpoch()))
                    fail(u"HQ ingest failed"_s);
                perBatch.append(elapsedMs(t));
            }
            const double seconds = elapsedMs(total) / 1000.0;
            ingest = percentiles(perBatch);
            ingest.insert(u"events"_s, all.size());
            ingest.insert(u"batch"_s, 500);
            ingest.insert(u"events_per_second"_s, seconds > 0 ? all.size() / seconds : 0.0);
        }
    }

    auto drain = [&](const QString &database) -> QJsonObject {
        test::HqProcess hq(database, pki);
        hq.admin({u"stores"_s, u"add"_s, u"S01"_s, u"Bench"_s});
        const QString code = hq.admin({u"enroll"_s, u"--store"_s, u"S01"_s, u"--terminal"_s, u"T01"_s});
        if (code.isEmpty() || !hq.serve())
            return {{u"available"_s, false}, {u"why"_s, QString(u"pos-hq did not start on "_s + database)}};
        SyncService sync(till);
        if (Status s = sync.enroll(hq.url(), code, test::TestPki::read(pki.caPem)); !s)
            return {{u"available"_s, false}, {u"why"_s, s.error()}};
        till.database().exec(u"UPDATE outbox SET sent_at = NULL"_s);
        QElapsedTimer t;
        t.start();
        int sent = 0;
        int calls = 0;
        for (;;) {
            const SyncRound r = sync.push(SyncService::defaultBatch);
            sent += r.accepted + r.duplicates;
            calls += (r.accepted + r.duplicates + r.parked + SyncService::defaultBatch - 1) / SyncService::defaultBatch;
            if (r.failed)
                return {{u"available"_s, false}, {u"why"_s, SyncService::describe(r.failure)}};
            if (r.drained)
                break;
        }
        const double seconds = elapsedMs(t) / 1000.0;
        return {{u"events"_s, sent}, {u"batches"_s, calls}, {u"seconds"_s, seconds},
                {u"events_per_second"_s, seconds > 0 ? sent / seconds : 0.0}, {u"goal_seconds_for_10000"_s, 10}};
    };
    QJsonObject o{{u"transport"_s, u"HTTPS (TLS 1.2+, ECDSA P-256) on 127.0.0.1, batches of 500"_s},
                  {u"hq_ingest_in_process_sqlite"_s, ingest},
                  {u"hq_sqlite"_s, drain(u"sqlite:"_s + dir + u"/hq-bench.db"_s)}};
    if (!postgres.isEmpty())
        o.insert(u"hq_postgresql"_s, drain(postgres));
    return o;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures the till's hot paths; prints JSON."_s);
    parser.addHelpOption();
    parser.addOption({u"skus"_s, u"Catalog size for the lookup benchmark."_s, u"N"_s, u"1000000"_s});
    parser.addOption({u"orders"_s, u"Orders already in the database for the commit benchmark."_s, u"N"_s, u"500000"_s});
    parser.addOption({u"samples"_s, u"Measurements per figure."_s, u"N"_s, u"2000"_s});
    parser.addOption({u"events"_s, u"Events in the stream replayed by posctl attribute."_s, u"N"_s, u"1000000"_s});
    parser.addOption({u"replays"_s, u"Times the replay is run."_s, u"N"_s, u"3"_s});
    parser.addOption({u"starts"_s, u"Cold starts of pos-till to time."_s, u"N"_s, u"10"_s});
    parser.addOption({u"sync-events"_s, u"Sales queued offline, then drained to pos-hq."_s, u"N"_s, u"10000"_s});
    parser.addOption({u"hq-postgres"_s, u"Also drain to pos-hq on this PostgreSQL database (postgresql://…)."_s, u"URL"_s});
    parser.addOption({u"dir"_s, u"Folder for the databases (default: a temporary one). Reused when present."_s, u"DIR"_s});
    parser.addOption({u"only"_s, u"Run only these groups (comma-separated): scan, commit, receipt, camera, replay, start, sync."_s, u"GROUPS"_s});
    parser.process(app);
    const QStringList only = parser.value(u"only"_s).split(u',', Qt::SkipEmptyParts);
    const auto wanted = [&only](const QString &group) { return only.isEmpty() || only.contains(group); };

    QTemporaryDir temp;
    const QString dir = parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) : temp.path();
    const int samples = parser.value(u"samples"_s).toInt();

    QJsonObject report;
    if (wanted(u"scan"_s)) {
        Till till;
        if (Status s = till.open(dir + u"/catalog.db"_s); !s)
            fail(s.error());
        if (!till.isProvisioned())
            DemoStore::load(till, DemoStore::Staff::Skip);
        report.insert(u"barcode_lookup"_s, benchLookup(till, parser.value(u"skus"_s).toInt(), samples));
        report.insert(u"scan_to_line"_s, benchScanToLine(till, parser.value(u"skus"_s).toInt(), samples));
    }
    if (wanted(u"commit"_s)) {
        auto clock = std::make_shared<BenchClock>();
        Till till(clock);
        if (Status s = till.open(dir + u"/orders.db"_s); !s)
            fail(s.error());
        if (!till.isProvisioned())
            DemoStore::load(till, DemoStore::Staff::Skip);
        report.insert(u"durable_commit"_s, benchCommit(till, *clock, dir + u"/bare.db"_s, parser.value(u"orders"_s).toInt(), samples));
        report.insert(u"leaderboard"_s, benchLeaderboard(till, qMin(samples, 500)));
        report.insert(u"refund_lookup"_s, benchRefundLookup(till, samples));
    }
    if (wanted(u"receipt"_s)) {
        Till till;
        if (Status s = till.open(dir + u"/start.db"_s); !s)
            fail(s.error());
        if (!till.isProvisioned())
            DemoStore::load(till, DemoStore::Staff::Skip);
        report.insert(u"receipt"_s, benchReceiptEncode(till, samples));
    }
    if (wanted(u"camera"_s))
        report.insert(u"camera_decode"_s, benchCameraDecode(dir, qMin(samples, 200)));
    if (wanted(u"replay"_s))
        report.insert(u"replay"_s, benchReplay(dir, parser.value(u"events"_s).toInt(), parser.value(u"replays"_s).toInt()));
    // Cold start on the full catalog: the start-up check of the file and the first paint.
    if (wanted(u"start"_s))
        report.insert(u"cold_start"_s, benchColdStart(dir + u"/catalog.db"_s, parser.value(u"starts"_s).toInt()));
    if (wanted(u"sync"_s))
        report.insert(u"sync"_s, benchSync(dir, parser.value(u"sync-events"_s).toInt(), parser.value(u"hq-postgres"_s)));
    std::printf("%s\n", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
    return 0;
}
