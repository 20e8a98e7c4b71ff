#include "core/orderjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

namespace {

Order sampleOrder(const QString &name, const QString &reference)
{
    Order o;
    o.id = u"019ad2c4-1f00-7abc-8def-0123456789ab"_s;
    o.number = u"S01-T01-000042"_s;
    o.sequence = 42;
    o.storeId = u"S01"_s;
    o.terminalId = u"T01"_s;
    o.paidAt = QDateTime(QDate(2026, 11, 22), QTime(14, 30), QTimeZone(8 * 3600));
    o.businessDate = u"2026-11-22"_s;
    o.salesGuideId = u"G01"_s;
    o.subtotal = Money::fromFen(9999999999LL); // past 2^31: integers stay exact
    o.total = o.subtotal;
    o.paid = o.subtotal;
    OrderLine l;
    l.lineNo = 1;
    l.sku = u"WF0102"_s;
    l.code = u"6951593000011"_s;
    l.name = name;
    l.quantity = 2;
    l.amount = o.total;
    o.lines = {l};
    o.payments = {{PaymentMethod::WeChat, o.total, o.total, reference}};
    o.policyVersion = u"p1"_s;
    o.credits = {{u"G01"_s, attribution::CreditKind::Sales, o.total.fen()}};
    return o;
}

} // namespace

class TestOrderJson : public QObject
{
    Q_OBJECT
private slots:
    void hostileTextSurvivesTheRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain Chinese") << u"连衣裙 黑色 S"_s;
        QTest::newRow("quotes and backslashes") << u"12\" \\ \"/"_s;
        QTest::newRow("control characters from a serial scanner") << u"a\u0001b\tc\r\nd\u001f\u007f"_s;
        QTest::newRow("emoji and GB18030-only") << u"😀 𠀀 㐀"_s;
        QTest::newRow("SQL fragment") << u"'; DROP TABLE orders;--"_s;
        QTest::newRow("10,000 characters") << QString(10000, u'长');
    }
    void hostileTextSurvivesTheRoundTrip()
    {
        QFETCH(QString, text);
        const Order o = sampleOrder(text, text);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(orderJsonText(o), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject j = doc.object();
        QCOMPARE(j[u"lines"_s].toArray().first()[u"name"_s].toString(), text);
        QCOMPARE(j[u"payments"_s].toArray().first()[u"reference"_s].toString(), text);
    }

    void everyFieldIsThere()
    {
        const QJsonObject j = orderToJson(sampleOrder(u"连衣裙"_s, {}));
        QCOMPARE(j[u"order"_s].toString(), u"019ad2c4-1f00-7abc-8def-0123456789ab"_s);
        QCOMPARE(j[u"number"_s].toString(), u"S01-T01-000042"_s);
        QCOMPARE(j[u"seq"_s].toInteger(), 42);
        QCOMPARE(j[u"paid_at"_s].toString(), u"2026-11-22T14:30:00+08:00"_s);
        QCOMPARE(j[u"channel"_s].toString(), u"store"_s);
        QVERIFY(j[u"member"_s].isNull());
        QVERIFY(j[u"cashier"_s].isNull());
        QCOMPARE(j[u"sales_guide"_s].toString(), u"G01"_s);
        QCOMPARE(j[u"items"_s].toInteger(), 2);
        QCOMPARE(j[u"total"_s].toInteger(), 9999999999LL);
        const QJsonObject line = j[u"lines"_s].toArray().first().toObject();
        QCOMPARE(line.keys().size(), 10);
        QCOMPARE(line[u"qty"_s].toInteger(), 2);
        const QJsonObject pay = j[u"payments"_s].toArray().first().toObject();
        QCOMPARE(pay[u"method"_s].toString(), u"wechat"_s);
        QVERIFY(pay[u"reference"_s].isNull()); // an empty reference is null, as before
        const QJsonObject credit = j[u"credits"_s].toArray().first().toObject();
        QCOMPARE(credit[u"kind"_s].toString(), u"sales"_s);
        QCOMPARE(credit[u"amount"_s].toInteger(), 9999999999LL);
        QCOMPARE(j[u"policy_version"_s].toString(), u"p1"_s);
        QCOMPARE(j.keys().size(), 22);
    }

    void emptyListsAreEmptyArrays()
    {
        Order o = sampleOrder(u"x"_s, {});
        o.lines.clear();
        o.payments.clear();
        o.credits.clear();
        const QJsonObject j = orderToJson(o);
        QVERIFY(j[u"lines"_s].isArray() && j[u"lines"_s].toArray().isEmpty());
        QVERIFY(j[u"payments"_s].isArray() && j[u"credits"_s].isArray());
    }
};

QTEST_APPLESS_MAIN(TestOrderJson)
#include "tst_orderjson.moc"
