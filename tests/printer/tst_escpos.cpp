// The printer driver's bytes: each command, Chinese in GB18030 inside Chinese mode, columns
// that stay aligned with Chinese, images in exact chunks, profiles as data, and a receipt
// drawn from its bytes whose QR code reads back.
#include "printer/escposencoder.h"
#include "printer/escposrenderer.h"
#include "printer/printerprofile.h"
#include "printer/printerstatus.h"
#include "printer/raster.h"
#include "printer/textlayout.h"
#include "printer/transport.h"

#include "decodeqr.h"

#include <QTest>

using namespace pos::printer;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray hex(const char *h)
{
    return QByteArray::fromHex(h);
}


} // namespace

class TestEscPos : public QObject
{
    Q_OBJECT
private slots:
    void profilesAreData()
    {
        QVERIFY(Profiles::all().size() >= 6);
        const PrinterProfile p58 = Profiles::generic(58);
        QCOMPARE(p58.dots, 384);
        QCOMPARE(p58.columns, 32);
        QCOMPARE(Profiles::generic(80).dots, 576);
        QCOMPARE(Profiles::byId(u"epson-tm-80"_s)->encoding, TextEncoding::None);
        QCOMPARE(Profiles::forUsb(0x04b8, 0x0e28)->id, u"epson-tm-80"_s); // by vendor
        QVERIFY(!Profiles::forUsb(0x1234, 0x5678));
        QString error;
        QVERIFY(!Profiles::fromJson(R"({"id":"x","dots":384,"columns":32,"encoding":"klingon"})", &error));
        QVERIFY(error.contains(u"encoding"_s));
        QVERIFY(!Profiles::fromJson(R"({"id":"x","drawer":{"on_ms":9999}})", &error));
    }

    void singleCommands()
    {
        const EscPosEncoder enc(Profiles::generic(80));
        QCOMPARE(enc.drawerPulse(), hex("1b700032fa")); // pin 2, 100 ms on, 500 ms off
        QCOMPARE(EscPosEncoder::nativeQr("S01", 6),
                 hex("1d286b0400314132001d286b03003143061d286b03003145311d286b0600315030") + "S01"
                     + hex("1d286b0300315130"));
        PrintDocument cut;
        cut.cut(false);
        QCOMPARE(enc.encode(cut), hex("1b40") + hex("1c26") + hex("1b6403") + hex("1d564100") + hex("1c2e"));
    }

    void chineseIsGb18030InChineseMode()
    {
        const EscPosEncoder enc(Profiles::generic(80));
        // 导 = B5BC, 购 = B9BA; ¥ goes out as the full-width ￥ (A3A4) that GBK fonts have.
        QCOMPARE(enc.encodeText(u"导购 ¥5"_s), hex("b5bcb9ba20a3a435"));
        PrintDocument doc;
        doc.text(u"导购"_s);
        const QByteArray bytes = enc.encode(doc);
        QVERIFY(bytes.startsWith(hex("1b401c26")));
        QVERIFY(bytes.contains(hex("1b6100b5bcb9ba0a")));
        QVERIFY(bytes.endsWith(hex("1c2e")));
        // GBK-only and Big5 printers get their own codes.
        QCOMPARE(EscPosEncoder(*Profiles::byId(u"gbk-80"_s)).encodeText(u"导购"_s), hex("b5bcb9ba"));
        QCOMPARE(EscPosEncoder(*Profiles::byId(u"big5-80"_s)).encodeText(u"導購"_s), hex("bec9c1ca"));
    }

    void styles()
    {
        const EscPosEncoder enc(Profiles::generic(80));
        PrintDocument doc;
        TextStyle s;
        s.align = Align::Center;
        s.bold = true;
        s.underline = true;
        s.doubleWidth = s.doubleHeight = true;
        doc.text(u"AB"_s, s);
        QCOMPARE(enc.encode(doc), hex("1b401c26") + hex("1b6101" "1b4501" "1b2d01" "1d2111" "1c210c") + "AB\n"
                                      + hex("1d2100" "1c2100" "1b2d00" "1b4500" "1b6100") + hex("1c2e"));
    }

