// The sale screen driven as a cashier would: scanner bursts, touches, the payment dialog.
#include "evdevkeys.h"
#include "fakenetworkprinter.h"
#include "showwindow.h"
#include "testtill.h"

#include "services/lookupservice.h"
#include "services/orderhistory.h"
#include "services/checkoutservice.h"
#include "services/printqueue.h"
#include "services/scanservice.h"
#include "services/staffservice.h"
#include "ui/mainwindow.h"
#include "ui/printstatusbar.h"
#include "ui/salescreen.h"

#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTemporaryDir>
#include <QTimer>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestSaleScreen : public QObject
{
    Q_OBJECT

    int m_touches = 0;

    // A scanner in keyboard-wedge mode: the code at machine speed, then Enter, into whatever
    // has the focus.
    void scan(QWidget *target, const QString &code)
    {
        QTest::keyClicks(target, code);
        QTest::keyClick(target, Qt::Key_Return);
        ++m_touches;
    }
    void touch(QWidget *w)
    {
        QVERIFY2(w && w->isVisible() && w->isEnabled(), "button visible and enabled");
        QTest::mouseClick(w, Qt::LeftButton);
        ++m_touches;
    }

private slots:
    void threeItemCashSaleWithGuide()
    {
        test::TestTill t;
        MainWindow window(t.till());
        window.resize(1280, 800);
        QVERIFY(test::showActive(window));

        auto *scanInput = window.findChild<QLineEdit *>(u"scanInput"_s);
        auto *memberInput = window.findChild<QLineEdit *>(u"memberInput"_s);
        auto *total = window.findChild<QLabel *>(u"totalLabel"_s);
        QVERIFY(scanInput && memberInput && total);

        scan(scanInput, u"6951593000011"_s);  // focus in the scan box
        memberInput->setFocus();
        scan(memberInput, u"6951593000028"_s); // focus in another text field
        QVERIFY(memberInput->text().isEmpty());  // the scan did not land there
        memberInput->clearFocus();
        QVERIFY(!QApplication::focusWidget()); // nothing has the keyboard at all
        scan(&window, u"BE0101"_s);              // no text field focused
        const LookupService lookup(t.till());
        const Money expected = lookup.sellableProduct(u"6951593000011"_s)->price
                               + lookup.sellableProduct(u"6951593000028"_s)->price
                               + lookup.sellableProduct(u"BE0101"_s)->price;
        QCOMPARE(total->text(), expected.toString());
        QVERIFY(scanInput->text().isEmpty());

        touch(window.findChild<QPushButton *>(u"guideButton_G02"_s));
        QVERIFY(window.findChild<QPushButton *>(u"guideButton_G02"_s)->isChecked());

        // The payment dialog is modal: drive it once it is up.
        QTimer::singleShot(0, this, [this] {
            QWidget *dialog = QApplication::activeModalWidget();
            QVERIFY(dialog);
            touch(dialog->findChild<QPushButton *>(u"quickCash_1"_s)); // the next round amount
            touch(dialog->findChild<QPushButton *>(u"finishPaymentButton"_s));
        });
        touch(window.findChild<QPushButton *>(u"payButton"_s));

        QVERIFY2(m_touches < 10, qPrintable(QString::number(m_touches)));
        const QList<Order> orders = OrderHistory(t.till()).byDate(QDate(2026, 11, 22));
        QCOMPARE(orders.size(), 1);
        const Order &o = orders.front();
        QCOMPARE(o.salesGuideId, u"G02"_s);
        QCOMPARE(o.itemCount(), 3);
        QCOMPARE(o.total, expected);
        QCOMPARE(o.payments.size(), 1);
        QCOMPARE(o.payments.front().method, PaymentMethod::Cash);
        QCOMPARE(o.change, o.paid - o.total);
        QVERIFY(o.change.fen() > 0);

        // The screen is ready for the next customer and says what happened.
        QCOMPARE(total->text(), Money().toString());
        QVERIFY(!window.findChild<QPushButton *>(u"guideButton_G02"_s)->isChecked());
        const QString message = window.findChild<QLabel *>(u"messageLabel"_s)->text();
        QVERIFY2(message.contains(o.number) && message.contains(o.change.toString()), qPrintable(message));
        QVERIFY(window.findChild<QLabel *>(u"pendingStatus"_s)->text().contains(u"1"_s));
    }

    // The printer is out of paper when the customer pays: the sale is saved, the drawer
    // opens, the till says why the receipt did not print and prints it once on retry.
    void receiptWaitsForPaperAndPrintsOnce()
    {
        test::TestTill t;
        test::FakeNetworkPrinter printer;
        printer.setState(test::FakeNetworkPrinter::State::PaperOut);
        QVERIFY(PrintQueue(t.till()).setReceiptPrinter({u"tcp://127.0.0.1:%1"_s.arg(printer.port()), {}, 80}));
        MainWindow window(t.till());
        window.resize(1280, 800);
        QVERIFY(test::showActive(window));
        auto *status = window.findChild<QWidget *>(u"printStatus"_s);
        auto *statusText = window.findChild<QLabel *>(u"printStatusText"_s);
        QVERIFY(status && statusText && !status->isVisible());

        scan(window.findChild<QLineEdit *>(u"scanInput"_s), u"BE0101"_s);
        QTimer::singleShot(0, this, [this] {
            QWidget *dialog = QApplication::activeModalWidget();
            touch(dialog->findChild<QPushButton *>(u"quickCash_1"_s));
            touch(dialog->findChild<QPushButton *>(u"finishPaymentButton"_s));
        });
        touch(window.findChild<QPushButton *>(u"payButton"_s));
        const QList<Order> orders = OrderHistory(t.till()).byDate(QDate(2026, 11, 22));
        QCOMPARE(orders.size(), 1); // saved before anything went to the printer
        const QString number = orders.front().number;

        QTRY_VERIFY_WITH_TIMEOUT(statusText->text().contains(u"paper out"_s), 10000);
        QVERIFY(status->isVisible() && status->property("error").toBool());
        QVERIFY(statusText->text().contains(number));
        QCOMPARE(printer.received().count("\x1b\x70"), 1); // the drawer opened for the cash anyway
        QVERIFY(!printer.received().contains(number.toLatin1()));

        printer.setState(test::FakeNetworkPrinter::State::Ready);
        touch(window.findChild<QPushButton *>(u"printRetryButton"_s));
        QTRY_VERIFY_WITH_TIMEOUT(statusText->text().contains(u"printed"_s), 10000);
        QVERIFY(!status->property("error").toBool());
        QVERIFY(!window.findChild<QPushButton *>(u"printRetryButton"_s)->isVisible());
        QCOMPARE(printer.received().count(QByteArray(number.toLatin1() + "\x1d\x28\x6b")), 1);

        // The customer wants another: a copy, marked as one.
        printer.clear();
        QTimer::singleShot(0, this, [] {
            auto *ask = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QVERIFY(ask);
            ask->accept(); // the last receipt is already filled in
        });
        touch(window.findChild<QPushButton *>(u"reprintButton"_s));
        QTRY_VERIFY_WITH_TIMEOUT(statusText->text().contains(u"copy 1"_s) && statusText->text().contains(u"printed"_s), 10000);
        QVERIFY(printer.received().contains("COPY"));
        QVERIFY(!printer.received().contains("\x1b\x70")); // a reprint opens no drawer
    }

    // Every scan does what its code says: a weighed item at its weight, a guide badge, a
    // wrong check digit refused before any lookup, a receipt opening its refund.
    void scansDoWhatTheirCodesSay()
    {
        test::TestTill t;
        QVERIFY(ScanService(t.till()).setWeightedLayout(u"28:5:5:weight"_s));
        QVERIFY(t.till().database().exec(u"INSERT INTO barcodes (code, sku) VALUES ('00077', 'BE0101')"_s));
        const Money perKg = LookupService(t.till()).sellableProduct(u"BE0101"_s)->price;
        Cart cart;
        cart.add(*LookupService(t.till()).sellableProduct(u"AC0101"_s), u"AC0101"_s, 1);
        const auto earlier = CheckoutService(t.till()).checkout({cart, u"G01"_s, {}, {{PaymentMethod::Card, {}, {}}}, {}});
        QVERIFY(earlier);

        MainWindow window(t.till());
        window.resize(1280, 800);
        QVERIFY(test::showActive(window));
        auto *scanInput = window.findChild<QLineEdit *>(u"scanInput"_s);
        auto *total = window.findChild<QLabel *>(u"totalLabel"_s);
        auto *message = window.findChild<QLabel *>(u"messageLabel"_s);

        scan(scanInput, u"2800077005322"_s); // 532 g
        const Money weighed = Money::fromFen((perKg.fen() * 532 + 500) / 1000);
        QCOMPARE(total->text(), weighed.toString());
        QVERIFY2(message->text().contains(u"0.532"_s), qPrintable(message->text()));

        scan(scanInput, u"6901234567891"_s); // one digit misread
        QVERIFY2(message->text().contains(u"check digit"_s), qPrintable(message->text()));
        QCOMPARE(total->text(), weighed.toString());

        auto focused = [&] { return QApplication::focusWidget() ? QApplication::focusWidget() : static_cast<QWidget *>(&window); };
        scan(focused(), u"GUIDE:G03"_s);
        QVERIFY2(window.findChild<QPushButton *>(u"guideButton_G03"_s)->isChecked(), qPrintable(message->text()));

        bool refundOpened = false;
        QTimer::singleShot(300, this, [&] {
            QWidget *dialog = QApplication::activeModalWidget();
            QVERIFY(dialog && dialog->objectName() == u"refundDialog"_s);
            refundOpened = dialog->findChild<QLabel *>(u"refundOrderInfo"_s)->text().contains(earlier->number);
            dialog->close();
        });
        scan(focused(), earlier->number); // the customer brings the receipt back
        QTRY_VERIFY(refundOpened);
        QCOMPARE(total->text(), weighed.toString()); // the sale on screen is untouched
    }

    // A scan while a dialog that doesn't take scans is up (the product search) waits, and is
    // rung up as soon as that dialog closes; the refund dialog takes the receipt scanned into it.
    void scansWhileADialogIsOpen()
    {
        test::TestTill t;
        Cart cart;
        cart.add(*LookupService(t.till()).sellableProduct(u"AC0101"_s), u"AC0101"_s, 1);
        const auto earlier = CheckoutService(t.till()).checkout({cart, u"G01"_s, {}, {{PaymentMethod::Card, {}, {}}}, {}});
        QVERIFY(earlier);
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        auto *cartView = window.findChild<QTableView *>(u"cartView"_s);
        auto *scanInput = window.findChild<QLineEdit *>(u"scanInput"_s);
        auto focused = [&] { return QApplication::focusWidget() ? QApplication::focusWidget() : static_cast<QWidget *>(&window); };

        bool scannedDuringSearch = false;
        QTimer::singleShot(200, this, [&] {
            QWidget *dialog = QApplication::activeModalWidget();
            QVERIFY(dialog && dialog->objectName() == u"productSearchDialog"_s);
            scan(focused(), u"6951593000011"_s);
            scannedDuringSearch = QApplication::activeModalWidget() == dialog && cartView->model()->rowCount() == 0;
            dialog->close();
        });
        scanInput->setText(u"lyq"_s);
        QTest::mouseClick(window.findChild<QPushButton *>(u"searchButton"_s), Qt::LeftButton);
        QVERIFY(scannedDuringSearch); // the dialog stayed, the cart waited
        QTRY_COMPARE(cartView->model()->rowCount(), 1); // rung up once the dialog closed
        QCOMPARE(window.findChild<QLabel *>(u"totalLabel"_s)->text(), Money::fromFen(69900).toString());

        QString refundInfo;
        QTimer::singleShot(200, this, [&] {
            QWidget *dialog = QApplication::activeModalWidget();
            QVERIFY(dialog && dialog->objectName() == u"refundDialog"_s);
            scan(focused(), earlier->number);
            refundInfo = dialog->findChild<QLabel *>(u"refundOrderInfo"_s)->text();
            dialog->close();
        });
        QTest::mouseClick(window.findChild<QPushButton *>(u"refundButton"_s), Qt::LeftButton);
        QVERIFY2(refundInfo.contains(earlier->number), qPrintable(refundInfo));
        QTest::qWait(50);
        QCOMPARE(cartView->model()->rowCount(), 1); // the receipt was the dialog's, not the sale's
    }

    // The store's wedge settings reach the till: its scanners send a prefix, which is stripped.
    void wedgeSettingsFromTheStore()
    {
        test::TestTill t;
        QVERIFY(ScanService(t.till()).setWedgeSettings(u"prefix=#,min=6"_s));
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        scan(window.findChild<QLineEdit *>(u"scanInput"_s), u"#6951593000011"_s);
        QCOMPARE(window.findChild<QLabel *>(u"totalLabel"_s)->text(), Money::fromFen(69900).toString());
    }

    // A wedge scanner set up as its own input device that the till could not grab (here a
    // FIFO, which can't be) also types into the window: the two readings are one scan.
    void oneScanReadTwiceCountsOnce()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(u"scanner-event-kbd"_s);
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        test::TestTill t;
        QVERIFY(ScanService(t.till()).setScannerDevice(u"evdev:"_s + fifo));
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        const int writer = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
        QVERIFY(writer >= 0);
        auto *scanInput = window.findChild<QLineEdit *>(u"scanInput"_s);
        auto *cart = window.findChild<QTableView *>(u"cartView"_s)->model();
        auto quantity = [&] { return cart->rowCount() == 1 ? cart->index(0, 3).data().toInt() : -cart->rowCount(); };

        const QByteArray keys = test::typedDigits(u"6951593000011"_s);
        QCOMPARE(::write(writer, keys.constData(), size_t(keys.size())), ssize_t(keys.size()));
        scan(scanInput, u"6951593000011"_s); // the same keys, through the window
        QTRY_COMPARE(cart->rowCount(), 1);
        QTest::qWait(100);
        QCOMPARE(quantity(), 1);

        // The next item, read by both again at once.
        QCOMPARE(::write(writer, keys.constData(), size_t(keys.size())), ssize_t(keys.size()));
        scan(scanInput, u"6951593000011"_s);
        QTRY_COMPARE(quantity(), 2);
        QTest::qWait(100);
        QCOMPARE(quantity(), 2);
        ::close(writer);
    }

    // Kiosk: closing the till asks for a manager; a wrong PIN or a cashier's keeps it open.
    void kioskClosesOnlyWithAManagersPin()
    {
        test::TestTill t;
        StaffService staff(t.till());
        QVERIFY(staff.add(u"M01"_s, u"李店长"_s, Role::Manager, u"908172"_s, 1000));
        QVERIFY(staff.add(u"E01"_s, u"小王"_s, Role::Cashier, u"1234"_s, 1000));
        MainWindow window(t.till());
        window.setKiosk(true);
        QVERIFY(test::showActive(window));
        QStringList messages;
        auto answer = [&](const QString &id, const QString &pin, bool thenCancel) {
            QTimer::singleShot(200, this, [&, id, pin, thenCancel] {
                QWidget *dialog = QApplication::activeModalWidget();
                QVERIFY(dialog && dialog->objectName() == u"managerPinDialog"_s);
                dialog->findChild<QLineEdit *>(u"managerId"_s)->setText(id);
                dialog->findChild<QLineEdit *>(u"managerPin"_s)->setText(pin);
                QTest::mouseClick(dialog->findChild<QPushButton *>(u"managerApprove"_s), Qt::LeftButton);
                messages << dialog->findChild<QLabel *>(u"managerPinMessage"_s)->text();
                if (thenCancel)
                    QTest::mouseClick(dialog->findChild<QPushButton *>(u"managerCancel"_s), Qt::LeftButton);
            });
        };
        answer(u"M01"_s, u"000000"_s, true);
        window.close();
        QVERIFY(window.isVisible()); // still selling
        QVERIFY2(messages.last().contains(u"PIN"_s), qPrintable(messages.last()));
        answer(u"E01"_s, u"1234"_s, true);
        window.close();
        QVERIFY(window.isVisible());
        QVERIFY2(messages.last().contains(u"not a manager"_s), qPrintable(messages.last()));
        answer(u"M01"_s, u"908172"_s, false);
        window.close();
        QVERIFY(!window.isVisible());
    }

    void unknownBarcodeChangesNothing()
    {
        test::TestTill t;
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        auto *scanInput = window.findChild<QLineEdit *>(u"scanInput"_s);
        scan(scanInput, u"6951593000011"_s);
        scan(scanInput, u"6900000000000"_s);
        const QString message = window.findChild<QLabel *>(u"messageLabel"_s)->text();
        QVERIFY2(message.contains(u"6900000000000"_s), qPrintable(message));
        QCOMPARE(window.findChild<QTableView *>(u"cartView"_s)->model()->rowCount(), 1);
        QCOMPARE(window.findChild<QLabel *>(u"totalLabel"_s)->text(), Money::fromFen(69900).toString());
    }

    void memberShowsExclusiveGuide()
    {
        test::TestTill t;
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        auto *memberInput = window.findChild<QLineEdit *>(u"memberInput"_s);
        memberInput->setText(u"M0001"_s); // typed by a person
        QTest::mouseClick(window.findChild<QPushButton *>(u"memberLookupButton"_s), Qt::LeftButton);
        const QString info = window.findChild<QLabel *>(u"memberInfo"_s)->text();
        QVERIFY2(info.contains(u"M0001"_s) && info.contains(u"阿杰"_s), qPrintable(info)); // G03 阿杰
        auto *exclusive = window.findChild<QPushButton *>(u"guideButton_G03"_s);
        QVERIFY(exclusive->property("exclusive").toBool());
        QVERIFY(!window.findChild<QPushButton *>(u"guideButton_G01"_s)->property("exclusive").toBool());
    }

    void holdAndResume()
    {
        test::TestTill t;
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        auto *scanInput = window.findChild<QLineEdit *>(u"scanInput"_s);
        auto *total = window.findChild<QLabel *>(u"totalLabel"_s);
        scan(scanInput, u"6951593000011"_s);
        QTest::mouseClick(window.findChild<QPushButton *>(u"holdButton"_s), Qt::LeftButton);
        QCOMPARE(total->text(), Money().toString());
        QTimer::singleShot(0, this, [] {
            QWidget *dialog = QApplication::activeModalWidget();
            QVERIFY(dialog);
            auto *list = dialog->findChild<QListWidget *>(u"heldSalesList"_s);
            QVERIFY(list && list->count() == 1);
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
        });
        QTest::mouseClick(window.findChild<QPushButton *>(u"resumeButton"_s), Qt::LeftButton);
        QCOMPARE(total->text(), Money::fromFen(69900).toString());
    }
};

QTEST_MAIN(TestSaleScreen)
#include "tst_salescreen.moc"
