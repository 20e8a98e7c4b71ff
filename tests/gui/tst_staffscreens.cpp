// Who is at the till, as the store uses it: sign in with a touch or a badge and a PIN, switch
// mid-sale, the idle lock, guarded actions with a manager's PIN on the spot, the shift and
// day screens and the settings screen — each leaving its line in the audit log.
#include "showwindow.h"
#include "testtill.h"

#include "printer/printdocument.h"
#include "services/orderhistory.h"
#include "services/printqueue.h"
#include "services/printspooler.h"
#include "services/receiptlayout.h"
#include "services/salesession.h"
#include "services/settingsservice.h"
#include "services/shiftservice.h"
#include "services/staffservice.h"
#include "services/till.h"
#include "ui/actiongate.h"
#include "ui/mainwindow.h"
#include "ui/salescreen.h"
#include "ui/settingsdialog.h"
#include "ui/shiftdialog.h"
#include "ui/signinscreen.h"
#include "ui/theme.h"

#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestStaffScreens : public QObject
{
    Q_OBJECT

    // Acts on the next modal window that `matches`, once, without blocking the event loop.
    // (Each act closes its window, so the same one is never answered twice.)
    void whenModal(std::function<bool(QWidget *)> matches, std::function<void(QWidget *)> act)
    {
        auto *poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [=] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal || !modal->isVisible() || !matches(modal))
                return;
            poll->stop();
            poll->deleteLater();
            act(modal);
        });
        poll->start(20);
    }
    static std::function<bool(QWidget *)> named(const QString &name)
    {
        return [name](QWidget *w) { return w->objectName() == name; };
    }
    static bool isInput(QWidget *w) { return qobject_cast<QInputDialog *>(w) != nullptr; }
    // Types into the next QInputDialogs, one text each, pressing OK.
    void answerInputs(QStringList texts)
    {
        if (texts.isEmpty())
            return;
        const QString text = texts.takeFirst();
        whenModal(isInput, [this, text, texts](QWidget *w) {
            auto *input = qobject_cast<QInputDialog *>(w);
            input->setTextValue(text);
            input->accept();
            answerInputs(texts);
        });
    }
    void answerInput(const QString &text) { answerInputs({text}); }
    // At the manager's approval: each (id, PIN) tried in turn on the same dialog, the
    // messages kept; cancelled when the last try did not close it.
    void managerTries(QList<std::pair<QString, QString>> tries, QStringList *messages = nullptr)
    {
        whenModal(named(u"managerPinDialog"_s), [tries, messages](QWidget *dialog) {
            for (const auto &[id, pin] : tries) {
                dialog->findChild<QLineEdit *>(u"managerId"_s)->setText(id);
                dialog->findChild<QLineEdit *>(u"managerPin"_s)->setText(pin);
                QTest::mouseClick(dialog->findChild<QPushButton *>(u"managerApprove"_s), Qt::LeftButton);
                if (messages)
                    messages->append(dialog->findChild<QLabel *>(u"managerPinMessage"_s)->text());
                if (!dialog->isVisible())
                    return;
            }
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"managerCancel"_s), Qt::LeftButton);
        });
    }
    void managerAnswers(const QString &id, const QString &pin) { managerTries({{id, pin}}); }
    void managerCancels() { managerTries({}); }
    static void addTeam(Till &till)
    {
        StaffService staff(till);
        QVERIFY(staff.add(u"M01"_s, u"王店长"_s, Role::Manager, u"2468"_s, 1000));
        QVERIFY(staff.add(u"C01"_s, u"李娜"_s, Role::Cashier, u"1357"_s, 1000));
    }
    static void typePin(SignInScreen *screen, const QString &pin)
    {
        for (QChar digit : pin)
            QTest::mouseClick(screen->findChild<QPushButton *>(u"pinKey"_s + digit), Qt::LeftButton);
        QTest::mouseClick(screen->findChild<QPushButton *>(u"pinOk"_s), Qt::LeftButton);
    }
    static void signIn(MainWindow &window, const QString &id, const QString &pin)
    {
        SignInScreen *screen = window.signInScreen();
        QTest::mouseClick(screen->findChild<QPushButton *>(u"staff_"_s + id), Qt::LeftButton);
        typePin(screen, pin);
        QVERIFY2(!window.isLocked(), "signed in");
    }
    // A scanner in keyboard-wedge mode, into the sale screen's scan box.
    static void ringUp(SaleScreen *sale, const QStringList &codes)
    {
        auto *scanInput = sale->findChild<QLineEdit *>(u"scanInput"_s);
        scanInput->setFocus();
        for (const QString &code : codes) {
            QTest::keyClicks(scanInput, code);
            QTest::keyClick(scanInput, Qt::Key_Return);
        }
    }
    // POS_SCREENSHOTS=DIR keeps pictures of the screens, to look at them as a cashier would.
    static void keepPicture(QWidget *w, const QString &name)
    {
        if (!qEnvironmentVariableIsSet("POS_SCREENSHOTS"))
            return;
        QTest::qWait(100); // let the layouts settle first
        w->grab().save(qEnvironmentVariable("POS_SCREENSHOTS") + u'/' + name + u".png"_s);
    }
    static QList<AuditEntry> audit(Till &till, const QString &action)
    {
        QList<AuditEntry> out;
        for (const AuditEntry &e : StaffService(till).auditLog(500))
            if (e.action == action)
                out.append(e);
        return out;
    }

