// Shifts and the day's reports on a real till database: a known day of sales, refunds and
// petty cash gives exactly the expected drawer and Z report, and a Z report is made once.
#include "testtill.h"

#include "services/checkoutservice.h"
#include "services/lookupservice.h"
#include "services/printqueue.h"
#include "services/receiptlayout.h"
#include "services/refundservice.h"
#include "services/shiftservice.h"
#include "store/database.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestShift : public QObject
{
    Q_OBJECT

    static Order sell(Till &till, const QString &guide, PaymentMethod method, std::optional<Money> tendered = {})
    {
        Cart cart;
        cart.add(*LookupService(till).sellableProduct(u"WF0101"_s), u"WF0101"_s, 1); // ¥699.00
        auto order = CheckoutService(till).checkout({cart, guide, {}, {{method, tendered, {}}}, {}});
        if (!order)
            qFatal("sale: %s", qPrintable(order.error()));
        return *order;
    }

private slots:
    void countText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("fen"); // -1: refused
        QTest::newRow("notes and coins") << u"100x3,50x2,20x1,10x1,5x1,1x7,0.5x2,0.1x3"_s << qint64(30000 + 10000 + 2000 + 1000 + 500 + 700 + 100 + 30);
        QTest::newRow("empty drawer") << QString() << qint64(0);
        QTest::newRow("spaces") << u" 100 x 2 , 1x1 "_s << qint64(20100);
        QTest::newRow("no such note") << u"30x1"_s << qint64(-1);
        QTest::newRow("no count") << u"100x"_s << qint64(-1);
        QTest::newRow("negative") << u"100x-1"_s << qint64(-1);
        QTest::newRow("garbage") << u"lots"_s << qint64(-1);
    }
    void countText()
    {
        QFETCH(QString, text);
        QFETCH(qint64, fen);
        QString error;
        const auto counted = ShiftService::countFromText(text, &error);
        QCOMPARE(counted.value_or(-1), fen);
        if (fen < 0)
            QVERIFY(!error.isEmpty());
    }

    void aDayGivesExactlyItsZReport()
    {
        test::TestTill t;
        ShiftService shifts(t.till());
        QVERIFY(!shifts.cash(-5000, u"courier"_s)); // no shift open yet
        QVERIFY(shifts.open(Money::fromYuan(500), u"小王"_s));
        QVERIFY(!shifts.open(Money::fromYuan(100), u"x"_s)); // one at a time

        t.clock().advanceSecs(60);
        const Order cash = sell(t.till(), u"G01"_s, PaymentMethod::Cash, Money::fromYuan(1000)); // change ¥301
        t.clock().advanceSecs(60);
        sell(t.till(), u"G02"_s, PaymentMethod::Card);
        t.clock().advanceSecs(60);
        const Order refunded = sell(t.till(), u"G01"_s, PaymentMethod::Cash);
        t.clock().advanceSecs(60);
        QVERIFY(RefundService(t.till()).refund(refunded.number, {}));
        t.clock().advanceSecs(60);
        QVERIFY(!shifts.cash(-500000, u"too much"_s)); // the drawer doesn't hold that
        QVERIFY(!shifts.cash(-5000, u" "_s));          // a reason is needed
        QVERIFY(shifts.cash(-5000, u"快递费"_s));
        QVERIFY(shifts.cash(2000, u"找零备用金"_s));
        Q_UNUSED(cash);

        // The drawer: 500 + 699 + 699 − 699 − 50 + 20 = 1169.
        const auto open = shifts.current();
        QVERIFY(open);
        QCOMPARE(open->expectedFen, 116900);
        QVERIFY(!shifts.makeZ(t.till().now().date())); // a shift is open

        t.clock().advanceSecs(60);
        QVERIFY(!shifts.close(u"100x11,30x1"_s, u"小王"_s)); // a bad count closes nothing
        QVERIFY(shifts.current());
        const auto closed = shifts.close(u"100x11,50x1,10x2"_s, u"小王"_s); // 1170: one yuan over
        QVERIFY2(closed, qPrintable(closed.error()));
        QCOMPARE(closed->expectedFen, 116900);
        QCOMPARE(closed->shift.countedFen, 117000);
        QVERIFY(!shifts.current());

        const QDate day = t.till().now().date();
        const auto z = shifts.makeZ(day);
        QVERIFY2(z, qPrintable(z.error()));
        QCOMPARE(z->first, 1);
        const QJsonObject r = z->second;
        QCOMPARE(r.value(u"orders"_s).toInt(), 3);
        QCOMPARE(r.value(u"sales"_s).toInteger(), 3 * 69900);
        QCOMPARE(r.value(u"refund_count"_s).toInt(), 1);
        QCOMPARE(r.value(u"refunds"_s).toInteger(), 69900);
        QCOMPARE(r.value(u"net"_s).toInteger(), 2 * 69900);
        const QJsonObject tenders = r.value(u"tenders"_s).toObject();
        QCOMPARE(tenders.value(u"cash"_s)[u"sales"_s].toInteger(), 2 * 69900);
        QCOMPARE(tenders.value(u"cash"_s)[u"refunds"_s].toInteger(), 69900);
        QCOMPARE(tenders.value(u"card"_s)[u"net"_s].toInteger(), 69900);
        QJsonObject g01;
        for (const QJsonValue &g : r.value(u"guides"_s).toArray())
            if (g[u"guide"_s].toString() == u"G01"_s)
                g01 = g.toObject();
        QCOMPARE(g01.value(u"credited"_s).toInteger(), 2 * 69900);
        QCOMPARE(g01.value(u"refunded"_s).toInteger(), -69900);
        QCOMPARE(g01.value(u"net"_s).toInteger(), 69900);
        QCOMPARE(r.value(u"pending_for_hq"_s).toInt(), 5); // three sales, a refund and the shift close
        const QJsonObject shift = r.value(u"shifts"_s).toArray().first().toObject();
        QCOMPARE(shift.value(u"expected"_s).toInteger(), 116900);
        QCOMPARE(shift.value(u"difference"_s).toInteger(), 100);
        QCOMPARE(shift.value(u"cash_in_out"_s).toInteger(), -3000);

        // Once per day: refused again, kept as it was, and the database won't let it change.
        const auto again = shifts.makeZ(day);
        QVERIFY(!again);
        QVERIFY2(again.error().contains(u"Z0001"_s), qPrintable(again.error()));
        const auto stored = shifts.storedZ(day);
        QVERIFY(stored && stored->first == 1);
        QCOMPARE(stored->second.value(u"net"_s).toInteger(), 2 * 69900);
        QVERIFY(!t.till().database().exec(u"UPDATE z_reports SET report = '{}'"_s));
        QVERIFY(!t.till().database().exec(u"DELETE FROM cash_movements"_s));
        // On paper: the receipt printer's layout says what the report says.
        QStringList lines;
        const printer::PrintDocument paper = ReceiptLayout(t.till()).dayReport(z->second, {.paperMm = 58});
        for (const printer::Block &b : paper.blocks())
            if (b.kind == printer::Block::Kind::Text)
                lines.append(b.text);
        QVERIFY2(lines.contains(u"Z report 0001"_s), qPrintable(lines.join(u'|')));
        QVERIFY2(lines.contains(u"Net "_s + Money::fromFen(2 * 69900).toString()), qPrintable(lines.join(u'|')));
        QVERIFY2(lines.join(u'|').contains(u"Counted "_s + Money::fromFen(117000).toString()), qPrintable(lines.join(u'|')));
        QTemporaryDir dir;
        auto png = PrintQueue::printerFor({u"png:"_s + dir.filePath(u"z.png"_s), {}, 58});
        QVERIFY(png && png->print(ReceiptLayout(t.till()).dayReport(z->second, {.paperMm = 58})));
        QVERIFY(QFileInfo(dir.filePath(u"z.png"_s)).size() > 1000);

        // The next day gets the next number.
        t.clock().advanceSecs(24 * 3600);
        QCOMPARE(shifts.makeZ(t.till().now().date())->first, 2);
    }
};

QTEST_MAIN(TestShift) // the PNG preview draws text
#include "tst_shift.moc"