    void columnsStayAlignedWithChinese_data()
    {
        QTest::addColumn<int>("width");
        QTest::newRow("58 mm") << 32;
        QTest::newRow("80 mm") << 48;
    }
    void columnsStayAlignedWithChinese()
    {
        QFETCH(int, width);
        const QList<Column> cols{{0, Align::Left}, {4, Align::Right}, {11, Align::Right}};
        const QString a = layoutColumns({u"真丝连衣裙 A字款 长款 加长加长加长"_s, u"2"_s, u"￥1,258.00"_s}, cols, width);
        const QString b = layoutColumns({u"Socks"_s, u"12"_s, u"￥96.00"_s}, cols, width);
        QCOMPARE(displayWidth(a), width);
        QCOMPARE(displayWidth(b), width);
        // The amounts end in the same column.
        QVERIFY(a.endsWith(u"￥1,258.00"_s) && b.endsWith(u"   ￥96.00"_s));
        // A wide character is never cut in half: the cell is padded instead.
        QCOMPARE(fitToWidth(u"连衣裙"_s, 5, Align::Left), u"连衣 "_s);
        QCOMPARE(wrapToWidth(u"连衣裙连衣裙"_s, 5), (QStringList{u"连衣"_s, u"裙连"_s, u"衣裙"_s}));
        QCOMPARE(wrapToWidth(u"thank you for shopping"_s, 10), (QStringList{u"thank you"_s, u"for"_s, u"shopping"_s}));
    }

    void imagesGoInExactChunks()
    {
        QImage img(100, 150, QImage::Format_RGB32);
        img.fill(Qt::white);
        img.setPixel(0, 0, qRgb(0, 0, 0));
        img.setPixel(99, 149, qRgb(0, 0, 0));
        const QByteArray bytes = rasterCommands(toMonochrome(img, 576), 64);
        const int perRow = 13; // ceil(100 / 8)
        // 64 + 64 + 22 rows, each chunk's header states exactly its own size.
        QCOMPARE(bytes.size(), 3 * 8 + perRow * 150);
        QCOMPARE(bytes.left(8), hex("1d7630000d004000"));
        QCOMPARE(bytes.mid(8 + perRow * 64, 8), hex("1d7630000d004000"));
        QCOMPARE(bytes.mid(2 * (8 + perRow * 64), 8), hex("1d7630000d001600"));
        QCOMPARE(uchar(bytes[8]), uchar(0x80));            // top-left dot
        QCOMPARE(uchar(bytes[bytes.size() - 1]), uchar(0x10)); // bottom-right dot (bit 4 of the 13th byte)
        // Never wider than the head.
        QImage wide(1000, 10, QImage::Format_RGB32);
        wide.fill(Qt::black);
        QCOMPARE(toMonochrome(wide, 384).width(), 384);
    }

    void printerWithoutChineseGetsImages()
    {
        const EscPosEncoder epson(*Profiles::byId(u"epson-tm-80"_s));
        PrintDocument doc;
        doc.text(u"ABC"_s).text(u"导购"_s);
        const QByteArray bytes = epson.encode(doc);
        QVERIFY(!bytes.contains(hex("1c26")));          // never Chinese mode
        QVERIFY(bytes.contains("ABC\n"));
        QVERIFY(bytes.contains(hex("1d7630004800")));  // a 576-dot (72-byte) raster line
        QVERIFY(!bytes.contains(hex("b5bcb9ba")));
    }

    void qrWithoutNativeSupportIsAnImage()
    {
        PrintDocument doc;
        doc.qrCode(u"S01-T01-000042"_s, 4);
        const QByteArray bytes = EscPosEncoder(*Profiles::byId(u"legacy-58-noqr"_s)).encode(doc);
        QVERIFY(!bytes.contains(hex("1d286b")));
        QVERIFY(bytes.contains(hex("1d763000")));
        EscPosRenderer renderer(*Profiles::byId(u"legacy-58-noqr"_s));
        QCOMPARE(pos::test::decodeQr(renderer.render(bytes)), u"S01-T01-000042"_s);
    }

