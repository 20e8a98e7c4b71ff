#include "testtill.h"

#include "services/checkoutservice.h"
#include "services/lookupservice.h"
#include "services/orderhistory.h"
#include "services/staffservice.h"
#include "store/orderrepository.h"

#include <QSqlQuery>
#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

namespace {

int countOf(const Database &db, const QString &table)
{
    auto q = db.exec(u"SELECT count(*) FROM "_s + table);
    return q && q->next() ? q->value(0).toInt() : -1;
}

SaleRequest threeItemSale(Till &till)
{
    const LookupService lookup(till);
    SaleRequest sale;
    for (const QString &code : {u"6951593000011"_s, u"WF0102"_s, u"6951593000011"_s}) {
        auto item = lookup.sellableProduct(code);
        if (item)
            sale.cart.add(*item, code);
    }
    sale.guideId = u"G01"_s;
    sale.memberId = u"M0001"_s;
    sale.tenders = {{PaymentMethod::Card, Money::fromFen(100000), u"C-778"_s}, {PaymentMethod::Cash, Money::fromFen(200000), {}}};
    return sale;
}

} // namespace

class TestOrderCommit : public QObject
{
    Q_OBJECT
private slots:
    void commitWritesEverythingOnce()
    {
        test::TestTill t;
        auto order = CheckoutService(t.till()).checkout(threeItemSale(t.till()));
        QVERIFY2(order.ok(), qPrintable(order.error()));
        QCOMPARE(order->number, u"S01-T01-000001"_s);
        QCOMPARE(order->id.size(), 36);
        QCOMPARE(order->salesGuideId, u"G01"_s);
        QCOMPARE(order->memberId, u"M0001"_s);
        QCOMPARE(order->exclusiveGuideId, u"G03"_s); // from the demo member
        QCOMPARE(order->paidAt.toString(Qt::ISODate), u"2026-11-22T14:30:00+08:00"_s);
        QCOMPARE(order->total.fen(), 3 * 69900);
        QCOMPARE(order->change.fen(), 300000 - 3 * 69900);

        const Database &db = t.till().database();
        QCOMPARE(countOf(db, u"orders"_s), 1);
        QCOMPARE(countOf(db, u"order_lines"_s), 2); // the repeated product merged into one line of 2
        QCOMPARE(countOf(db, u"payments"_s), 2);
        QCOMPARE(countOf(db, u"outbox"_s), 1);

        // The id is minted on the till in time order (UUID version 7, stamped with the sale's
        // time), so a year of sales appends to the end of each index rather than all over it.
        QCOMPARE(order->id.mid(14, 1), u"7"_s);
        QCOMPARE(QString(order->id.left(8) + order->id.mid(9, 4)).toLongLong(nullptr, 16), order->paidAt.toMSecsSinceEpoch());

        t.clock().advanceSecs(1);
        auto second = CheckoutService(t.till()).checkout(threeItemSale(t.till()));
        QVERIFY(second.ok());
        QCOMPARE(second->number, u"S01-T01-000002"_s);
        QVERIFY(second->id != order->id);
        QVERIFY(second->id > order->id);
    }

    void committedSaleSurvivesRestart()
    {
        test::TestTill t;
        auto order = CheckoutService(t.till()).checkout(threeItemSale(t.till()));
        QVERIFY(order.ok());
        t.reopen();
        auto found = OrderHistory(t.till()).byNumber(order->number);
        QVERIFY(found.ok());
        QCOMPARE(found->total, order->total);
        QCOMPARE(found->payments.size(), 2);
        QCOMPARE(found->payments[0].reference, u"C-778"_s);
        QCOMPARE(found->payments[1].applied.fen(), order->total.fen() - 100000);
        QCOMPARE(found->lines.front().quantity, 2);
        QCOMPARE(found->paidAt, order->paidAt);
        QCOMPARE(found->paidAt.toString(Qt::ISODate), order->paidAt.toString(Qt::ISODate));
    }

    // A failure at any point of the commit leaves nothing behind, not even a used number.
    void failureInTheMiddleLeavesNothing_data()
    {
        QTest::addColumn<QString>("table");
        QTest::newRow("order row") << u"orders"_s;
        QTest::newRow("lines") << u"order_lines"_s;
        QTest::newRow("payments") << u"payments"_s;
        QTest::newRow("outbox") << u"outbox"_s;
    }
    void failureInTheMiddleLeavesNothing()
    {
        QFETCH(QString, table);
        test::TestTill t;
        const Database &db = t.till().database();
        QVERIFY(db.exec(u"CREATE TRIGGER inject BEFORE INSERT ON "_s + table
                        + u" BEGIN SELECT RAISE(ABORT, 'injected fault'); END"_s));
        auto order = CheckoutService(t.till()).checkout(threeItemSale(t.till()));
        QVERIFY(!order.ok());
        QCOMPARE(order.errorKind(), ErrorKind::System);
        QVERIFY(order.error().contains(u"injected fault"_s));
        for (const QString &tbl : {u"orders"_s, u"order_lines"_s, u"payments"_s, u"outbox"_s, u"order_counters"_s})
            QCOMPARE(countOf(db, tbl), 0);

        QVERIFY(db.exec(u"DROP TRIGGER inject"_s));
        auto retry = CheckoutService(t.till()).checkout(threeItemSale(t.till()));
        QVERIFY(retry.ok());
        QCOMPARE(retry->number, u"S01-T01-000001"_s);
    }

