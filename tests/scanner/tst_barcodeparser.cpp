// The one parser every scan goes through, as tables: check digits right and wrong, every kind
// of payload, weighted and scale layouts, GS1 element strings, and garbage.
#include "scanner/barcodeparser.h"

#include <QTest>

using namespace pos::scanner;
using namespace Qt::Literals::StringLiterals;
using Kind = ScanCode::Kind;

Q_DECLARE_METATYPE(ScanCode::Kind)

namespace {

const QString GS = QString(QChar(0x1d));

} // namespace

class TestBarcodeParser : public QObject
{
    Q_OBJECT

private slots:
    void kinds_data()
    {
        QTest::addColumn<QString>("scan");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("lookup"); // lookup code, member, guide or receipt by kind
        QTest::newRow("EAN-13 from 69x") << u"6901234567892"_s << Kind::Product << u"6901234567892"_s;
        QTest::newRow("EAN-13 bad check") << u"6901234567891"_s << Kind::Invalid << QString();
        QTest::newRow("EAN-8") << u"96385074"_s << Kind::Product << u"96385074"_s;
        QTest::newRow("EAN-8 bad check") << u"96385075"_s << Kind::Invalid << QString();
        QTest::newRow("UPC-A") << u"036000291452"_s << Kind::Product << u"0036000291452"_s;
        QTest::newRow("UPC-A bad check") << u"036000291453"_s << Kind::Invalid << QString();
        QTest::newRow("UPC-E") << u"04252614"_s << Kind::Product << u"0042100005264"_s;
        QTest::newRow("ITF-14 / GTIN-14") << u"16901234567899"_s << Kind::Product << u"16901234567899"_s;
        QTest::newRow("GTIN-14 of an EAN-13") << u"06901234567892"_s << Kind::Product << u"6901234567892"_s;
        QTest::newRow("GTIN-14 bad check") << u"16901234567890"_s << Kind::Invalid << QString();
        QTest::newRow("AIM id stripped") << u"]E06901234567892"_s << Kind::Product << u"6901234567892"_s;
        QTest::newRow("CR LF from serial") << u"6901234567892\r\n"_s << Kind::Product << u"6901234567892"_s;
        // A Chinese input method in full-width mode between the wedge scanner and the till.
        QTest::newRow("full-width EAN") << u"６９０１２３４５６７８９２"_s << Kind::Product << u"6901234567892"_s;
        QTest::newRow("full-width badge") << u"ＧＵＩＤＥ：Ｇ０３"_s << Kind::Guide << u"G03"_s;
        QTest::newRow("full-width receipt") << u"Ｓ０１－Ｔ０１－００００４２"_s << Kind::Receipt << u"S01-T01-000042"_s;
        QTest::newRow("NUL and BEL") << u"\u0000690123456\u00077892"_s << Kind::Product << u"6901234567892"_s;
        QTest::newRow("SKU") << u"AC0101"_s << Kind::Product << u"AC0101"_s;
        QTest::newRow("short store code") << u"12345"_s << Kind::Product << u"12345"_s;
        QTest::newRow("member code") << u"M0001"_s << Kind::Member << u"M0001"_s;
        QTest::newRow("member QR") << u"MEMBER:M0042"_s << Kind::Member << u"M0042"_s;
        QTest::newRow("member QR, letters in the id") << u"MEMBER:M3FA2B9C01D"_s << Kind::Member << u"M3FA2B9C01D"_s;
        QTest::newRow("SKU starting with M") << u"MA1234"_s << Kind::Product << u"MA1234"_s;
        QTest::newRow("mobile number") << u"13912345678"_s << Kind::Member << u"13912345678"_s;
        QTest::newRow("guide badge") << u"GUIDE:G03"_s << Kind::Guide << u"G03"_s;
        QTest::newRow("sale receipt") << u"S01-T01-000042"_s << Kind::Receipt << u"S01-T01-000042"_s;
        QTest::newRow("refund receipt") << u"S01-T01-R000007"_s << Kind::Receipt << u"S01-T01-R000007"_s;
        QTest::newRow("binding link") << u"https://m.example.com/bind?guide=G02&store=S01"_s << Kind::BindingLink << u"G02"_s;
        QTest::newRow("other link") << u"https://weixin.qq.com/x?y=1"_s << Kind::Invalid << QString();
        QTest::newRow("empty") << u"  \r\n"_s << Kind::Invalid << QString();
        QTest::newRow("10,000 characters") << QString(10000, u'9') << Kind::Invalid << QString();
        QTest::newRow("SQL fragment") << u"'; DROP TABLE orders;--"_s << Kind::Product << u"'; DROP TABLE orders;--"_s;
        QTest::newRow("emoji") << u"😀AC0101"_s << Kind::Product << u"😀AC0101"_s;
    }

