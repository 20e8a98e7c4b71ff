// The durable print queue against a real TCP printer on loopback: the sale is safe whatever
// the printer does, a failed receipt says why and waits, it prints exactly once when the
// printer is back, it survives a restart, and only copies print a second time.
#include "fakenetworkprinter.h"
#include "posctlrun.h"
#include "testtill.h"

#include "services/checkoutservice.h"
#include "services/lookupservice.h"
#include "services/orderhistory.h"
#include "services/printqueue.h"
#include "services/printspooler.h"
#include "services/refundservice.h"
#include "store/printjobrepository.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;
using State = test::FakeNetworkPrinter::State;

namespace {

Order sell(Till &till, PaymentMethod method = PaymentMethod::Cash)
{
    Cart cart;
    cart.add(*LookupService(till).sellableProduct(u"AC0101"_s), u"AC0101"_s, 1);
    auto order = CheckoutService(till).checkout({cart, u"G01"_s, {}, {{method, {}, {}}}, {}});
    Q_ASSERT(order);
    return *order;
}

PrinterChoice tcpPrinter(quint16 port)
{
    return {u"tcp://127.0.0.1:%1"_s.arg(port), {}, 80};
}

// How many receipts of `number` reached their QR code (near the end): the code's data
// followed by the command that prints it.
int receiptsOf(const QByteArray &bytes, const QString &number)
{
    return int(bytes.count(QByteArray(number.toLatin1() + "\x1d\x28\x6b")));
}

} // namespace

class TestPrintQueue : public QObject
{
    Q_OBJECT

    using Run = test::PosctlRun;
    static Run posctl(const QString &db, const QStringList &args) { return test::runPosctl(db, args); }

private slots:
    void receiptPrintsOnceAfterTheSale()
    {
        test::TestTill t;
        test::FakeNetworkPrinter fake;
        PrintQueue queue(t.till());
        QVERIFY(queue.setReceiptPrinter(tcpPrinter(fake.port())));
        const Order order = sell(t.till());
        auto job = queue.queueSale(order.number, PrintQueue::Print::Original);
        QVERIFY(job);
        QCOMPARE(job->state, PrintJobState::Queued);
        // A double tap queues nothing more.
        QCOMPARE(queue.queueSale(order.number, PrintQueue::Print::Original)->id, job->id);
        const auto printed = queue.printNextDue();
        QVERIFY(printed);
        QCOMPARE(printed->state, PrintJobState::Printed);
        QCOMPARE(printed->printedOn, tcpPrinter(fake.port()).uri);
        QVERIFY(!queue.printNextDue()); // nothing left: never a second original
        QVERIFY(fake.received().contains(order.number.toLatin1()));
        QVERIFY(!fake.received().contains("COPY"));
        const qsizetype once = fake.received().size();
        QVERIFY(queue.retry(job->id).error().contains(u"copy"_s));
        QCOMPARE(fake.received().size(), once);
    }

    void copiesAreNumberedAndSaySo()
    {
        test::TestTill t;
        test::FakeNetworkPrinter fake;
        PrintQueue queue(t.till());
        QVERIFY(queue.setReceiptPrinter(tcpPrinter(fake.port())));
        const Order order = sell(t.till());
        // Asked to print as needed before anything printed: that is the original.
        auto first = queue.queueSale(order.number, PrintQueue::Print::AsNeeded);
        QCOMPARE(first->copy, 0);
        QCOMPARE(queue.printNextDue()->state, PrintJobState::Printed);
        fake.clear();
        auto again = queue.queueSale(order.number, PrintQueue::Print::AsNeeded);
        auto copy = queue.queueSale(order.number, PrintQueue::Print::Copy);
        QCOMPARE(again->copy, 1);
        QCOMPARE(copy->copy, 2);
        QCOMPARE(PrintQueue::title(*copy), u"Receipt %1 (copy 2)"_s.arg(order.number));
        QCOMPARE(queue.printNextDue()->state, PrintJobState::Printed);
        QCOMPARE(queue.printNextDue()->state, PrintJobState::Printed);
        QCOMPARE(fake.received().count("*** COPY ***"), 4); // top and bottom of each copy

        // A refund's receipt has its own original.
        auto refund = RefundService(t.till()).refund(order.number, {});
        QVERIFY(refund);
        auto refundJob = queue.queueRefund(refund->number, PrintQueue::Print::Original);
        QVERIFY(refundJob);
        QCOMPARE(refundJob->copy, 0);
        fake.clear();
        QCOMPARE(queue.printNextDue()->state, PrintJobState::Printed);
        QVERIFY(fake.received().contains(refund->number.toLatin1()));
        QVERIFY(!queue.queueSale(u"S01-T01-999999"_s, PrintQueue::Print::Original));
        QVERIFY(!queue.queueRefund(order.number, PrintQueue::Print::Original)); // not a refund number
        QCOMPARE(queue.queueCopy(refund->number)->kind, PrintJobKind::RefundReceipt);
        QCOMPARE(queue.queueCopy(u" "_s + order.number)->copy, 3);
        QVERIFY(queue.queueCopy(u"nothing"_s).error().contains(u"nothing"_s));
    }