    void ordersAndPaymentsAreAppendOnly()
    {
        test::TestTill t;
        QVERIFY(CheckoutService(t.till()).checkout(threeItemSale(t.till())).ok());
        const Database &db = t.till().database();
        QVERIFY(!db.exec(u"UPDATE orders SET total_fen = 1"_s));
        QVERIFY(!db.exec(u"DELETE FROM orders"_s));
        QVERIFY(!db.exec(u"UPDATE order_lines SET quantity = 9"_s));
        QVERIFY(!db.exec(u"DELETE FROM payments"_s));
        QVERIFY(!db.exec(u"UPDATE payments SET amount_fen = 0"_s));
        QCOMPARE(countOf(db, u"payments"_s), 2);
    }

    void businessDateIsTheStoresLocalDay()
    {
        // 23:30 UTC on the 21st is 07:30 on the 22nd in Shanghai.
        test::TestTill t(true, QDateTime::fromString(u"2026-11-21T23:30:00Z"_s, Qt::ISODate));
        auto order = CheckoutService(t.till()).checkout(threeItemSale(t.till()));
        QVERIFY(order.ok());
        QCOMPARE(order->businessDate, u"2026-11-22"_s);
        QCOMPARE(order->paidAt.toString(Qt::ISODate), u"2026-11-22T07:30:00+08:00"_s);
        QCOMPARE(OrderHistory(t.till()).byDate(QDate(2026, 11, 22)).size(), 1);
        QCOMPARE(OrderHistory(t.till()).byDate(QDate(2026, 11, 21)).size(), 0);
    }

    void outboxCarriesTheOrder()
    {
        test::TestTill t;
        auto order = CheckoutService(t.till()).checkout(threeItemSale(t.till()));
        QVERIFY(order.ok());
        auto q = t.till().database().exec(u"SELECT topic, ref, payload, sent_at FROM outbox"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), u"order.paid"_s);
        QCOMPARE(q->value(1).toString(), order->id);
        QVERIFY(q->value(2).toString().contains(order->number));
        QVERIFY(q->value(3).isNull());
        QCOMPARE(OrderHistory(t.till()).pendingForHq(), 1);
    }

    // Numbers follow the terminal's last order; a counter left ahead by an older version of
    // the till still counts, so no number is ever given twice.
    void numbersContinueFromTheLastOrder()
    {
        test::TestTill t;
        QVERIFY(CheckoutService(t.till()).checkout(threeItemSale(t.till())));
        QVERIFY(t.till().database().exec(u"INSERT INTO order_counters (terminal_id, last_seq) VALUES ('T01', 41)"_s));
        auto order = CheckoutService(t.till()).checkout(threeItemSale(t.till()));
        QVERIFY(order);
        QCOMPARE(order->number, u"S01-T01-000042"_s);
        order = CheckoutService(t.till()).checkout(threeItemSale(t.till()));
        QVERIFY(order);
        QCOMPARE(order->number, u"S01-T01-000043"_s);
    }

    // Who rang it up is kept with the sale and told to HQ; a cashier the till doesn't know
    // (or who has left) is refused before anything is written.
    void theCashierIsRecorded()
    {
        test::TestTill t;
        QVERIFY(StaffService(t.till()).add(u"C01"_s, u"李娜"_s, Role::Cashier, u"1357"_s, 1000));
        SaleRequest sale = threeItemSale(t.till());
        sale.cashierId = u"C01"_s;
        auto order = CheckoutService(t.till()).checkout(sale);
        QVERIFY2(order.ok(), qPrintable(order.error()));
        const auto stored = OrderRepository(t.till().database()).findByNumber(order->number);
        QVERIFY(stored);
        QCOMPARE(stored->cashierId, u"C01"_s);
        auto q = t.till().database().exec(u"SELECT payload FROM outbox WHERE ref = ?"_s, {order->id});
        QVERIFY(q && q->next());
        QVERIFY(q->value(0).toString().contains(u"\"cashier\":\"C01\""_s));

        sale.cashierId = u"C99"_s;
        auto unknown = CheckoutService(t.till()).checkout(sale);
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().contains(u"C99"_s), qPrintable(unknown.error()));
        QCOMPARE(countOf(t.till().database(), u"orders"_s), 1);

        sale.cashierId.clear(); // a till nobody signs in to
        auto anonymous = CheckoutService(t.till()).checkout(sale);
        QVERIFY(anonymous.ok());
        QVERIFY(OrderRepository(t.till().database()).findByNumber(anonymous->number)->cashierId.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOrderCommit)
#include "tst_ordercommit.moc"