    void kinds()
    {
        QFETCH(QString, scan);
        QFETCH(Kind, kind);
        QFETCH(QString, lookup);
        const ScanCode code = BarcodeParser().parse(scan);
        QCOMPARE(code.kind, kind);
        QCOMPARE(code.valid(), kind != Kind::Invalid);
        if (kind == Kind::Invalid) {
            QVERIFY(!code.error.isEmpty());
            return;
        }
        const QString got = kind == Kind::Member ? code.memberId + code.memberPhone
                            : kind == Kind::Guide || kind == Kind::BindingLink ? code.guideId
                            : kind == Kind::Receipt ? code.receiptNumber
                                                    : code.lookupCode;
        QCOMPARE(got, lookup);
    }

    void wrongCheckDigitSaysTheRightOne()
    {
        const ScanCode code = BarcodeParser().parse(u"6901234567891"_s);
        QVERIFY2(code.error.contains(u"should end in 2"_s), qPrintable(code.error));
        QVERIFY(code.lookupCode.isEmpty()); // never looked up
    }

    void weightedLayouts_data()
    {
        QTest::addColumn<QString>("prefixes");
        QTest::addColumn<int>("itemDigits");
        QTest::addColumn<bool>("weight");
        QTest::addColumn<QString>("scan");
        QTest::addColumn<QString>("item");
        QTest::addColumn<qint64>("value");
        QTest::newRow("price in fen (default)") << u"20-29"_s << 5 << false << u"2112345012346"_s << u"12345"_s << qint64(1234);
        QTest::newRow("weight in grams") << u"28"_s << 5 << true << u"2800077005322"_s << u"00077"_s << qint64(532);
        QTest::newRow("4-digit item, 6-digit price") << u"22"_s << 4 << false << u"2212340123457"_s << u"1234"_s << qint64(12345);
        QTest::newRow("prefix not in the layout: a plain EAN") << u"21"_s << 5 << false << u"2012345012349"_s << u"2012345012349"_s << qint64(-1);
    }

    void weightedLayouts()
    {
        QFETCH(QString, prefixes);
        QFETCH(int, itemDigits);
        QFETCH(bool, weight);
        QFETCH(QString, scan);
        QFETCH(QString, item);
        QFETCH(qint64, value);
        ParserSettings settings;
        settings.weighted = {prefixes, itemDigits, 10 - itemDigits,
                             weight ? WeightedLayout::Value::WeightGrams : WeightedLayout::Value::PriceFen};
        const ScanCode code = BarcodeParser(settings).parse(scan);
        QVERIFY2(code.valid(), qPrintable(code.error));
        QCOMPARE(code.lookupCode, item);
        QCOMPARE(weight ? code.weightGrams : code.priceFen, value);
        QCOMPARE(code.kind, value < 0 ? Kind::Product : Kind::Weighted);
    }

    void chineseScaleCode()
    {
        // 22 | item 00318 | 01250 g | 03750 fen | check
        const QString body = u"22003180125003750"_s;
        const QString scan = body + QString::number(Gs1::checkDigit(body));
        const ScanCode code = BarcodeParser().parse(scan);
        QCOMPARE(code.kind, Kind::Weighted);
        QCOMPARE(code.lookupCode, u"00318"_s);
        QCOMPARE(code.weightGrams, 1250);
        QCOMPARE(code.priceFen, 3750);
        const QChar wrong = QChar(u'0' + (Gs1::checkDigit(body) + 1) % 10);
        QCOMPARE(BarcodeParser().parse(body + wrong).kind, Kind::Invalid);
    }

