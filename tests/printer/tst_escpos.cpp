// The printer driver's bytes: each command, Chinese in GB18030 inside Chinese mode, columns
// that stay aligned with Chinese, images in exact chunks, profiles as data, a receipt drawn
// from its bytes whose QR code reads back, and no text from data ever becoming a command.
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

// The texts of a receipt that come from data: the store's name, the guide's, a product's, a
// payment reference, the footer and the QR payload.
struct ReceiptFields
{
    QString store, guide, product, reference, footer, qr;
};

PrintDocument receiptWith(const ReceiptFields &f)
{
    PrintDocument doc;
    doc.text(f.store, {Align::Center, true, false, true, true});
    doc.text(u"Served by: "_s + f.guide, {Align::Left, true});
    doc.rule();
    doc.text(f.product);
    doc.columns({u"  1 × ￥699.00"_s, u"￥699.00"_s}, {{0, Align::Left}, {12, Align::Right}});
    doc.columns({f.product, u"￥1.00"_s}, {{0, Align::Left}, {12, Align::Right}});
    doc.text(u"  ref "_s + f.reference);
    doc.qrCode(f.qr, 5);
    doc.text(f.footer, {Align::Center});
    doc.cut();
    return doc;
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

    // What data may put on paper (textlayout.h): line breaks end a text block's line and are a
    // space in a cell, a tab is a space, other controls print as '?', format characters are dropped.
    void printableTextRules_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("inBlock");
        QTest::addColumn<QString>("inCell");
        QTest::newRow("plain") << u"连衣裙 A字款 ￥5"_s << u"连衣裙 A字款 ￥5"_s << u"连衣裙 A字款 ￥5"_s;
        QTest::newRow("drawer and cut") << u"REF\x1bp0\x19\u00fa\x1dV1"_s << u"REF?p0?\u00fa?V1"_s << u"REF?p0?\u00fa?V1"_s;
        QTest::newRow("FS, DLE EOT, NUL") << u"a\x1c.\x10\x04\x01\0b"_s << u"a?.????b"_s << u"a?.????b"_s;
        QTest::newRow("DEL and C1 CSI") << u"a\x7f\u009b2J"_s << u"a??2J"_s << u"a??2J"_s;
        QTest::newRow("line breaks") << u"a\r\nb\rc\nd\u2028e"_s << u"a\nb\nc\nd\ne"_s << u"a b c d e"_s;
        QTest::newRow("tab") << u"a\tb\vc"_s << u"a b c"_s << u"a b c"_s;
        QTest::newRow("bidi and zero width") << u"\u202e0001M\u2066x\u200b\ufeff"_s << u"0001Mx"_s << u"0001Mx"_s;
        QTest::newRow("tag and lone surrogate") << u"x\U000e0041"_s + QChar(0xdc00) << u"x?"_s << u"x?"_s;
    }
    void printableTextRules()
    {
        QFETCH(QString, text);
        QFETCH(QString, inBlock);
        QFETCH(QString, inCell);
        QCOMPARE(pos::printer::printableText(text, LineBreaks::Keep), inBlock);
        QCOMPARE(pos::printer::printableText(text, LineBreaks::AsSpace), inCell);
    }

    // No byte sequence from data becomes a command, on any printer: a receipt whose store name,
    // guide, product, payment reference, footer and QR payload carry ESC @, ESC p, GS V, FS & / FS .,
    // DLE EOT, the C1 CSI and bidi overrides gives exactly the bytes of the receipt with what
    // should print in their place, and the printer (our renderer reading the bytes) does
    // nothing the document didn't ask for: one cut, no drawer pulse, no status request.
    void dataNeverBecomesACommand_data()
    {
        QTest::addColumn<QString>("profile");
        for (const PrinterProfile &p : Profiles::all())
            QTest::newRow(qPrintable(p.id)) << p.id;
    }
    void dataNeverBecomesACommand()
    {
        QFETCH(QString, profile);
        const PrinterProfile p = *Profiles::byId(profile);
        const EscPosEncoder enc(p);
        const ReceiptFields hostile{u"西湖店\x1b@\x1c."_s,
                                    u"小野\x1dV\x01\x10\x04\x01"_s,
                                    u"连衣裙\u202e\u009b2J\x1c&"_s,
                                    u"REF\x1bp0\x19\u00fa\x1dV1"_s,
                                    u"七天无理由退换\r\n\x10\x04\x02\tThanks"_s,
                                    u"S01-T01-000001\x1b\x1dV\u2066"_s};
        const ReceiptFields shown{u"西湖店?@?."_s,
                                  u"小野?V????"_s,
                                  u"连衣裙?2J?&"_s,
                                  u"REF?p0?\u00fa?V1"_s,
                                  u"七天无理由退换\n??? Thanks"_s,
                                  u"S01-T01-000001??V"_s};
        const QByteArray bytes = enc.encode(receiptWith(hostile));
        QCOMPARE(bytes, enc.encode(receiptWith(shown)));
        EscPosRenderer renderer(p);
        renderer.render(bytes);
        const QStringList events = renderer.events();
        QCOMPARE(events.filter(u"cut"_s).size(), 1); // the footer's
        QVERIFY2(events.filter(u"drawer"_s).isEmpty() && events.filter(u"status"_s).isEmpty()
                     && events.filter(u"unknown"_s).isEmpty(),
                 qPrintable(events.join(u", "_s)));
        // The same document asking for the drawer gets exactly one pulse, its own.
        PrintDocument withDrawer = receiptWith(hostile);
        withDrawer.openDrawer();
        renderer.render(enc.encode(withDrawer));
        QCOMPARE(renderer.events().filter(u"drawer"_s).size(), 1);
        // And a text on its own: not one byte below 0x20 but the line feed, whatever the code.
        for (const QString &field : {hostile.store, hostile.guide, hostile.product, hostile.reference, hostile.footer,
                                     u"👗\U000e0041\u0085"_s}) {
            const QByteArray text = enc.encodeText(field);
            QVERIFY2(std::none_of(text.cbegin(), text.cend(), [](char b) { return uchar(b) < 0x20 || uchar(b) == 0x7f; }),
                     text.toHex(' ').constData());
        }
    }

    // Barcode and QR data are counted inside their commands: data that can't be counted (too
    // long) or can't be a barcode prints no symbol rather than spilling into the command stream.
    void symbolsCarryNoCommands()
    {
        const EscPosEncoder enc(Profiles::generic(80));
        auto bytesOf = [&](const PrintDocument &doc) { return enc.encode(doc); };
        // Code 128: a 300-character payload would overflow GS k's one length byte.
        QVERIFY(!bytesOf(PrintDocument().barcode(QString(300, u'A'))).contains(hex("1d6b")));
        QVERIFY(!bytesOf(PrintDocument().barcode(u"AB\x1bp0"_s)).contains(hex("1d6b")));
        QVERIFY(!bytesOf(PrintDocument().barcode(u"AB12"_s, BarcodeType::Ean13)).contains(hex("1d6b")));
        QVERIFY(bytesOf(PrintDocument().barcode(u"A{B"_s)).contains(QByteArray(hex("1d6b4906") + "{BA{{B"))); // '{' doubled
        QVERIFY(bytesOf(PrintDocument().barcode(u"6901234567892"_s, BarcodeType::Ean13)).contains(QByteArray(hex("1d6b430d") + "6901234567892")));
        // QR: controls out of the payload; a payload no symbol holds prints nothing.
        const QByteArray qr = bytesOf(PrintDocument().qrCode(u"S01\x1b\x1dV1"_s, 4));
        QVERIFY(qr.contains(QByteArray(hex("1d286b0a00315030") + "S01??V1")));
        const QByteArray huge = bytesOf(PrintDocument().qrCode(QString(70000, u'A') + u"\x1dV1"_s, 4));
        QVERIFY(!huge.contains(hex("1d286b")));
        QVERIFY(huge.size() < 100);
        QVERIFY(EscPosEncoder::nativeQr(QByteArray(70000, 'A'), 4).isEmpty());
        // A rule of a control character is a rule of '-'.
        QVERIFY(bytesOf(PrintDocument().rule(QChar(0x1b))).contains(QByteArray(48, '-')));
        // The renderer reads a doubled '{' back as one.
        EscPosRenderer renderer(Profiles::generic(80));
        renderer.render(bytesOf(PrintDocument().barcode(u"A{B"_s)));
        QVERIFY(renderer.events().isEmpty());
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
