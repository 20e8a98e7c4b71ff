#include "core/cart.h"
#include "core/order.h"

#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

namespace {
CatalogItem item(const QString &sku, qint64 priceFen)
{
    CatalogItem i;
    i.sku = sku;
    i.name = u"Item "_s + sku;
    i.barcodes = {u"690"_s + sku};
    i.price = Money::fromFen(priceFen);
    i.commissionBp = 500;
    return i;
}
} // namespace

class TestCart : public QObject
{
    Q_OBJECT
private slots:
    void discountParse_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("value");
        QTest::newRow("amount") << u"20"_s << true << int(Discount::Kind::Amount) << 2000LL;
        QTest::newRow("amount yen") << u"¥5.5"_s << true << int(Discount::Kind::Amount) << 550LL;
        QTest::newRow("percent") << u"15%"_s << true << int(Discount::Kind::Percent) << 1500LL;
        QTest::newRow("fullwidth percent") << u"12.5％"_s << true << int(Discount::Kind::Percent) << 1250LL;
        QTest::newRow("8.5折") << u"8.5折"_s << true << int(Discount::Kind::Percent) << 1500LL;
        QTest::newRow("85折") << u"85折"_s << true << int(Discount::Kind::Percent) << 1500LL;
        QTest::newRow("9折") << u"9折"_s << true << int(Discount::Kind::Percent) << 1000LL;
        QTest::newRow("empty") << u""_s << true << int(Discount::Kind::None) << 0LL;
        QTest::newRow("over 100%") << u"150%"_s << false << 0 << 0LL;
        QTest::newRow("garbage") << u"abc"_s << false << 0 << 0LL;
        QTest::newRow("0折") << u"0折"_s << false << 0 << 0LL;
    }
    void discountParse()
    {
        QFETCH(QString, input);
        QFETCH(bool, valid);
        QFETCH(int, kind);
        QFETCH(qint64, value);
        const auto d = Discount::parse(input);
        QCOMPARE(d.ok(), valid);
        if (valid) {
            QCOMPARE(int(d->kind()), kind);
            QCOMPARE(d->value(), value);
        }
    }

    void discountRounding_data()
    {
        QTest::addColumn<qint64>("base");
        QTest::addColumn<int>("bp");
        QTest::addColumn<qint64>("off");
        QTest::newRow("15% of 99.90") << 9990LL << 1500 << 1499LL; // 14.985 → 14.99
        QTest::newRow("15% of 9.99") << 999LL << 1500 << 150LL;    // 1.4985 → 1.50
        QTest::newRow("33.33% of 1.00") << 100LL << 3333 << 33LL;
        QTest::newRow("100%") << 12345LL << 10000 << 12345LL;
        QTest::newRow("0.01% of 1") << 100LL << 1 << 0LL;
        QTest::newRow("half fen up") << 50LL << 100 << 1LL; // 0.5 fen → 1
    }
    void discountRounding()
    {
        QFETCH(qint64, base);
        QFETCH(int, bp);
        QFETCH(qint64, off);
        QCOMPARE(Discount::percentOff(bp).amountOff(Money::fromFen(base)).fen(), off);
    }

    void amountDiscountNeverExceedsBase()
    {
        QCOMPARE(Discount::amount(Money::fromFen(5000)).amountOff(Money::fromFen(3000)).fen(), 3000);
    }

    void scanningAgainIncrements()
    {
        Cart cart;
        QCOMPARE(cart.add(item(u"A"_s, 1000), u"690A"_s), 0);
        QCOMPARE(cart.add(item(u"B"_s, 2500), u"690B"_s), 1);
        QCOMPARE(cart.add(item(u"A"_s, 1000), u"690A"_s), 0);
        QCOMPARE(cart.lines().size(), 2);
        QCOMPARE(cart.lines()[0].quantity, 2);
        QCOMPARE(cart.total().fen(), 4500);
        QCOMPARE(cart.itemCount(), 3);
    }

    void discountedLineIsNotMerged()
    {
        Cart cart;
        cart.add(item(u"A"_s, 1000), u"A"_s);
        QVERIFY(cart.setLineDiscount(0, Discount::percentOff(1000)).ok());
        QCOMPARE(cart.add(item(u"A"_s, 1000), u"A"_s), 1);
        QCOMPARE(cart.total().fen(), 900 + 1000);
    }

    void voidAndQuantity()
    {
        Cart cart;
        cart.add(item(u"A"_s, 1000), u"A"_s);
        cart.add(item(u"B"_s, 300), u"B"_s);
        QVERIFY(cart.setQuantity(1, 4).ok());
        QCOMPARE(cart.total().fen(), 2200);
        QVERIFY(!cart.setQuantity(1, 0).ok());
        QVERIFY(!cart.setQuantity(1, Cart::maxQuantity + 1).ok());
        QVERIFY(!cart.setQuantity(7, 1).ok());
        QVERIFY(cart.voidLine(0).ok());
        QVERIFY(!cart.voidLine(0).ok()); // twice is refused
        QCOMPARE(cart.total().fen(), 1200);
        QCOMPARE(cart.itemCount(), 4);
        QCOMPARE(cart.activeLineCount(), 1);
        QVERIFY(cart.voidLine(1).ok());
        QVERIFY(cart.isEmpty());
    }

    void lineAndOrderDiscounts()
    {
        Cart cart;
        cart.add(item(u"A"_s, 29900), u"A"_s);        // 299.00
        cart.add(item(u"B"_s, 9990), u"B"_s, 2);      // 2 × 99.90
        QVERIFY(cart.setLineDiscount(1, Discount::amount(Money::fromFen(1000))).ok()); // −10
        QCOMPARE(cart.subtotal().fen(), 29900 + 19980 - 1000);
        QVERIFY(cart.setOrderDiscount(Discount::percentOff(1500)).ok());
        QCOMPARE(cart.orderDiscountAmount().fen(), 7332); // 15 % of 488.80 = 73.32
        QCOMPARE(cart.total().fen(), 48880 - 7332);
        QVERIFY(!cart.setOrderDiscount(Discount::amount(Money::fromFen(999999))).ok());
        QVERIFY(!cart.setLineDiscount(0, Discount::amount(Money::fromFen(30000))).ok());
    }

    void orderDiscountSharesAddUp_data()
    {
        QTest::addColumn<QList<qint64>>("prices");
        QTest::addColumn<qint64>("discount");
        QTest::newRow("thirds") << QList<qint64>{100, 100, 100} << 100LL;
        QTest::newRow("uneven") << QList<qint64>{29900, 9990, 1} << 3333LL;
        QTest::newRow("everything") << QList<qint64>{700, 300} << 1000LL;
        QTest::newRow("one fen") << QList<qint64>{5000, 5000, 5000} << 1LL;
    }
    void orderDiscountSharesAddUp()
    {
        QFETCH(QList<qint64>, prices);
        QFETCH(qint64, discount);
        Cart cart;
        for (int i = 0; i < prices.size(); ++i)
            cart.add(item(QString::number(i), prices[i]), {});
        QVERIFY(cart.setOrderDiscount(Discount::amount(Money::fromFen(discount))).ok());
        qint64 sum = 0;
        const QList<Money> shares = cart.orderDiscountShares();
        for (int i = 0; i < shares.size(); ++i) {
            QVERIFY(shares[i].fen() >= 0);
            QVERIFY(shares[i] <= cart.lines()[i].net());
            sum += shares[i].fen();
        }
        QCOMPARE(sum, discount);

        // Frozen into an order, line amounts add up to the total to the fen.
        Settlement s;
        s.tendered = cart.total();
        const Order order = Order::fromCart(cart, s);
        qint64 lines = 0;
        for (const OrderLine &l : order.lines)
            lines += l.amount.fen();
        QCOMPARE(lines, order.total.fen());
        QCOMPARE(order.subtotal - order.discount, order.total);
    }

    void jsonRoundTrip()
    {
        Cart cart;
        cart.add(item(u"A"_s, 29900), u"690A"_s, 2);
        cart.add(item(u"B"_s, 100), u"B"_s);
        QVERIFY(cart.setLineDiscount(0, Discount::percentOff(1000)).ok());
        QVERIFY(cart.voidLine(1).ok());
        QVERIFY(cart.setOrderDiscount(Discount::amount(Money::fromFen(500))).ok());
        const auto back = Cart::fromJson(cart.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back->total(), cart.total());
        QCOMPARE(back->lines().size(), 2);
        QVERIFY(back->lines()[1].voided);
        QCOMPARE(back->lines()[0].scannedCode, u"690A"_s);
        QVERIFY(!Cart::fromJson(QJsonObject{{u"lines"_s, 3}}).ok());
    }
};

QTEST_GUILESS_MAIN(TestCart)
#include "tst_cart.moc"
