// Barcodes in pictures: images made here (ZXing's writer, zint for GS1 DataMatrix), then
// photographed badly (rotated, skewed, blurred, noisy, small), decoded by the till's decoder and
// by posctl scan-image as a user runs it.
#include "barcodeimages.h"
#include "posctlrun.h"

#include "scanner/barcodeparser.h"
#include "scanner/imagedecoder.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pos::scanner;
using pos::test::photographed;
using pos::test::render;
using namespace Qt::Literals::StringLiterals;

namespace {

QString decodedText(const QImage &image)
{
    const auto found = ImageDecoder::decode(image);
    return found.isEmpty() ? QString() : found.first().text;
}

} // namespace

class TestScanImage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void qrWithChineseText_data()
    {
        QTest::addColumn<double>("degrees");
        QTest::addColumn<bool>("blur");
        QTest::addColumn<int>("noise");
        QTest::newRow("straight") << 0.0 << false << 0;
        QTest::newRow("rotated 30°") << 30.0 << false << 0;
        QTest::newRow("upside down") << 180.0 << false << 0;
        QTest::newRow("blurred") << 10.0 << true << 0;
        QTest::newRow("noisy") << -20.0 << false << 4000;
    }

    void qrWithChineseText()
    {
        QFETCH(double, degrees);
        QFETCH(bool, blur);
        QFETCH(int, noise);
        const QString text = u"导购 小野 G01 https://m.example.com/bind?guide=G01&store=S01"_s;
        const QImage frame = photographed(render(ZXing::BarcodeFormat::QRCode, text, 300, 300), degrees, blur, noise);
        QCOMPARE(decodedText(frame), text);
    }

    void ean13From69Prefix_data()
    {
        QTest::addColumn<double>("degrees");
        QTest::addColumn<bool>("blur");
        QTest::newRow("straight") << 0.0 << false;
        QTest::newRow("rotated 90°") << 90.0 << false;
        QTest::newRow("tilted and soft") << 8.0 << true;
    }

    void ean13From69Prefix()
    {
        QFETCH(double, degrees);
        QFETCH(bool, blur);
        const QImage frame = photographed(render(ZXing::BarcodeFormat::EAN13, u"6901234567892"_s, 500, 160), degrees, blur, 0);
        const auto found = ImageDecoder::decode(frame);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().format, u"EAN-13"_s);
        QCOMPARE(found.first().text, u"6901234567892"_s);
        const ScanCode code = BarcodeParser().parse(found.first().symbology + found.first().text);
        QCOMPARE(code.kind, ScanCode::Kind::Product);
    }

    void otherSymbologies_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("text");
        QTest::newRow("Code 128") << int(ZXing::BarcodeFormat::Code128) << u"AC0101-XL"_s;
        QTest::newRow("Code 39") << int(ZXing::BarcodeFormat::Code39) << u"AC0101"_s;
        QTest::newRow("ITF-14") << int(ZXing::BarcodeFormat::ITF) << u"16901234567899"_s;
        QTest::newRow("EAN-8") << int(ZXing::BarcodeFormat::EAN8) << u"96385074"_s;
        QTest::newRow("UPC-A") << int(ZXing::BarcodeFormat::UPCA) << u"036000291452"_s;
        QTest::newRow("UPC-E") << int(ZXing::BarcodeFormat::UPCE) << u"04252614"_s;
        QTest::newRow("PDF417") << int(ZXing::BarcodeFormat::PDF417) << u"MEMBER:M0001"_s;
        QTest::newRow("DataMatrix") << int(ZXing::BarcodeFormat::DataMatrix) << u"GUIDE:G03"_s;
    }

    void otherSymbologies()
    {
        QFETCH(int, format);
        QFETCH(QString, text);
        const auto f = ZXing::BarcodeFormat(format);
        const bool square = f == ZXing::BarcodeFormat::DataMatrix;
        const QImage frame = photographed(render(f, text, square ? 200 : 480, square ? 200 : 160), 5.0, false, 0);
        QCOMPARE(decodedText(frame), text);
    }

    void gs1DataMatrixKeepsItsSeparators()
    {
        const QString zint = QStandardPaths::findExecutable(u"zint"_s);
        if (zint.isEmpty())
            QSKIP("zint is not installed (.ci/install-deps installs it)");
        const QString png = m_dir.filePath(u"gs1.png"_s);
        QProcess p;
        p.start(zint, {u"-b"_s, u"71"_s, u"--gs1"_s, u"--quietzones"_s, u"--scale=6"_s, u"-o"_s, png,
                       u"-d"_s, u"[01]06901234567892[10]LOT7[3103]000532"_s});
        QVERIFY(p.waitForFinished(20000) && p.exitCode() == 0);
        const auto found = ImageDecoder::decode(QImage(png));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().symbology, u"]d2"_s);
        const ScanCode code = BarcodeParser().parse(found.first().symbology + found.first().text);
        QVERIFY2(code.kind == ScanCode::Kind::Gs1, qPrintable(code.error));
        QCOMPARE(code.gtin14, u"06901234567892"_s);
        QCOMPARE(code.gs1.size(), 3);
        QCOMPARE(code.gs1[1].value, u"LOT7"_s); // the variable field ended at its separator
        QCOMPARE(code.weightGrams, 532);
    }

    void nothingToFind()
    {
        QImage blank(640, 480, QImage::Format_Grayscale8);
        blank.fill(200);
        QVERIFY(ImageDecoder::decode(blank).isEmpty());
        QVERIFY(ImageDecoder::decode(QImage()).isEmpty());
    }

    void posctlScanImage()
    {
        const QString db = m_dir.filePath(u"none.db"_s); // parsing never creates it
        const QString qr = m_dir.filePath(u"qr.png"_s);
        const QString ean = m_dir.filePath(u"ean.jpg"_s);
        const QString empty = m_dir.filePath(u"empty.png"_s);
        const QString corrupt = m_dir.filePath(u"corrupt.png"_s);
        QVERIFY(photographed(render(ZXing::BarcodeFormat::QRCode, u"S01-T01-000042"_s, 240, 240), 15, false, 0).save(qr));
        QVERIFY(photographed(render(ZXing::BarcodeFormat::EAN13, u"6901234567892"_s, 500, 160), 0, false, 0).save(ean, "JPG", 80));
        QImage blank(320, 240, QImage::Format_RGB32);
        blank.fill(Qt::white);
        QVERIFY(blank.save(empty));
        QFile bad(corrupt);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("\x89PNG\r\n\x1a\n garbage, not an image");
        bad.close();

        const auto ok = pos::test::runPosctl(db, {u"scan-image"_s, u"--json"_s, qr, ean});
        QCOMPARE(ok.status, 0);
        const QStringList lines = ok.out.trimmed().split(u'\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject first = QJsonDocument::fromJson(lines[0].toUtf8()).object();
        QCOMPARE(first[u"file"_s].toString(), qr);
        QCOMPARE(first[u"format"_s].toString(), u"QRCode"_s);
        QCOMPARE(first[u"kind"_s].toString(), u"receipt"_s);
        QCOMPARE(first[u"receipt"_s].toString(), u"S01-T01-000042"_s);
        const QJsonObject second = QJsonDocument::fromJson(lines[1].toUtf8()).object();
        QCOMPARE(second[u"kind"_s].toString(), u"product"_s);
        QCOMPARE(second[u"gtin"_s].toString(), u"06901234567892"_s);

        const auto none = pos::test::runPosctl(db, {u"scan-image"_s, qr, empty});
        QCOMPARE(none.status, 1);
        QVERIFY(none.out.contains(u"no barcode found"_s));
        const auto unreadable = pos::test::runPosctl(db, {u"scan-image"_s, qr, corrupt, m_dir.filePath(u"missing.png"_s)});
        QCOMPARE(unreadable.status, 2);
        QVERIFY(unreadable.err.contains(u"corrupt.png"_s) && unreadable.err.contains(u"missing.png"_s));
        QCOMPARE(pos::test::runPosctl(db, {u"scan-image"_s}).status, 2);
        QVERIFY(!QFile::exists(db));

        const auto parsed = pos::test::runPosctl(db, {u"parse-barcode"_s, u"--json"_s, u"]C10106901234567892<GS>10LOT7<GS>3103000532"_s});
        QCOMPARE(parsed.status, 0);
        QCOMPARE(QJsonDocument::fromJson(parsed.out.toUtf8()).object()[u"weight_g"_s].toInt(), 532);
        const auto wrong = pos::test::runPosctl(db, {u"parse-barcode"_s, u"6901234567891"_s});
        QCOMPARE(wrong.status, 2);
        QVERIFY(wrong.err.contains(u"check digit"_s));
    }
};

QTEST_MAIN(TestScanImage)
#include "tst_scanimage.moc"
