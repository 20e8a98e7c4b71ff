// Printing to a real TCP printer on loopback (a fake that records and answers status), and
// posctl print as a user runs it: a receipt that scans back to its order, clear failures.
#include "fakenetworkprinter.h"
#include "posctlrun.h"
#include "testtill.h"

#include "printer/escposencoder.h"
#include "printer/printer.h"
#include "services/checkoutservice.h"
#include "services/lookupservice.h"

#include "decodeqr.h"

#include <QImage>
#include <QTest>

using namespace pos;
using namespace pos::printer;
using namespace Qt::Literals::StringLiterals;

namespace {

PrintDocument sampleReceipt()
{
    PrintDocument doc;
    doc.text(u"西湖店"_s).text(u"连衣裙 ￥699.00"_s).qrCode(u"S01-T01-000001"_s).cut();
    return doc;
}

PrinterUri tcp(quint16 port)
{
    return *PrinterUri::parse(u"tcp://127.0.0.1:%1"_s.arg(port), nullptr);
}


} // namespace

class TestPrintJobs : public QObject
{
    Q_OBJECT

    using Run = test::PosctlRun;
    static Run posctl(const QString &db, const QStringList &args) { return test::runPosctl(db, args); }

private slots:
    void readyPrinterGetsTheWholeJob()
    {
        test::FakeNetworkPrinter fake;
        const PrinterProfile profile = Profiles::generic(80);
        Printer printer(tcp(fake.port()), profile);
        QVERIFY2(printer.print(sampleReceipt()), qPrintable(printer.errorString()));
        QVERIFY(printer.status().answered && printer.status().canPrint());
        const QByteArray expected = EscPosEncoder(profile).encode(sampleReceipt());
        QTRY_VERIFY(fake.received().endsWith(expected));
        QVERIFY(fake.received().startsWith(QByteArray::fromHex("100401")));
    }

    void faultsStopTheJobWithAClearMessage_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("message");
        QTest::newRow("paper out") << int(test::FakeNetworkPrinter::State::PaperOut) << u"paper out"_s;
        QTest::newRow("cover open") << int(test::FakeNetworkPrinter::State::CoverOpen) << u"cover open"_s;
    }
    void faultsStopTheJobWithAClearMessage()
    {
        QFETCH(int, state);
        QFETCH(QString, message);
        test::FakeNetworkPrinter fake;
        fake.setState(test::FakeNetworkPrinter::State(state));
        Printer printer(tcp(fake.port()), Profiles::generic(80));
        QVERIFY(!printer.print(sampleReceipt()));
        QVERIFY2(printer.errorString().contains(message), qPrintable(printer.errorString()));
        QTest::qWait(50);
        QVERIFY(!fake.received().contains(QByteArray::fromHex("1b40"))); // nothing half-printed
    }

    void silentPrinterIsUnknownNotOk()
    {
        test::FakeNetworkPrinter fake;
        fake.setState(test::FakeNetworkPrinter::State::Silent);
        Printer printer(tcp(fake.port()), Profiles::generic(80));
        QVERIFY(printer.print(sampleReceipt())); // many printers never answer: still print
        QVERIFY(!printer.status().answered);
        QVERIFY(printer.status().describe().contains(u"unknown"_s));
    }

    void unreachableAndDroppedAreFailures()
    {
        quint16 closedPort;
        {
            test::FakeNetworkPrinter gone;
            closedPort = gone.port();
        }
        Printer nobody(tcp(closedPort), Profiles::generic(80));
        QVERIFY(!nobody.print(sampleReceipt()));
        QVERIFY2(nobody.errorString().contains(u"cannot reach"_s), qPrintable(nobody.errorString()));

        test::FakeNetworkPrinter fake;
        fake.setState(test::FakeNetworkPrinter::State::Silent);
        fake.dropAfter(64);
        PrintDocument big;
        QImage logo(576, 2000, QImage::Format_RGB32);
        logo.fill(Qt::black);
        big.image(logo).cut(); // ~144 KB of raster: the drop lands mid-job
        Printer printer(tcp(fake.port()), Profiles::generic(80));
        QVERIFY(!printer.print(big));
        QVERIFY2(printer.errorString().contains(u"127.0.0.1"_s), qPrintable(printer.errorString()));
    }

    void posctlPrintsAReceiptThatScansBack()
    {
        test::TestTill t;
        Cart cart;
        cart.add(*LookupService(t.till()).sellableProduct(u"AC0101"_s), u"AC0101"_s, 2);
        auto order = CheckoutService(t.till()).checkout({cart, u"G01"_s, u"M0001"_s, {{PaymentMethod::Cash, {}, {}}}, {}});
        QVERIFY(order);
        const QString db = t.dbPath();
        for (const QString &width : {u"58"_s, u"80"_s}) {
            const QString png = t.path(u"receipt-"_s + width + u".png"_s);
            const Run r = posctl(db, {u"print"_s, u"--printer"_s, u"png:"_s + png, u"--order"_s, order->number,
                                      u"--width"_s, width});
            QVERIFY2(r.status == 0, qPrintable(r.err));
            QCOMPARE(QImage(png).width(), (width == u"58"_s ? 384 : 576) + 32);
            QCOMPARE(test::decodeQr(QImage(png)), order->number);
        }
        test::FakeNetworkPrinter fake;
        const Run net = posctl(db, {u"print"_s, u"--printer"_s, u"tcp://127.0.0.1:%1"_s.arg(fake.port()), u"--order"_s,
                                    order->number});
        QVERIFY2(net.status == 0, qPrintable(net.err));
        QTRY_VERIFY(fake.received().contains(order->number.toLatin1()));
        QVERIFY(fake.received().contains(QByteArray::fromHex("d0a1d2b0"))); // the guide 小野, in GB18030

        fake.setState(test::FakeNetworkPrinter::State::PaperOut);
        const Run out = posctl(db, {u"print"_s, u"--printer"_s, u"tcp://127.0.0.1:%1"_s.arg(fake.port()), u"--test"_s});
        QCOMPARE(out.status, 2);
        QVERIFY2(out.err.contains(u"paper out"_s), qPrintable(out.err));
        QCOMPARE(posctl(db, {u"print"_s, u"--printer"_s, u"png:x.png"_s}).status, 2);                 // neither
        QCOMPARE(posctl(db, {u"print"_s, u"--test"_s}).status, 2);                                      // no printer
        QCOMPARE(posctl(db, {u"print"_s, u"--printer"_s, u"lpd://x"_s, u"--test"_s}).status, 2);        // bad URI
        QCOMPARE(posctl(db, {u"print"_s, u"--printer"_s, u"png:x.png"_s, u"--test"_s, u"--width"_s, u"76"_s}).status, 2);
        QCOMPARE(posctl(db, {u"print"_s, u"--printer"_s, u"png:x.png"_s, u"--order"_s, u"S01-T01-999999"_s}).status, 2);
        const Run noProfile = posctl(db, {u"print"_s, u"--printer"_s, u"png:x.png"_s, u"--test"_s, u"--profile"_s, u"nope"_s});
        QCOMPARE(noProfile.status, 2);
        QVERIFY(noProfile.err.contains(u"generic-80"_s));
        QCOMPARE(posctl(db, {u"printers"_s}).status, 0); // an empty bus is a valid answer
    }
};

QTEST_MAIN(TestPrintJobs)
#include "tst_printjobs.moc"
