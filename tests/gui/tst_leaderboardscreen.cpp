// Attribution at the till as a cashier and a store manager meet it: the member's exclusive
// guide pre-selected, the credit shown before payment, the leaderboard moving with the
// sale, a badge scan choosing the guide, and a refund found by scanning the receipt.
#include "showwindow.h"
#include "testtill.h"

#include "services/orderhistory.h"
#include "ui/mainwindow.h"
#include "ui/salescreen.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestLeaderboardScreen : public QObject
{
    Q_OBJECT

    static void scan(QWidget *target, const QString &code)
    {
        QTest::keyClicks(target, code);
        QTest::keyClick(target, Qt::Key_Return);
    }

    // Opens the leaderboard from the header and reads each guide's total for today.
    QHash<QString, QString> leaderboardTotals(MainWindow &window)
    {
        QHash<QString, QString> totals;
        QTimer::singleShot(0, this, [&totals] {
            QWidget *dialog = QApplication::activeModalWidget();
            QVERIFY(dialog && dialog->objectName() == u"leaderboardDialog"_s);
            auto *table = dialog->findChild<QTableWidget *>(u"leaderboardTable"_s);
            QVERIFY(table);
            for (int r = 0; r < table->rowCount(); ++r)
                totals.insert(table->item(r, 1)->text(), table->item(r, 4)->text());
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"leaderboardCloseButton"_s), Qt::LeftButton);
        });
        QTest::mouseClick(window.findChild<QPushButton *>(u"leaderboardButton"_s), Qt::LeftButton);
        return totals;
    }

    void payExactCash(MainWindow &window)
    {
        QTimer::singleShot(0, this, [] {
            QWidget *dialog = QApplication::activeModalWidget();
            QVERIFY(dialog);
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"quickCash_0"_s), Qt::LeftButton); // exact
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"finishPaymentButton"_s), Qt::LeftButton);
        });
        QTest::mouseClick(window.findChild<QPushButton *>(u"payButton"_s), Qt::LeftButton);
    }

