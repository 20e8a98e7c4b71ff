// Scanning with the camera: frames go through Qt Multimedia's real QVideoSink (this machine
// has no camera, so the test hands the sink the frames a camera would), are decoded on the
// frame scanner's thread, and the first code closes the dialog and rings up at the till.
#include "barcodeimages.h"
#include "showwindow.h"
#include "testtill.h"

#include "core/money.h"
#include "scanner/framescanner.h"
#include "ui/camerascandialog.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#ifdef POS_HAVE_CAMERA
#include <QVideoFrame>
#include <QVideoFrameFormat>
#include <QVideoSink>
#endif

using namespace pos;
using namespace Qt::Literals::StringLiterals;
using pos::test::photographed;
using pos::test::render;

namespace {

QImage qrFrame(const QString &text, double degrees = 12)
{
    return photographed(render(ZXing::BarcodeFormat::QRCode, text, 280, 280), degrees, true, 3000);
}

QImage eanFrame(const QString &digits)
{
    return photographed(render(ZXing::BarcodeFormat::EAN13, digits, 520, 170), 4, false, 0);
}

#ifdef POS_HAVE_CAMERA
// A frame as a camera delivers it: pixels in a video frame of its own.
QVideoFrame videoFrame(const QImage &image)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    QVideoFrame frame(QVideoFrameFormat(argb.size(), QVideoFrameFormat::pixelFormatFromImageFormat(argb.format())));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    for (int y = 0; y < argb.height(); ++y)
        std::memcpy(frame.bits(0) + y * frame.bytesPerLine(0), argb.constScanLine(y), size_t(argb.width()) * 4);
    frame.unmap();
    return frame;
}

void feed(CameraScanDialog &dialog, const QImage &image)
{
    auto *sink = dialog.findChild<QVideoSink *>(u"cameraSink"_s);
    QVERIFY(sink);
    sink->setVideoFrame(videoFrame(image));
}
#endif

} // namespace

class TestCameraScan : public QObject
{
    Q_OBJECT

private slots:
    // While a frame is decoded only the newest one waits: a burst of 20 blank frames and a
    // QR costs two decodes, and the QR is the one read.
    void frameScannerKeepsOnlyTheNewestFrame()
    {
        scanner::FrameScanner frames;
        QSignalSpy found(&frames, &scanner::FrameScanner::found);
        const QImage blank = photographed({}, 0, false, 2000);
        for (int i = 0; i < 20; ++i)
            frames.offer(blank);
        frames.offer(qrFrame(u"MEMBER:M0001"_s));
        QTRY_COMPARE(found.size(), 1);
        QCOMPARE(found[0][0].toString(), u"]Q1MEMBER:M0001"_s);
        QCOMPARE(found[0][1].toString(), u"QRCode"_s);
        QCOMPARE(frames.decodedFrames(), 2);
        // A frame larger than needed is scaled down, and still read.
        frames.offer(qrFrame(u"GUIDE:G03"_s).scaled(2560, 1440));
        QTRY_COMPARE(found.size(), 2);
        QCOMPARE(found[1][0].toString(), u"]Q1GUIDE:G03"_s);
    }

    void noCameraStillTakesPictures()
    {
        CameraScanDialog dialog;
        dialog.show();
        // This machine has no camera: the dialog says so and offers pictures instead.
        const QString preview = dialog.findChild<QLabel *>(u"cameraPreview"_s)->text();
        QVERIFY2(preview.contains(u"camera"_s), qPrintable(preview));

        QTemporaryDir dir;
        const QString corrupt = dir.filePath(u"corrupt.png"_s);
        QFile f(corrupt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\x89PNG\r\n\x1a\n this is not a picture");
        f.close();
        QVERIFY(!dialog.scanImageFile(corrupt));
        QVERIFY(dialog.findChild<QLabel *>(u"cameraInfo"_s)->text().contains(u"corrupt.png"_s));
        const QString empty = dir.filePath(u"counter.png"_s);
        QVERIFY(photographed({}, 0, false, 500).save(empty));
        QVERIFY(!dialog.scanImageFile(empty));
        QVERIFY(dialog.findChild<QLabel *>(u"cameraInfo"_s)->text().contains(u"No barcode"_s));
        QVERIFY(dialog.isVisible()); // nothing read: still open
        QCOMPARE(dialog.code(), QString());

        const QString photo = dir.filePath(u"tag.jpg"_s);
        QVERIFY(eanFrame(u"6951593000011"_s).save(photo, "JPG", 85));
        QVERIFY(dialog.scanImageFile(photo));
        QCOMPARE(dialog.code(), u"]E06951593000011"_s);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void handScannerWinsToo()
    {
        CameraScanDialog dialog;
        dialog.show();
        dialog.consumeScan(u"S01-T01-000001"_s);
        QCOMPARE(dialog.code(), u"S01-T01-000001"_s);
        QVERIFY(!dialog.isVisible());
    }

#ifdef POS_HAVE_CAMERA
    void framesFromTheCameraSink()
    {
        CameraScanDialog dialog;
        dialog.show();
        feed(dialog, photographed({}, 0, false, 1000)); // nothing in view yet
        QTest::qWait(100);
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.findChild<QLabel *>(u"cameraPreview"_s)->pixmap().isNull()); // the frame is shown
        feed(dialog, qrFrame(u"会员 MEMBER:M0001"_s, 200));
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.code(), u"]Q1会员 MEMBER:M0001"_s);
    }

    // At the till: Camera, a tag held up to it, and the product is on the sale.
    void cameraRingsUpAtTheTill()
    {
        test::TestTill t;
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        bool fed = false;
        QTimer::singleShot(200, this, [&] {
            auto *dialog = qobject_cast<CameraScanDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            feed(*dialog, eanFrame(u"6951593000011"_s));
            fed = true;
        });
        QTest::mouseClick(window.findChild<QPushButton *>(u"cameraScanButton"_s), Qt::LeftButton);
        QVERIFY(fed);
        QCOMPARE(window.findChild<QTableView *>(u"cartView"_s)->model()->rowCount(), 1);
        QCOMPARE(window.findChild<QLabel *>(u"totalLabel"_s)->text(), Money::fromFen(69900).toString());
    }
#endif
};

QTEST_MAIN(TestCameraScan)
#include "tst_camerascan.moc"