private slots:
    void initTestCase()
    {
        qApp->setStyleSheet(Theme::styleSheet()); // as pos-till does
    }
    void cleanup()
    {
        qDeleteAll(findChildren<QTimer *>()); // a failed case's answers must not reach the next
    }

    // The till starts locked; a wrong PIN keeps it so; the right one opens the sale screen.
    // Locking mid-sale keeps the sale for whoever signs in next, here by badge.
    void signInAndSwitchMidSale()
    {
        test::TestTill t;
        addTeam(t.till());
        MainWindow window(t.till());
        window.resize(1280, 800);
        QVERIFY(test::showActive(window));
        QVERIFY(window.isLocked());
        QVERIFY(window.signInScreen()->isVisible());
        QVERIFY(!window.saleScreen()->isVisible());

        // A product scanned at a locked till is not rung up.
        QMetaObject::invokeMethod(&window, [&] { window.signInScreen()->badgeScanned(u"6951593000011"_s); });
        QTRY_VERIFY(window.signInScreen()->findChild<QLabel *>(u"signInMessage"_s)->text().contains(u"6951593000011"_s));

        SignInScreen *screen = window.signInScreen();
        QTest::mouseClick(screen->findChild<QPushButton *>(u"staff_C01"_s), Qt::LeftButton);
        typePin(screen, u"0000"_s);
        QVERIFY(window.isLocked());
        QVERIFY2(screen->findChild<QLabel *>(u"signInMessage"_s)->text().contains(u"PIN"_s),
                 qPrintable(screen->findChild<QLabel *>(u"signInMessage"_s)->text()));
        typePin(screen, u"1357"_s);
        QVERIFY(!window.isLocked());
        QVERIFY(window.saleScreen()->isVisible());
        QVERIFY(window.findChild<QPushButton *>(u"lockButton"_s)->text().contains(u"李娜"_s));
        QCOMPARE(window.gate()->operatorId(), u"C01"_s);

        ringUp(window.saleScreen(), {u"6951593000011"_s});
        QTRY_COMPARE(window.saleScreen()->session().cart().itemCount(), 1);
        keepPicture(&window, u"sale-signed-in"_s);

        QTest::mouseClick(window.findChild<QPushButton *>(u"lockButton"_s), Qt::LeftButton);
        QVERIFY(window.isLocked());
        window.signInScreen()->badgeScanned(u"STAFF:M01"_s);
        QCOMPARE(window.signInScreen()->chosenId(), u"M01"_s);
        typePin(screen, u"2468"_s);
        QCOMPARE(window.gate()->operatorId(), u"M01"_s);
        QCOMPARE(window.saleScreen()->session().cart().itemCount(), 1); // the sale waited

        // Whoever is signed in when it is paid rang it up: the order, and its receipt, say so.
        whenModal(named(u"paymentDialog"_s), [](QWidget *dialog) {
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"quickCash_1"_s), Qt::LeftButton);
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"finishPaymentButton"_s), Qt::LeftButton);
        });
        QTest::mouseClick(window.saleScreen()->findChild<QPushButton *>(u"payButton"_s), Qt::LeftButton);
        const QList<Order> paid = OrderHistory(t.till()).byDate(t.till().now().date());
        QCOMPARE(paid.size(), 1);
        QCOMPARE(paid.front().cashierId, u"M01"_s);
        QStringList receipt;
        const printer::PrintDocument document = ReceiptLayout(t.till()).sale(paid.front());
        for (const printer::Block &b : document.blocks())
            receipt.append(b.text);
        QVERIFY2(receipt.contains(ReceiptLayout::tr("Cashier: %1").arg(u"王店长"_s)), qPrintable(receipt.join(u'\n')));

        QCOMPARE(audit(t.till(), u"sign_in"_s).size(), 2);
        QCOMPARE(audit(t.till(), u"sign_in_failed"_s).size(), 1);
        QCOMPARE(audit(t.till(), u"lock"_s).first().detail, u"switch"_s);
    }

    // Nobody touches the till for the store's idle time: it locks itself, and says so in the log.
    void locksWhenIdle()
    {
        test::TestTill t;
        addTeam(t.till());
        QVERIFY(SettingsService(t.till()).set(u"staff.idle_lock_minutes"_s, u"2"_s, u"M01"_s));
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        signIn(window, u"C01"_s, u"1357"_s);
        t.clock().advanceSecs(90);
        window.lockIfIdle();
        QVERIFY(!window.isLocked());
        t.clock().advanceSecs(40);
        window.lockIfIdle();
        QVERIFY(window.isLocked());
        QCOMPARE(audit(t.till(), u"lock"_s).first().detail, u"idle"_s);
        QCOMPARE(audit(t.till(), u"lock"_s).first().actor, u"C01"_s);
    }

    // Someone signed in is taken off the till beside it (posctl, or HQ's departure: here the
    // same service on a connection of its own). Their next guarded action is refused without
    // asking anyone and the till locks, saying why; the idle check locks it too; the sign-in
    // screen no longer offers them, nor takes their badge.
    void disabledWhileSignedInIsLockedOut()
    {
        test::TestTill t;
        addTeam(t.till());
        Till beside(t.till().sharedClock());
        QVERIFY(beside.open(t.dbPath()));
        StaffService besideStaff(beside);
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        signIn(window, u"C01"_s, u"1357"_s);

        QVERIFY(besideStaff.change(StaffChange::Disable, u"C01"_s, u"M01"_s, u"2468"_s));
        managerCancels(); // the old gate asked a manager to approve for her: nobody is asked now
        QTest::mouseClick(window.findChild<QPushButton *>(u"drawerButton"_s), Qt::LeftButton);
        QVERIFY(window.isLocked());
        QVERIFY(window.signInScreen()->isVisible());
        const QString said = window.signInScreen()->findChild<QLabel *>(u"signInMessage"_s)->text();
        QVERIFY2(said.contains(u"李娜"_s) && said.contains(u"disabled"_s), qPrintable(said));
        QVERIFY(audit(t.till(), u"open_drawer"_s).isEmpty());
        QCOMPARE(audit(t.till(), u"lock"_s).first().actor, u"C01"_s);
        QCOMPARE(audit(t.till(), u"lock"_s).first().detail, u"inactive"_s);
        QVERIFY(!window.signInScreen()->findChild<QPushButton *>(u"staff_C01"_s));
        window.signInScreen()->badgeScanned(u"STAFF:C01"_s);
        QVERIFY(window.signInScreen()->chosenId().isEmpty());

        // Enabled again, she is offered again within the status refresh (every 5 s) and signs
        // in; a manager signed in, disabled meanwhile, is locked out at the next idle check,
        // however recently the till was touched.
        QVERIFY(besideStaff.change(StaffChange::Enable, u"C01"_s, u"M01"_s, u"2468"_s));
        QTRY_VERIFY_WITH_TIMEOUT(window.signInScreen()->findChild<QPushButton *>(u"staff_C01"_s), 8000);
        signIn(window, u"C01"_s, u"1357"_s);
        QTest::mouseClick(window.findChild<QPushButton *>(u"lockButton"_s), Qt::LeftButton);
        QVERIFY(StaffService(t.till()).add(u"M02"_s, u"赵店长"_s, Role::Manager, u"3579"_s, 1000));
        window.signInScreen()->reset();
        signIn(window, u"M02"_s, u"3579"_s);
        window.lockIfIdle();
        QVERIFY(!window.isLocked());
        QVERIFY(besideStaff.change(StaffChange::Remove, u"M02"_s, u"M01"_s, u"2468"_s));
        window.lockIfIdle();
        QVERIFY(window.isLocked());
        QVERIFY(!window.signInScreen()->findChild<QPushButton *>(u"staff_M02"_s));
        QVERIFY(!StaffService(t.till()).signIn(u"M02"_s, u"3579"_s));
    }

    // Once the customer was asked to pay, a cashier's void needs a manager on the spot; the
    // log keeps both names. Before payment, a void is only recorded.
    void voidAfterPaymentNeedsAManager()
    {
        test::TestTill t;
        addTeam(t.till());
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        signIn(window, u"C01"_s, u"1357"_s);
        SaleScreen *sale = window.saleScreen();
        ringUp(sale, {u"6951593000011"_s, u"6951593000028"_s, u"6951593000035"_s});
        QTRY_COMPARE(sale->session().cart().activeLineCount(), 3);

        QTest::mouseClick(sale->findChild<QPushButton *>(u"voidLineButton"_s), Qt::LeftButton); // before payment
        QCOMPARE(sale->session().cart().activeLineCount(), 2);
        QCOMPARE(audit(t.till(), u"void"_s).size(), 1);

        whenModal(named(u"paymentDialog"_s), [](QWidget *dialog) { qobject_cast<QDialog *>(dialog)->reject(); });
        QTest::mouseClick(sale->findChild<QPushButton *>(u"payButton"_s), Qt::LeftButton);
        QVERIFY(sale->session().paymentStarted());

        sale->findChild<QTableView *>(u"cartView"_s)->selectRow(1);
        managerCancels();
        QTest::mouseClick(sale->findChild<QPushButton *>(u"voidLineButton"_s), Qt::LeftButton);
        QCOMPARE(sale->session().cart().activeLineCount(), 2); // refused

        sale->findChild<QTableView *>(u"cartView"_s)->selectRow(1);
        QStringList messages;
        managerTries({{u"C01"_s, u"1357"_s}, {u"M01"_s, u"0000"_s}, {u"M01"_s, u"2468"_s}}, &messages);
        QTest::mouseClick(sale->findChild<QPushButton *>(u"voidLineButton"_s), Qt::LeftButton);
        QCOMPARE(sale->session().cart().activeLineCount(), 1);
        QCOMPARE(messages.size(), 3);
        QVERIFY2(messages[0].contains(u"not a manager"_s), qPrintable(messages[0])); // a cashier can't approve
        QVERIFY2(messages[1].contains(u"PIN"_s), qPrintable(messages[1]));
        const auto approved = audit(t.till(), u"void_after_payment"_s);
        QCOMPARE(approved.size(), 1);
        QCOMPARE(approved.first().actor, u"C01"_s);
        QCOMPARE(approved.first().approvedBy, u"M01"_s);

        // Clearing or holding the sale now is a void of every line: a manager's too.
        managerCancels();
        QTest::mouseClick(sale->findChild<QPushButton *>(u"clearSaleButton"_s), Qt::LeftButton);
        QCOMPARE(sale->session().cart().activeLineCount(), 1);
        managerCancels();
        QTest::mouseClick(sale->findChild<QPushButton *>(u"holdButton"_s), Qt::LeftButton);
        QCOMPARE(sale->session().cart().activeLineCount(), 1);
        managerAnswers(u"M01"_s, u"2468"_s);
        QTest::mouseClick(sale->findChild<QPushButton *>(u"clearSaleButton"_s), Qt::LeftButton);
        QVERIFY(sale->session().cart().isEmpty());
        QVERIFY(!sale->session().paymentStarted());
        QCOMPARE(audit(t.till(), u"void_after_payment"_s).size(), 2);
    }

    // A discount within the store's limit is the cashier's; beyond it, a manager's. A price
    // change is always a manager's, but a manager signed in is not asked.
    void discountsAndPricesFollowTheLimit()
    {
        test::TestTill t;
        addTeam(t.till());
        QVERIFY(SettingsService(t.till()).set(u"staff.discount_limit_percent"_s, u"20"_s, u"M01"_s));
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        signIn(window, u"C01"_s, u"1357"_s);
        SaleScreen *sale = window.saleScreen();
        ringUp(sale, {u"6951593000011"_s});
        QTRY_COMPARE(sale->session().cart().itemCount(), 1);
        const Money gross = sale->session().cart().lines().at(0).gross();

        answerInput(u"10%"_s);
        QTest::mouseClick(sale->findChild<QPushButton *>(u"lineDiscountButton"_s), Qt::LeftButton);
        QCOMPARE(sale->session().cart().lineDiscounts(), Money::fromFen(gross.fen() / 10));

        answerInput(u"50%"_s);
        managerCancels();
        QTest::mouseClick(sale->findChild<QPushButton *>(u"lineDiscountButton"_s), Qt::LeftButton);
        QCOMPARE(sale->session().cart().lineDiscounts(), Money::fromFen(gross.fen() / 10)); // unchanged

        answerInput(u"50%"_s);
        managerAnswers(u"M01"_s, u"2468"_s);
        QTest::mouseClick(sale->findChild<QPushButton *>(u"lineDiscountButton"_s), Qt::LeftButton);
        QCOMPARE(sale->session().cart().lineDiscounts(), Money::fromFen(gross.fen() / 2));
        QCOMPARE(audit(t.till(), u"discount_beyond_limit"_s).first().approvedBy, u"M01"_s);

        answerInput(u"199"_s);
        managerAnswers(u"M01"_s, u"2468"_s);
        QTest::mouseClick(sale->findChild<QPushButton *>(u"priceButton"_s), Qt::LeftButton);
        QCOMPARE(sale->session().cart().lines().at(0).item.price, Money::fromYuan(199));
        QCOMPARE(audit(t.till(), u"price_override"_s).first().approvedBy, u"M01"_s);
        QVERIFY(audit(t.till(), u"price.change"_s).first().detail.contains(u"199.00"_s));

        // The manager at the till changes a price without being asked.
        QTest::mouseClick(window.findChild<QPushButton *>(u"lockButton"_s), Qt::LeftButton);
        signIn(window, u"M01"_s, u"2468"_s);
        answerInput(u"150"_s);
        QTest::mouseClick(sale->findChild<QPushButton *>(u"priceButton"_s), Qt::LeftButton);
        QCOMPARE(sale->session().cart().lines().at(0).item.price, Money::fromYuan(150));
        QCOMPARE(audit(t.till(), u"price_override"_s).first().actor, u"M01"_s);
        QVERIFY(audit(t.till(), u"price_override"_s).first().approvedBy.isEmpty());
    }

    // The cashier's drawer and settings buttons ask for a manager; a reprint does not.
    void headerActionsAreGuarded()
    {
        test::TestTill t;
        addTeam(t.till());
        MainWindow window(t.till());
        QVERIFY(test::showActive(window));
        signIn(window, u"C01"_s, u"1357"_s);
        managerCancels();
        QTest::mouseClick(window.findChild<QPushButton *>(u"drawerButton"_s), Qt::LeftButton);
        QVERIFY(audit(t.till(), u"open_drawer"_s).isEmpty());
        managerAnswers(u"M01"_s, u"2468"_s);
        QTest::mouseClick(window.findChild<QPushButton *>(u"drawerButton"_s), Qt::LeftButton);
        QCOMPARE(audit(t.till(), u"open_drawer"_s).first().approvedBy, u"M01"_s);

        managerCancels();
        QTest::mouseClick(window.findChild<QPushButton *>(u"settingsButton"_s), Qt::LeftButton);
        QVERIFY(audit(t.till(), u"change_settings"_s).isEmpty());
    }

    // The settings screen: changes are checked, stored, audited under the person signed in,
    // and the receipt prints the new header and footer; the policy is shown, not editable.
    void settingsScreenSavesAndAudits()
    {
        test::TestTill t;
        addTeam(t.till());
        ActionGate gate(t.till());
        gate.signIn(*StaffService(t.till()).member(u"M01"_s));
        SettingsDialog dialog(t.till(), gate, nullptr);
        dialog.findChild<QPlainTextEdit *>(u"receiptHeader"_s)->setPlainText(u"会员日 每周三 双倍积分\n微信客服 xihu-vip"_s);
        dialog.findChild<QPlainTextEdit *>(u"receiptFooter"_s)->setPlainText(u"七天无理由退换"_s);
        dialog.findChild<QSpinBox *>(u"idleLockMinutes"_s)->setValue(3);
        dialog.findChild<QLineEdit *>(u"printerUri"_s)->setText(u"nonsense://x"_s);
        QVERIFY(!dialog.save());
        QVERIFY(dialog.findChild<QLabel *>(u"messageLabel"_s)->text().contains(u"nonsense"_s)
                || !dialog.findChild<QLabel *>(u"messageLabel"_s)->text().isEmpty());
        QCOMPARE(PrintQueue(t.till()).receiptPrinter().uri, QString()); // the bad one is not stored
        dialog.findChild<QLineEdit *>(u"printerUri"_s)->setText(u"png:"_s + t.path(u"r.png"_s));
        QVERIFY(dialog.save());
        for (int tab = 0; tab < 6; ++tab) {
            dialog.findChild<QTabWidget *>(u"settingsTabs"_s)->setCurrentIndex(tab);
            dialog.show();
            keepPicture(&dialog, u"settings-%1"_s.arg(tab));
        }

        const SettingsService settings(t.till());
        QCOMPARE(settings.receiptHeader(), QStringList({u"会员日 每周三 双倍积分"_s, u"微信客服 xihu-vip"_s}));
        QCOMPARE(settings.idleLockMinutes(), 3);
        const auto changes = audit(t.till(), u"setting.change"_s);
        QVERIFY(changes.size() >= 4);
        for (const AuditEntry &e : changes)
            QCOMPARE(e.actor, u"M01"_s);
        QVERIFY(std::ranges::any_of(changes, [](const AuditEntry &e) { return e.subject == u"staff.idle_lock_minutes"_s && e.detail == u"5 → 3"_s; }));

        // The receipt says it.
        QStringList lines;
        const printer::PrintDocument report = ReceiptLayout(t.till()).dayReport(ShiftService(t.till()).dayReport(t.till().now().date()));
        for (const printer::Block &b : report.blocks())
            lines.append(b.text);
        QVERIFY(lines.contains(u"会员日 每周三 双倍积分"_s));
        SaleSession sale(t.till());
        QVERIFY(sale.scan(u"6951593000011"_s));
        auto order = sale.pay({TenderRequest{PaymentMethod::Cash, {}, {}}});
        QVERIFY2(order, qPrintable(order.error()));
        lines.clear();
        const printer::PrintDocument receipt = ReceiptLayout(t.till()).sale(*order);
        for (const printer::Block &b : receipt.blocks())
            lines.append(b.text);
        QVERIFY(lines.contains(u"会员日 每周三 双倍积分"_s));
        QVERIFY(lines.contains(u"七天无理由退换"_s));
        QVERIFY(!lines.contains(ReceiptLayout::tr("Thank you, see you again!")));

        // A scan on the settings screen is a test of the scanner.
        dialog.consumeScan(u"6951593000011"_s);
        QVERIFY(dialog.findChild<QLabel *>(u"scanTestResult"_s)->text().contains(u"6951593000011"_s));
        QVERIFY(!dialog.findChild<QLabel *>(u"policy_credit_mode"_s)->text().isEmpty());
        // The manager sees the audit log (as it was when the screen opened: the team being set up).
        auto *auditTable = dialog.findChild<QTableWidget *>(u"auditTable"_s);
        QCOMPARE(auditTable->rowCount(), 2);
        QCOMPARE(auditTable->item(0, 2)->text(), u"staff_set"_s);
    }

    // The day on screen: open with a float, petty cash, a blind count at the close, and the Z
    // report once — made, kept and queued for the printer.
    void shiftAndDayOnScreen()
    {
        test::TestTill t;
        addTeam(t.till());
        QVERIFY(PrintQueue(t.till()).setReceiptPrinter({u"png:"_s + t.path(u"z.png"_s), {}, 80}));
        ActionGate gate(t.till());
        gate.signIn(*StaffService(t.till()).member(u"C01"_s));
        PrintSpooler spooler(t.till());
        ShiftDialog dialog(t.till(), gate, spooler);

        answerInput(u"500"_s);
        dialog.openShift();
        QVERIFY(ShiftService(t.till()).current());
        QCOMPARE(ShiftService(t.till()).current()->shift.floatFen, 50000);
        QCOMPARE(ShiftService(t.till()).current()->shift.openedBy, u"C01"_s);

        answerInputs({u"20"_s, u"买花"_s});
        dialog.moveCash(false);
        QTRY_COMPARE(ShiftService(t.till()).current()->movementsFen, -2000);

        // Closing needs a manager (a cashier may not), then the count.
        managerAnswers(u"M01"_s, u"2468"_s);
        whenModal(named(u"cashCountDialog"_s), [](QWidget *w) {
            w->findChild<QSpinBox *>(u"count_100"_s)->setValue(4);
            w->findChild<QSpinBox *>(u"count_50"_s)->setValue(1);
            w->findChild<QSpinBox *>(u"count_10"_s)->setValue(2);
            QTest::mouseClick(w->findChild<QPushButton *>(u"countConfirm"_s), Qt::LeftButton);
        });
        dialog.closeShift();
        QVERIFY(!ShiftService(t.till()).current());
        QVERIFY2(dialog.findChild<QLabel *>(u"messageLabel"_s)->text().contains(u"¥480.00"_s),
                 qPrintable(dialog.findChild<QLabel *>(u"messageLabel"_s)->text()));

        managerAnswers(u"M01"_s, u"2468"_s);
        whenModal([](QWidget *w) { return qobject_cast<QMessageBox *>(w); },
                  [](QWidget *w) { qobject_cast<QMessageBox *>(w)->button(QMessageBox::Yes)->click(); });
        dialog.show();
        keepPicture(&dialog, u"shift"_s);
        whenModal(named(u"reportPreview"_s), [](QWidget *w) {
            keepPicture(w, u"z-report"_s);
            QVERIFY(!w->findChild<QLabel *>(u"reportImage"_s)->pixmap().isNull());
            qobject_cast<QDialog *>(w)->accept();
        });
        dialog.makeZReport();
        QVERIFY(ShiftService(t.till()).storedZ(t.till().now().date()));
        const auto jobs = PrintQueue(t.till()).recent();
        QVERIFY(std::ranges::any_of(jobs, [](const PrintJob &j) { return j.kind == PrintJobKind::DayReport && j.document.startsWith(u"z:"_s); }));
        // A second Z for the day is refused.
        managerAnswers(u"M01"_s, u"2468"_s);
        whenModal([](QWidget *w) { return qobject_cast<QMessageBox *>(w); },
                  [](QWidget *w) { qobject_cast<QMessageBox *>(w)->button(QMessageBox::Yes)->click(); });
        dialog.makeZReport();
        QVERIFY(!dialog.findChild<QLabel *>(u"messageLabel"_s)->text().isEmpty());
    }
};

QTEST_MAIN(TestStaffScreens)
#include "tst_staffscreens.moc"