    void faultsLeaveTheSaleSafeAndTheJobWaiting_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<QString>("says");
        QTest::newRow("paper out") << 0 << u"paper out"_s;
        QTest::newRow("cover open") << 1 << u"cover open"_s;
        QTest::newRow("unreachable") << 2 << u"127.0.0.1"_s;
        QTest::newRow("dropped mid-receipt") << 3 << u"127.0.0.1"_s;
    }

    void faultsLeaveTheSaleSafeAndTheJobWaiting()
    {
        QFETCH(int, fault);
        QFETCH(QString, says);
        test::TestTill t;
        test::FakeNetworkPrinter fake;
        PrintQueue queue(t.till());
        QVERIFY(queue.setReceiptPrinter(tcpPrinter(fake.port())));
        switch (fault) {
        case 0: fake.setState(State::PaperOut); break;
        case 1: fake.setState(State::CoverOpen); break;
        case 2: fake.setReachable(false); break;
        case 3: fake.dropAfter(40); break;
        }
        const Order order = sell(t.till());
        QVERIFY(queue.queueSale(order.number, PrintQueue::Print::Original));
        const auto failed = queue.printNextDue();
        QVERIFY(failed);
        QCOMPARE(failed->state, PrintJobState::Failed);
        QVERIFY2(failed->lastError.contains(says), qPrintable(failed->lastError));
        QVERIFY(failed->nextAttempt.isValid()); // it tries again by itself
        QVERIFY(OrderHistory(t.till()).byNumber(order.number)); // the sale stands
        QVERIFY(!queue.printNextDue());                          // not before its time

        // The printer is fixed; the queue survives a restart; the next attempt prints it once.
        fake.setState(State::Ready);
        fake.setReachable(true);
        fake.dropAfter(0);
        fake.clear();
        t.reopen();
        PrintQueue after(t.till());
        QCOMPARE(after.unfinished().size(), 1);
        t.clock().advanceSecs(3);
        const auto printed = after.printNextDue();
        QVERIFY(printed);
        QCOMPARE(printed->state, PrintJobState::Printed);
        QCOMPARE(printed->attempts, 2);
        QVERIFY(!after.printNextDue());
        QCOMPARE(receiptsOf(fake.received(), order.number), 1);
        QVERIFY(after.unfinished().isEmpty());
    }

    void retriesBackOffThenWaitForAPerson()
    {
        test::TestTill t;
        test::FakeNetworkPrinter fake;
        fake.setState(State::PaperOut);
        PrintQueue queue(t.till());
        QVERIFY(queue.setReceiptPrinter(tcpPrinter(fake.port())));
        const Order order = sell(t.till());
        const QDateTime queuedAt = t.till().now();
        const qint64 id = queue.queueSale(order.number, PrintQueue::Print::Original)->id;
        QList<qint64> gaps;
        for (;;) {
            const auto job = queue.printNextDue();
            QVERIFY(job);
            if (!job->nextAttempt.isValid())
                break;
            gaps.append(t.till().now().secsTo(job->nextAttempt));
            t.clock().set(job->nextAttempt.toTimeZone(t.till().timeZone()));
        }
        QCOMPARE(gaps.mid(0, 6), (QList<qint64>{2, 4, 8, 16, 30, 30}));
        QVERIFY(queuedAt.secsTo(t.till().now()) <= 10 * 60);
        QVERIFY(queuedAt.secsTo(t.till().now()) > 9 * 60);
        t.clock().advanceSecs(3600);
        QVERIFY(!queue.printNextDue()); // left to a person now

        fake.setState(State::Ready);
        QVERIFY(queue.retry(id));
        QCOMPARE(queue.printNextDue()->state, PrintJobState::Printed);

        // Cancelled jobs never print.
        const Order second = sell(t.till());
        const qint64 other = queue.queueSale(second.number, PrintQueue::Print::Original)->id;
        QVERIFY(queue.cancel(other));
        QVERIFY(!queue.printNextDue());
        QCOMPARE(queue.job(other)->state, PrintJobState::Cancelled);
        QVERIFY(!queue.cancel(id)); // printed: too late to cancel
    }

    void jobCutOffByACrashIsLeftToAPerson()
    {
        test::TestTill t;
        test::FakeNetworkPrinter fake;
        PrintQueue queue(t.till());
        QVERIFY(queue.setReceiptPrinter(tcpPrinter(fake.port())));
        const Order order = sell(t.till());
        const qint64 id = queue.queueSale(order.number, PrintQueue::Print::Original)->id;
        // A worker claimed it, then the till died before it could say how printing went.
        PrintJobRepository jobs(t.till().database());
        QVERIFY(*jobs.claim(id, t.till().now().addSecs(120).toMSecsSinceEpoch()));
        t.reopen();
        PrintQueue after(t.till());
        QVERIFY(!after.printNextDue()); // its lease still runs: someone may be printing it
        t.clock().advanceSecs(121);
        QVERIFY(!after.printNextDue()); // abandoned, and not printed again by itself
        const auto job = after.job(id);
        QCOMPARE(job->state, PrintJobState::Failed);
        QVERIFY(!job->nextAttempt.isValid());
        QVERIFY(job->lastError.contains(u"cut off"_s));
        QVERIFY(fake.received().isEmpty());
        QVERIFY(after.retry(id));
        QCOMPARE(after.printNextDue()->state, PrintJobState::Printed);
        QCOMPARE(receiptsOf(fake.received(), order.number), 1);
    }

    void settingsAreCheckedBeforeTheyAreKept()
    {
        test::TestTill t;
        PrintQueue queue(t.till());
        QVERIFY(!queue.hasReceiptPrinter());
        QVERIFY(!queue.setReceiptPrinter({u"lpd://printer"_s, {}, 0}));
        QVERIFY(!queue.setReceiptPrinter({u"tcp://127.0.0.1"_s, {}, 76}));
        QVERIFY(!queue.setReceiptPrinter({u"tcp://127.0.0.1"_s, u"nope"_s, 0}));
        QVERIFY(!queue.hasReceiptPrinter());
        QVERIFY(queue.setReceiptPrinter({u"tcp://127.0.0.1:9101"_s, u"gbk-80"_s, 80}));
        QCOMPARE(queue.receiptPrinter().profile, u"gbk-80"_s);
        // Without a printer a queued job waits for a person and says what to do.
        QVERIFY(queue.setReceiptPrinter({}));
        const Order order = sell(t.till());
        QVERIFY(queue.queueSale(order.number, PrintQueue::Print::Original));
        const auto job = queue.printNextDue();
        QCOMPARE(job->state, PrintJobState::Failed);
        QVERIFY(!job->nextAttempt.isValid());
        QVERIFY(job->lastError.contains(u"No receipt printer"_s));
    }

    void spoolerPrintsOnItsOwnThreadAndOpensTheDrawerForCash()
    {
        test::TestTill t;
        test::FakeNetworkPrinter fake;
        QVERIFY(PrintQueue(t.till()).setReceiptPrinter(tcpPrinter(fake.port())));
        PrintSpooler spooler(t.till());
        QSignalSpy changes(&spooler, &PrintSpooler::jobChanged);
        const Order cash = sell(t.till());
        spooler.saleCompleted(cash);
        QTRY_VERIFY_WITH_TIMEOUT(!changes.isEmpty() && changes.last().at(0).value<PrintJob>().state == PrintJobState::Printed, 10000);
        QCOMPARE(changes.first().at(0).value<PrintJob>().state, PrintJobState::Queued);
        QCOMPARE(fake.received().count("\x1b\x70"), 1); // the drawer, once
        QCOMPARE(receiptsOf(fake.received(), cash.number), 1);

        fake.clear();
        changes.clear();
        const Order card = sell(t.till(), PaymentMethod::Card);
        spooler.saleCompleted(card);
        QTRY_VERIFY_WITH_TIMEOUT(!changes.isEmpty() && changes.last().at(0).value<PrintJob>().state == PrintJobState::Printed, 10000);
        QVERIFY(!fake.received().contains("\x1b\x70")); // no cash, no drawer

        // A cash refund: the drawer opens for the money going back, the refund receipt prints.
        fake.clear();
        changes.clear();
        auto refund = RefundService(t.till()).refund(cash.number, {});
        QVERIFY(refund);
        spooler.refundCompleted(*refund);
        QTRY_VERIFY_WITH_TIMEOUT(!changes.isEmpty() && changes.last().at(0).value<PrintJob>().state == PrintJobState::Printed, 10000);
        QCOMPARE(changes.last().at(0).value<PrintJob>().kind, PrintJobKind::RefundReceipt);
        QCOMPARE(fake.received().count("\x1b\x70"), 1);
        QCOMPARE(receiptsOf(fake.received(), refund->number), 1);

        // The printer runs out of paper: the till hears why.
        fake.setState(State::PaperOut);
        changes.clear();
        auto copy = spooler.reprint(card.number);
        QVERIFY(copy);
        QCOMPARE(copy->copy, 1);
        QTRY_VERIFY_WITH_TIMEOUT(!changes.isEmpty() && changes.last().at(0).value<PrintJob>().state == PrintJobState::Failed, 10000);
        QVERIFY(changes.last().at(0).value<PrintJob>().lastError.contains(u"paper out"_s));
    }

    void posctlSaleStandsWhenThePrinterFails()
    {
        test::TestTill t;
        test::FakeNetworkPrinter fake;
        const QString db = t.dbPath();
        QCOMPARE(posctl(db, {u"printers"_s, u"--set"_s, u"tcp://127.0.0.1:%1"_s.arg(fake.port())}).status, 0);
        QCOMPARE(posctl(db, {u"printers"_s, u"--set"_s, u"lpd://x"_s}).status, 2);
        QCOMPARE(posctl(db, {u"printers"_s, u"--set"_s, u"png:x.png"_s, u"--width"_s, u"60"_s}).status, 2);
        fake.setState(State::PaperOut);
        const Run sale = posctl(db, {u"sale"_s, u"--scan"_s, u"AC0101"_s, u"--pay"_s, u"card"_s, u"--json"_s});
        QCOMPARE(sale.status, 0); // the sale is done; the receipt waits
        QVERIFY2(sale.err.contains(u"paper out"_s) && sale.err.contains(u"print-jobs"_s), qPrintable(sale.err));
        const QString number = QJsonDocument::fromJson(sale.out.toUtf8()).object().value(u"number"_s).toString();
        QVERIFY(!number.isEmpty());
        const Run list = posctl(db, {u"print-jobs"_s, u"--json"_s});
        const QJsonObject job = QJsonDocument::fromJson(list.out.toUtf8()).object();
        QCOMPARE(job.value(u"state"_s).toString(), u"failed"_s);
        QCOMPARE(job.value(u"document"_s).toString(), number);
        const QString id = QString::number(job.value(u"job"_s).toInteger());

        fake.setState(State::Ready);
        const Run retried = posctl(db, {u"print-jobs"_s, u"--retry"_s, id});
        QVERIFY2(retried.status == 0, qPrintable(retried.err));
        QCOMPARE(receiptsOf(fake.received(), number), 1);
        QCOMPARE(posctl(db, {u"print-jobs"_s, u"--retry"_s, id}).status, 2);   // printed: ask for a copy
        QCOMPARE(posctl(db, {u"print-jobs"_s, u"--retry"_s, u"abc"_s}).status, 2);
        QCOMPARE(posctl(db, {u"print-jobs"_s, u"--cancel"_s, u"999"_s}).status, 2);
        QVERIFY(posctl(db, {u"print-jobs"_s}).out.contains(u"No receipt waits"_s));
        const Run again = posctl(db, {u"print"_s, u"--order"_s, number});
        QVERIFY2(again.status == 0 && again.out.contains(u"copy 1"_s), qPrintable(again.out + again.err));
        const Run refund = posctl(db, {u"refund"_s, number});
        QVERIFY2(refund.status == 0 && refund.out.contains(u"Printed Refund receipt"_s), qPrintable(refund.out + refund.err));
        const Run quiet = posctl(db, {u"sale"_s, u"--scan"_s, u"AC0101"_s, u"--pay"_s, u"card"_s, u"--no-receipt"_s});
        QVERIFY(quiet.status == 0 && !quiet.out.contains(u"Printed"_s));
        QCOMPARE(posctl(db, {u"printers"_s, u"--clear"_s}).status, 0);
        QVERIFY(posctl(db, {u"printers"_s}).out.contains(u"not configured"_s));
    }
};

QTEST_MAIN(TestPrintQueue)
#include "tst_printqueue.moc"
