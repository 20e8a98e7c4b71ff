// The till speaks Chinese first: the compiled zh_CN translation is embedded and used.
#include "showwindow.h"
#include "testtill.h"

#include "core/money.h"
#include "i18n/translator.h"
#include "ui/mainwindow.h"
#include "services/checkoutservice.h"
#include "services/lookupservice.h"
#include "services/refundservice.h"
#include "ui/camerascandialog.h"
#include "ui/hqdialog.h"
#include "ui/guidecreditsdialog.h"
#include "ui/paymentdialog.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void bothLanguagesAreEmbedded()
    {
        QVERIFY(QFile::exists(u":/i18n/pos_zh_CN.qm"_s));
        QVERIFY(QFile::exists(u":/i18n/pos_en.qm"_s));
    }

    void saleScreenInChinese()
    {
        QCOMPARE(installTranslators(*QCoreApplication::instance(), u"zh_CN"_s), u"zh_CN"_s);
        test::TestTill t;
        MainWindow window(t.till());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.findChild<QPushButton *>(u"payButton"_s)->text(), u"收款"_s);
        QCOMPARE(window.findChild<QPushButton *>(u"holdButton"_s)->text(), u"挂单"_s);
        QCOMPARE(window.findChild<QPushButton *>(u"resumeButton"_s)->text(), u"取单"_s);
        QVERIFY(window.findChild<QLabel *>(u"memberInfo"_s)->text().contains(u"散客"_s));
        QCOMPARE(Money::fromFen(123450).toString(), u"¥1,234.50"_s);
    }

    // Every text the sources mark for translation has its Chinese (and English) wording.
    void noUnfinishedEntries_data()
    {
        QTest::addColumn<QString>("ts");
        QTest::newRow("zh_CN") << QStringLiteral(POS_TS_DIR "/pos_zh_CN.ts");
        QTest::newRow("en") << QStringLiteral(POS_TS_DIR "/pos_en.ts");
    }
    void noUnfinishedEntries()
    {
        QFETCH(QString, ts);
        QFile f(ts);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray xml = f.readAll();
        QVERIFY(xml.count("<message") > 100);
        QCOMPARE(xml.count("type=\"unfinished\""), 0);
    }

    // A sale in progress as the cashier sees it, in Chinese. With POS_SCREENSHOT_DIR set the
    // screen is saved as PNG (that is how the README's picture is made).
    void saleInProgressInChinese()
    {
        test::TestTill t;
        MainWindow window(t.till());
        window.resize(1280, 800);
        QVERIFY(test::showActive(window));
        auto *scanInput = window.findChild<QLineEdit *>(u"scanInput"_s);
        for (const QString &code : {u"6951593000011"_s, u"BE0101"_s, u"BE0101"_s, u"SH0103"_s}) {
            QTest::keyClicks(scanInput, code);
            QTest::keyClick(scanInput, Qt::Key_Return);
        }
        window.findChild<QLineEdit *>(u"memberInput"_s)->setText(u"M0001"_s);
        QTest::mouseClick(window.findChild<QPushButton *>(u"memberLookupButton"_s), Qt::LeftButton);
        QTest::mouseClick(window.findChild<QPushButton *>(u"guideButton_G01"_s), Qt::LeftButton);
        auto *cart = window.findChild<QTableView *>(u"cartView"_s);
        QCOMPARE(cart->model()->rowCount(), 3);
        QCOMPARE(cart->model()->headerData(1, Qt::Horizontal).toString(), u"商品"_s);
        QVERIFY(window.findChild<QLabel *>(u"memberInfo"_s)->text().contains(u"专属导购"_s));
        QVERIFY(window.findChild<QPushButton *>(u"guideButton_G03"_s)->text().contains(u"专属"_s));
        QTest::qWait(100); // let the pending re-layout happen, as the event loop would
        QVERIFY(window.findChild<QLabel *>(u"totalLabel"_s)->width()
                >= window.findChild<QLabel *>(u"totalLabel"_s)->sizeHint().width()); // never cut
        const QString dir = qEnvironmentVariable("POS_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(window.grab().save(dir + u"/sale-screen-zh_CN.png"_s));
    }

    void paymentDialogInChinese()
    {
        test::TestTill t;
        MainWindow window(t.till()); // the dialog takes the till's look from its parent
        PaymentDialog dialog(Money::fromFen(192580), &window);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *finish = dialog.findChild<QPushButton *>(u"finishPaymentButton"_s);
        QVERIFY(!finish->isEnabled());
        QCOMPARE(dialog.findChild<QPushButton *>(u"quickCash_0"_s)->text(), u"¥1,925.80"_s);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"quickCash_3"_s), Qt::LeftButton); // 1925.80, 1930, 1950, 2000
        QVERIFY(finish->isEnabled());
        QCOMPARE(finish->text(), u"完成收款"_s);
        QCOMPARE(dialog.findChild<QLabel *>(u"changeLabel"_s)->text(), u"¥74.20"_s);
        QTest::qWait(100);
        const QString dir = qEnvironmentVariable("POS_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(dialog.grab().save(dir + u"/payment-zh_CN.png"_s));
    }

    // The camera scan dialog in Chinese, on a till without a camera.
    void cameraDialogInChinese()
    {
        test::TestTill t;
        MainWindow window(t.till());
        QCOMPARE(window.findChild<QPushButton *>(u"cameraScanButton"_s)->text(), u"摄像头"_s);
        CameraScanDialog dialog(&window);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.windowTitle(), u"摄像头扫码"_s);
        QCOMPARE(dialog.findChild<QLabel *>(u"cameraPreview"_s)->text(), u"没有找到摄像头。"_s);
        QCOMPARE(dialog.findChild<QPushButton *>(u"scanPictureButton"_s)->text(), u"识别图片…"_s);
        const QString dir = qEnvironmentVariable("POS_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(dialog.grab().save(dir + u"/camera-zh_CN.png"_s));
    }

    // The HQ dialog in Chinese, on a till not enrolled yet.
    void hqDialogInChinese()
    {
        test::TestTill t;
        MainWindow window(t.till());
        QCOMPARE(window.findChild<QPushButton *>(u"hqButton"_s)->text(), u"总部"_s);
        HqDialog dialog(t.till(), nullptr, &window);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.windowTitle(), u"总部连接"_s);
        QVERIFY(dialog.findChild<QLabel *>(u"hqState"_s)->text().contains(u"尚未在总部注册"_s));
        const QString dir = qEnvironmentVariable("POS_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(dialog.grab().save(dir + u"/hq-zh_CN.png"_s));
    }

    // The manager's "why?" in Chinese: a split sale and its refund, each credit explained.
    void creditsWhyInChinese()
    {
        test::TestTill t;
        Cart cart;
        cart.add(*LookupService(t.till()).sellableProduct(u"AC0101"_s), u"AC0101"_s, 1);
        auto order = CheckoutService(t.till()).checkout({cart, u"G01"_s, u"M0001"_s, {{PaymentMethod::Cash, {}, {}}}, {}});
        QVERIFY2(order, qPrintable(order.error()));
        QVERIFY(RefundService(t.till()).refund(order->number, {}));
        MainWindow window(t.till());
        GuideCreditsDialog dialog(t.till(), u"G03"_s, t.till().now().date(), &window);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *table = dialog.findChild<QTableWidget *>(u"creditsTable"_s);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 3)->text(), u"专属导购"_s);
        QVERIFY(table->item(1, 1)->text().contains(u"退"_s));
        table->selectRow(1);
        const QString why = dialog.findChild<QLabel *>(u"creditWhy"_s)->text();
        QVERIFY2(why.startsWith(u"原因："_s) && why.contains(u"G03"_s), qPrintable(why));
        QTest::qWait(100);
        const QString dir = qEnvironmentVariable("POS_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(dialog.grab().save(dir + u"/credits-why-zh_CN.png"_s));
    }

    void chineseLocaleOfAnyRegionReadsZhCN()
    {
        QCOMPARE(installTranslators(*QCoreApplication::instance(), u"zh_TW"_s), u"zh_CN"_s);
        QCOMPARE(installTranslators(*QCoreApplication::instance(), u"de_DE"_s), u"en"_s);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