private slots:
    void memberGuideCreditAndLeaderboard()
    {
        test::TestTill t;
        MainWindow window(t.till());
        window.resize(1280, 800);
        QVERIFY(test::showActive(window));
        const auto before = leaderboardTotals(window);
        QCOMPARE(before.value(u"小野"_s), Money().toString());

        auto *memberInput = window.findChild<QLineEdit *>(u"memberInput"_s);
        memberInput->setText(u"M0001"_s);
        QTest::mouseClick(window.findChild<QPushButton *>(u"memberLookupButton"_s), Qt::LeftButton);
        // The member's exclusive guide 阿杰 (G03) is pre-selected.
        QVERIFY(window.findChild<QPushButton *>(u"guideButton_G03"_s)->isChecked());
        auto *preview = window.findChild<QLabel *>(u"creditPreview"_s);
        QVERIFY2(preview->text().contains(u"阿杰"_s) && !preview->text().contains(u"小野"_s), qPrintable(preview->text()));

        // The cashier picks another guide: the split under the chain's policy shows before paying.
        QTest::mouseClick(window.findChild<QPushButton *>(u"guideButton_G01"_s), Qt::LeftButton);
        QVERIFY(window.findChild<QPushButton *>(u"guideButton_G01"_s)->isChecked());
        scan(window.findChild<QLineEdit *>(u"scanInput"_s), u"6948991001894"_s); // ¥629.00
        QVERIFY2(preview->text().contains(u"阿杰"_s) && preview->text().contains(u"小野"_s)
                     && preview->text().contains(Money::fromFen(31450).toString()),
                 qPrintable(preview->text()));
        payExactCash(window);
        const QList<Order> orders = OrderHistory(t.till()).byDate(QDate(2026, 11, 22));
        QCOMPARE(orders.size(), 1);

        const auto after = leaderboardTotals(window);
        QCOMPARE(after.value(u"小野"_s), Money::fromFen(31450).toString());
        QCOMPARE(after.value(u"阿杰"_s), Money::fromFen(31450).toString());

        // Refund: the dialog asked for the receipt, so the scan goes to it, not to the sale.
        QTimer::singleShot(0, this, [&window, number = orders.front().number] {
            QWidget *dialog = QApplication::activeModalWidget();
            QVERIFY(dialog && dialog->objectName() == u"refundDialog"_s);
            window.saleScreen()->handleScan(number);
            QCOMPARE(dialog->findChild<QTableWidget *>(u"refundLines"_s)->rowCount(), 1);
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"refundAllButton"_s), Qt::LeftButton);
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"confirmRefundButton"_s), Qt::LeftButton);
            const QString message = dialog->findChild<QLabel *>(u"refundMessage"_s)->text();
            QVERIFY2(message.contains(Money::fromFen(62900).toString()), qPrintable(message));
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"refundCloseButton"_s), Qt::LeftButton);
        });
        QTest::mouseClick(window.findChild<QPushButton *>(u"refundButton"_s), Qt::LeftButton);
        QCOMPARE(window.findChild<QLabel *>(u"totalLabel"_s)->text(), Money().toString()); // nothing rang up
        const auto refunded = leaderboardTotals(window);
        QCOMPARE(refunded.value(u"小野"_s), Money().toString());

        // The manager asks why 阿杰 was credited: the sale's credit and the refund's reversal.
        QStringList amounts;
        QString why;
        QTimer::singleShot(0, this, [&] {
            QWidget *board = QApplication::activeModalWidget();
            QVERIFY(board && board->objectName() == u"leaderboardDialog"_s);
            auto *table = board->findChild<QTableWidget *>(u"leaderboardTable"_s);
            auto *whyButton = board->findChild<QPushButton *>(u"whyButton"_s);
            QVERIFY(!whyButton->isEnabled());
            for (int r = 0; r < table->rowCount(); ++r)
                if (table->item(r, 1)->text() == u"阿杰"_s)
                    table->selectRow(r);
            QVERIFY(whyButton->isEnabled());
            QTimer::singleShot(0, this, [&] {
                QWidget *credits = QApplication::activeModalWidget();
                QVERIFY(credits && credits->objectName() == u"guideCreditsDialog"_s);
                auto *rows = credits->findChild<QTableWidget *>(u"creditsTable"_s);
                for (int r = 0; r < rows->rowCount(); ++r)
                    amounts.append(rows->item(r, 4)->text());
                rows->selectRow(1);
                why = credits->findChild<QLabel *>(u"creditWhy"_s)->text();
                QTest::mouseClick(credits->findChild<QPushButton *>(u"creditsCloseButton"_s), Qt::LeftButton);
            });
            QTest::mouseClick(whyButton, Qt::LeftButton);
            QTest::mouseClick(board->findChild<QPushButton *>(u"leaderboardCloseButton"_s), Qt::LeftButton);
        });
        QTest::mouseClick(window.findChild<QPushButton *>(u"leaderboardButton"_s), Qt::LeftButton);
        QCOMPARE(amounts, (QStringList{Money::fromFen(31450).toString(), Money::fromFen(-31450).toString()}));
        QVERIFY2(why.contains(u"refund"_s) && why.contains(u"G03"_s), qPrintable(why));
    }

    void badgeScanChoosesTheGuide()
    {
        test::TestTill t;
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        scan(window.findChild<QLineEdit *>(u"scanInput"_s), u"GUIDE:G04"_s);
        QVERIFY(window.findChild<QPushButton *>(u"guideButton_G04"_s)->isChecked());
        scan(window.findChild<QLineEdit *>(u"scanInput"_s), u"GUIDE:G06"_s); // departed
        QVERIFY(window.findChild<QPushButton *>(u"guideButton_G04"_s)->isChecked());
        QVERIFY(!window.findChild<QLabel *>(u"messageLabel"_s)->text().isEmpty());
    }
};

QTEST_MAIN(TestLeaderboardScreen)
#include "tst_leaderboardscreen.moc"