    // The preview reads the bytes, not the document: its QR decodes back to the data.
    void rendererDrawsWhatThePrinterPrints()
    {
        for (int mm : {58, 80}) {
            const PrinterProfile profile = Profiles::generic(mm);
            PrintDocument doc;
            doc.text(u"西湖店"_s, {Align::Center, true, false, true, true}).rule();
            doc.columns({u"连衣裙"_s, u"￥699.00"_s}, {{0, Align::Left}, {12, Align::Right}});
            doc.qrCode(u"S01-T01-000007"_s, 6).openDrawer().cut();
            EscPosRenderer renderer(profile);
            const QImage page = renderer.render(EscPosEncoder(profile).encode(doc));
            QCOMPARE(page.width(), profile.dots + 32);
            QCOMPARE(pos::test::decodeQr(page), u"S01-T01-000007"_s);
            QVERIFY(renderer.events().contains(u"drawer pin 0 100/500 ms"_s));
            QVERIFY(renderer.events().contains(u"cut partial"_s));
        }
    }

    void statusBits()
    {
        const PrinterStatus ready = statusFromBytes(0x16, 0x12, 0x12, 0x12);
        QVERIFY(ready.canPrint());
        const PrinterStatus paperOut = statusFromBytes(0x16, 0x32, 0x12, 0x72);
        QVERIFY(paperOut.paperOut && !paperOut.canPrint());
        QVERIFY(paperOut.describe().contains(u"paper out"_s));
        const PrinterStatus cover = statusFromBytes(0x1e, 0x16, 0x12, 0x12);
        QVERIFY(cover.coverOpen && cover.offline && !cover.canPrint());
        QVERIFY(!PrinterStatus{}.canPrint());
        QVERIFY(PrinterStatus{}.describe().contains(u"unknown"_s));
    }

    void uris_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical"); // empty: refused
        QTest::newRow("usb") << u"usb://0416:5011"_s << u"usb://0416:5011"_s;
        QTest::newRow("usb serial") << u"usb://04B8:0E28?serial=X1"_s << u"usb://04b8:0e28?serial=X1"_s;
        QTest::newRow("usb auto") << u"usb://auto"_s << u"usb://auto"_s;
        QTest::newRow("tcp") << u"tcp://192.168.1.87"_s << u"tcp://192.168.1.87:9100"_s;
        QTest::newRow("tcp port") << u"tcp://printer.local:9101"_s << u"tcp://printer.local:9101"_s;
        QTest::newRow("file") << u"file:/dev/usb/lp0"_s << u"file:/dev/usb/lp0"_s;
        QTest::newRow("serial") << u"serial:/dev/ttyUSB0?baud=115200"_s << u"serial:/dev/ttyUSB0?baud=115200"_s;
        QTest::newRow("png") << u"png:/tmp/r.png"_s << u"png:/tmp/r.png"_s;
        QTest::newRow("bad usb") << u"usb://12:34"_s << QString();
        QTest::newRow("bad baud") << u"serial:/dev/ttyS0?baud=7"_s << QString();
        QTest::newRow("no scheme") << u"printer"_s << QString();
        QTest::newRow("unknown") << u"lpd://host"_s << QString();
        QTest::newRow("no host") << u"tcp://"_s << QString();
    }
    void uris()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QString error;
        const auto uri = PrinterUri::parse(text, &error);
        if (canonical.isEmpty()) {
            QVERIFY(!uri);
            QVERIFY(!error.isEmpty());
        } else {
            QVERIFY2(uri, qPrintable(error));
            QCOMPARE(uri->toString(), canonical);
        }
    }
};

QTEST_MAIN(TestEscPos)
#include "tst_escpos.moc"