    void gs1_data()
    {
        QTest::addColumn<QString>("scan");
        QTest::addColumn<QString>("ais");    // the AIs found, space-separated
        QTest::addColumn<QString>("gtin");
        QTest::addColumn<qint64>("grams");
        QTest::addColumn<qint64>("fen");
        QTest::newRow("GS1-128 with FNC1") << u"]C10106901234567892"_s + GS + u"10LOT7"_s + GS + u"3103000532"_s
                                           << u"01 10 3103"_s << u"06901234567892"_s << qint64(532) << qint64(-1);
        QTest::newRow("DataMatrix, dates, serial") << u"]d20106901234567892172612311012A"_s + GS + u"21SN0001"_s
                                                   << u"01 17 10 21"_s << u"06901234567892"_s << qint64(-1) << qint64(-1);
        QTest::newRow("human readable") << u"(01)06901234567892(3922)1299(10)B"_s << u"01 3922 10"_s
                                        << u"06901234567892"_s << qint64(-1) << qint64(1299);
        QTest::newRow("digits only, no id") << u"010690123456789217261231"_s << u"01 17"_s << u"06901234567892"_s
                                            << qint64(-1) << qint64(-1);
        QTest::newRow("weight 3 decimals") << u"]Q30106901234567892"_s + u"3103001250"_s << u"01 3103"_s
                                           << u"06901234567892"_s << qint64(1250) << qint64(-1);
        QTest::newRow("weight 1 decimal") << u"]C1"_s + u"3101000015"_s << u"3101"_s << QString() << qint64(1500) << qint64(-1);
    }

    void gs1()
    {
        QFETCH(QString, scan);
        QFETCH(QString, ais);
        QFETCH(QString, gtin);
        QFETCH(qint64, grams);
        QFETCH(qint64, fen);
        const ScanCode code = BarcodeParser().parse(scan);
        QVERIFY2(code.kind == Kind::Gs1, qPrintable(code.error));
        QStringList found;
        for (const Gs1Element &e : code.gs1)
            found.append(e.ai);
        QCOMPARE(found.join(u' '), ais);
        QCOMPARE(code.gtin14, gtin);
        QCOMPARE(code.weightGrams, grams);
        QCOMPARE(code.priceFen, fen);
    }

    void badGs1_data()
    {
        QTest::addColumn<QString>("scan");
        QTest::addColumn<QString>("says");
        QTest::newRow("unknown AI") << u"]C1"_s + u"9912345"_s << u"unknown"_s;
        QTest::newRow("GTIN check digit") << u"]C10106901234567891"_s << u"check digit"_s;
        QTest::newRow("cut short") << u"]C1010690123456"_s << u"14"_s;
        QTest::newRow("no such date") << u"]C10106901234567892171302301"_s << u"date"_s;
        QTest::newRow("variable field too long") << u"]C110"_s + QString(21, u'A') << u"20"_s;
        QTest::newRow("bracket not closed") << u"(01"_s << u")"_s;
        QTest::newRow("count not digits") << u"]C130ABC"_s << u"digits"_s;
    }

    void badGs1()
    {
        QFETCH(QString, scan);
        QFETCH(QString, says);
        const ScanCode code = BarcodeParser().parse(scan);
        QCOMPARE(code.kind, Kind::Invalid);
        QVERIFY2(code.error.contains(says), qPrintable(code.error));
    }

    void checkDigits_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("check");
        QTest::newRow("EAN-13") << u"690123456789"_s << 2;
        QTest::newRow("EAN-8") << u"9638507"_s << 4;
        QTest::newRow("UPC-A") << u"03600029145"_s << 2;
        QTest::newRow("SSCC (GS1 example)") << u"10614141123456789"_s << 7;
    }

    void checkDigits()
    {
        QFETCH(QString, body);
        QFETCH(int, check);
        QCOMPARE(Gs1::checkDigit(body), check);
        QVERIFY(Gs1::hasValidCheckDigit(QString(body + QString::number(check))));
        QVERIFY(!Gs1::hasValidCheckDigit(QString(body + QString::number((check + 1) % 10))));
    }

    void upcE_data()
    {
        QTest::addColumn<QString>("upce");
        QTest::addColumn<QString>("upca");
        QTest::newRow("last 0") << u"01234505"_s << u"012000003455"_s;
        QTest::newRow("last 3") << u"01234531"_s << u"012300000451"_s;
        QTest::newRow("last 4") << u"01234543"_s << u"012340000053"_s;
        QTest::newRow("last 5-9") << u"04252614"_s << u"042100005264"_s;
    }

    void upcE()
    {
        QFETCH(QString, upce);
        QFETCH(QString, upca);
        QCOMPARE(BarcodeParser::upcEToUpcA(upce), upca);
    }
};

QTEST_GUILESS_MAIN(TestBarcodeParser)
#include "tst_barcodeparser.moc"
