#include "core/money.h"

#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestMoney : public QObject
{
    Q_OBJECT
private slots:
    void format_data()
    {
        QTest::addColumn<qint64>("fen");
        QTest::addColumn<QString>("screen");
        QTest::addColumn<QString>("plain");
        QTest::newRow("zero") << 0LL << u"¥0.00"_s << u"0.00"_s;
        QTest::newRow("one fen") << 1LL << u"¥0.01"_s << u"0.01"_s;
        QTest::newRow("thousands") << 123450LL << u"¥1,234.50"_s << u"1234.50"_s;
        QTest::newRow("millions") << 123456789LL << u"¥1,234,567.89"_s << u"1234567.89"_s;
        QTest::newRow("negative") << -300LL << u"-¥3.00"_s << u"-3.00"_s;
        QTest::newRow("exact hundred") << 10000000LL << u"¥100,000.00"_s << u"100000.00"_s;
    }
    void format()
    {
        QFETCH(qint64, fen);
        QFETCH(QString, screen);
        QFETCH(QString, plain);
        QCOMPARE(Money::fromFen(fen).toString(), screen);
        QCOMPARE(Money::fromFen(fen).toPlainString(), plain);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("fen");
        QTest::newRow("integer") << u"12"_s << true << 1200LL;
        QTest::newRow("one decimal") << u"12.5"_s << true << 1250LL;
        QTest::newRow("two decimals") << u"12.05"_s << true << 1205LL;
        QTest::newRow("leading point") << u".5"_s << true << 50LL;
        QTest::newRow("trailing point") << u"7."_s << true << 700LL;
        QTest::newRow("yen sign") << u"¥1,234.50"_s << true << 123450LL;
        QTest::newRow("fullwidth yen") << u"￥8"_s << true << 800LL;
        QTest::newRow("spaces") << u"  3 "_s << true << 300LL;
        QTest::newRow("zero") << u"0"_s << true << 0LL;
        QTest::newRow("three decimals") << u"1.005"_s << false << 0LL;
        QTest::newRow("letters") << u"12a"_s << false << 0LL;
        QTest::newRow("empty") << u""_s << false << 0LL;
        QTest::newRow("only point") << u"."_s << false << 0LL;
        QTest::newRow("negative refused") << u"-5"_s << false << 0LL;
        QTest::newRow("two points") << u"1.2.3"_s << false << 0LL;
        QTest::newRow("bad grouping") << u"1,23"_s << false << 0LL;
        QTest::newRow("comma first") << u",123"_s << false << 0LL;
        QTest::newRow("exponent") << u"1e3"_s << false << 0LL;
        QTest::newRow("absurdly large") << u"99999999999999999999"_s << false << 0LL;
    }
    void parse()
    {
        QFETCH(QString, input);
        QFETCH(bool, valid);
        QFETCH(qint64, fen);
        const auto m = Money::parse(input);
        QCOMPARE(m.has_value(), valid);
        if (valid)
            QCOMPARE(m->fen(), fen);
    }

    void negativeWhenAllowed()
    {
        QCOMPARE(Money::parse(u"-5.5"_s, true)->fen(), -550);
    }

    void mulDivRounding_data()
    {
        QTest::addColumn<qint64>("a");
        QTest::addColumn<qint64>("num");
        QTest::addColumn<qint64>("den");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("exact") << 10000LL << 1500LL << 10000LL << 1500LL;
        QTest::newRow("half up") << 5LL << 1LL << 2LL << 3LL;
        QTest::newRow("below half") << 149LL << 1LL << 100LL << 1LL;
        QTest::newRow("negative half away") << -5LL << 1LL << 2LL << -3LL;
        QTest::newRow("15% of 9.99") << 999LL << 1500LL << 10000LL << 150LL; // 149.85 → 150
        QTest::newRow("no overflow") << 9000000000000000000LL << 3LL << 4LL << 6750000000000000000LL;
    }
    void mulDivRounding()
    {
        QFETCH(qint64, a);
        QFETCH(qint64, num);
        QFETCH(qint64, den);
        QFETCH(qint64, expected);
        QCOMPARE(mulDivRounded(a, num, den), expected);
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
