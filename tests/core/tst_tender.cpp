#include "core/tender.h"

#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

namespace {
// "cash:100", "card", "wechat:50:REF" → a request (amount in yuan).
TenderRequest req(const QString &spec)
{
    const QStringList p = spec.split(u':');
    TenderRequest t;
    t.method = *methodFromKey(p[0]);
    if (p.size() > 1 && !p[1].isEmpty())
        t.amount = *Money::parse(p[1]);
    if (p.size() > 2)
        t.reference = p[2];
    return t;
}
} // namespace

class TestTender : public QObject
{
    Q_OBJECT
private slots:
    void settle_data()
    {
        QTest::addColumn<qint64>("due");
        QTest::addColumn<QStringList>("tenders");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("change");
        QTest::addColumn<QList<qint64>>("applied");
        QTest::newRow("exact cash") << 29900LL << QStringList{u"cash"_s} << true << 0LL << QList<qint64>{29900};
        QTest::newRow("cash with change") << 29900LL << QStringList{u"cash:500"_s} << true << 20100LL << QList<qint64>{29900};
        QTest::newRow("card exact") << 29900LL << QStringList{u"card:299:T1"_s} << true << 0LL << QList<qint64>{29900};
        QTest::newRow("split card+cash change") << 29900LL << QStringList{u"card:200"_s, u"cash:100"_s} << true << 100LL << QList<qint64>{20000, 9900};
        QTest::newRow("split remainder") << 29900LL << QStringList{u"wechat:100"_s, u"alipay"_s} << true << 0LL << QList<qint64>{10000, 19900};
        QTest::newRow("two cash change from last") << 10000LL << QStringList{u"cash:50"_s, u"cash:100"_s} << true << 5000LL << QList<qint64>{5000, 5000};
        QTest::newRow("under-payment") << 29900LL << QStringList{u"cash:200"_s} << false << 0LL << QList<qint64>{};
        QTest::newRow("card over-payment") << 29900LL << QStringList{u"card:300"_s} << false << 0LL << QList<qint64>{};
        QTest::newRow("wallets over-pay together") << 10000LL << QStringList{u"wechat:60"_s, u"alipay:60"_s} << false << 0LL << QList<qint64>{};
        QTest::newRow("remainder with nothing left") << 10000LL << QStringList{u"cash:100"_s, u"card"_s} << false << 0LL << QList<qint64>{};
        QTest::newRow("zero amount") << 10000LL << QStringList{u"cash:0"_s} << false << 0LL << QList<qint64>{};
        QTest::newRow("no tenders") << 10000LL << QStringList{} << false << 0LL << QList<qint64>{};
        QTest::newRow("free sale") << 0LL << QStringList{} << true << 0LL << QList<qint64>{};
    }
    void settle()
    {
        QFETCH(qint64, due);
        QFETCH(QStringList, tenders);
        QFETCH(bool, ok);
        QFETCH(qint64, change);
        QFETCH(QList<qint64>, applied);
        QList<TenderRequest> requests;
        for (const QString &t : tenders)
            requests.append(req(t));
        const auto s = Tendering::settle(Money::fromFen(due), requests);
        QCOMPARE(s.ok(), ok);
        if (!ok) {
            QVERIFY(!s.error().isEmpty());
            return;
        }
        QCOMPARE(s->change.fen(), change);
        QCOMPARE(s->tenders.size(), applied.size());
        qint64 appliedSum = 0;
        for (int i = 0; i < applied.size(); ++i) {
            QCOMPARE(s->tenders[i].applied.fen(), applied[i]);
            appliedSum += s->tenders[i].applied.fen();
        }
        QCOMPARE(appliedSum, due); // what pays the order is exactly the amount due
        QCOMPARE(s->tendered.fen() - s->change.fen(), due);
    }

    void partialAllowsShortButNotOverpaidCard()
    {
        QVERIFY(Tendering::checkPartial(Money::fromFen(10000), {req(u"card:50"_s)}).ok());
        QVERIFY(!Tendering::checkPartial(Money::fromFen(10000), {req(u"card:150"_s)}).ok());
    }

    void quickCash_data()
    {
        QTest::addColumn<qint64>("due");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("137.50") << 13750LL << QList<qint64>{13750, 14000, 15000, 20000};
        QTest::newRow("round 100") << 10000LL << QList<qint64>{10000, 20000, 50000, 100000};
        QTest::newRow("small") << 850LL << QList<qint64>{850, 1000, 2000, 5000};
    }
    void quickCash()
    {
        QFETCH(qint64, due);
        QFETCH(QList<qint64>, expected);
        QList<qint64> got;
        for (Money m : Tendering::quickCashAmounts(Money::fromFen(due)))
            got.append(m.fen());
        QCOMPARE(got, expected);
    }

    void methodKeys()
    {
        for (const QString &k : {u"cash"_s, u"card"_s, u"wechat"_s, u"alipay"_s})
            QCOMPARE(methodKey(*methodFromKey(k)), k);
        QVERIFY(!methodFromKey(u"bitcoin"_s));
        QVERIFY(methodFromKey(u"WeChat"_s));
    }
};

QTEST_GUILESS_MAIN(TestTender)
#include "tst_tender.moc"
