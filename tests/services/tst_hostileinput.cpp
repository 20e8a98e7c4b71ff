// Hostile strings wherever a person or a scanner can type: SQL fragments, a 10,000-character
// name, emoji, characters only GB18030 has, control characters from a serial scanner, bidi
// overrides, invalid UTF-8. Each is refused with a short, clear message or stored exactly as
// given; nothing crashes, no table is touched that shouldn't be, and receipts still encode.
// Printer commands hidden in data (a name from HQ, a payment reference, the footer) never
// reach the printer as commands, and references and receipt lines holding them are refused
// where they are typed.
#include "fakenetworkprinter.h"
#include "posctlrun.h"
#include "testtill.h"

#include "printer/escposencoder.h"
#include "printer/escposrenderer.h"
#include "printer/printerprofile.h"
#include "services/lookupservice.h"
#include "services/receiptlayout.h"
#include "services/refundservice.h"
#include "services/salesession.h"
#include "services/settingsservice.h"
#include "services/shiftservice.h"
#include "store/database.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestHostileInput : public QObject
{
    Q_OBJECT

    static int count(const Till &till, const QString &table)
    {
        auto q = till.database().exec(u"SELECT count(*) FROM "_s + table);
        return q && q->next() ? q->value(0).toInt() : -1;
    }
    // A message a cashier can read: there, and not the whole hostile string echoed back.
    static void clearMessage(const QString &message)
    {
        QVERIFY(!message.trimmed().isEmpty());
        QVERIFY2(message.size() < 400, qPrintable(message.left(120)));
        QVERIFY2(!message.contains(QChar(0x1b)) && !message.contains(QChar(0x9b)), qPrintable(message.left(120)));
    }

    static void exec(const Till &till, const QString &sql, const QVariant &value)
    {
        const auto r = till.database().exec(sql, {value});
        QVERIFY2(r, qPrintable(r.error()));
    }

    // Names and a footer carrying printer commands, written straight to the database as HQ's
    // data or an older till could have left them (the screens and posctl now refuse such a
    // footer): a product name with a bidi override, CSI and FS &; a guide's with GS V and DLE
    // EOT; a cashier's with ESC @; a footer with ESC p and FS .
    static void dirtyTheData(const Till &till)
    {
        exec(till, u"UPDATE products SET name = ? WHERE sku = 'AC0101'"_s, u"真丝围巾\u202e\u009b2J\x1c&"_s);
        exec(till, u"UPDATE guides SET name = ? WHERE id = 'G01'"_s, u"小野\x1dV1\x10\x04\x01"_s);
        exec(till, u"INSERT INTO staff (id, name, role, pin_salt, pin_hash, pin_iterations) VALUES ('C01', ?, 'cashier', '', '', 1)"_s,
             u"李娜\x1b@"_s);
        exec(till, u"INSERT OR REPLACE INTO settings (key, value) VALUES ('receipt.footer', ?)"_s,
             u"七天无理由退换\x1bp0\x19\xfa\n\x1c.\u0085谢谢"_s);
    }

    // The bytes of one receipt as the printer gets them: nothing but the commands a sale
    // receipt asks for (one ESC @, Chinese mode on and off once, one cut, no drawer pulse, no
    // status request), counted in the bytes and read back by our own ESC/POS renderer.
    static void onlyTheReceiptsOwnCommands(const QByteArray &job, const printer::PrinterProfile &profile)
    {
        QVERIFY(!job.isEmpty());
        QCOMPARE(job.count(QByteArray("\x1b@")), 1);
        QCOMPARE(job.count(QByteArray("\x1c&")), 1);
        QCOMPARE(job.count(QByteArray("\x1c.")), 1);
        QCOMPARE(job.count(QByteArray("\x1bp")), 0);
        QCOMPARE(job.count(QByteArray("\x10\x04")), 0);
        QCOMPARE(job.count(QByteArray("\x1dV")), 1);
        QCOMPARE(job.count(char(0x1b)), job.count(QByteArray("\x1b@")) + job.count(QByteArray("\x1b" "a"))
                                          + job.count(QByteArray("\x1b" "E")) + job.count(QByteArray("\x1b" "d")));
        printer::EscPosRenderer renderer(profile);
        renderer.render(job);
        QCOMPARE(renderer.events(), QStringList{u"cut partial"_s});
    }

private slots:
    // Where a payment reference or a receipt line is typed, one holding control characters is
    // refused with the input quoted short and escaped; a tab in a receipt line is a space and
    // CR LF ends a line.
    void referencesAndReceiptLinesAreCheckedWhereTyped()
    {
        test::TestTill t;
        Till &till = t.till();
        const QString injected = u"REF\x1bp0\x19\u00fa\x1dV1"_s;
        SaleSession sale(till);
        QVERIFY(sale.scan(u"AC0101"_s));
        auto paid = sale.pay({TenderRequest{PaymentMethod::Card, {}, injected}});
        QVERIFY(!paid);
        clearMessage(paid.error());
        QVERIFY2(paid.error().contains(u"REF\\x1bp0\\x19\u00fa\\x1dV1"_s), qPrintable(paid.error()));
        QVERIFY(!Tendering::checkPartial(Money::fromYuan(10), {{PaymentMethod::WeChat, {}, u"W-1\u202e9"_s}}));
        QVERIFY(!Tendering::checkPartial(Money::fromYuan(10), {{PaymentMethod::Card, {}, QString(65, u'7')}}));
        QVERIFY(Tendering::checkPartial(Money::fromYuan(10), {{PaymentMethod::Card, {}, QString(64, u'7')}}));
        QCOMPARE(count(till, u"orders"_s), 0);

        SettingsService settings(till);
        const Status refused = settings.set(u"receipt.footer"_s, u"谢谢\x1bp0\x19\xfa"_s, u"M01"_s);
        QVERIFY(!refused);
        clearMessage(refused.error());
        QVERIFY2(refused.error().contains(u"\\x1bp0"_s), qPrintable(refused.error()));
        QVERIFY(!settings.set(u"receipt.header"_s, u"西湖店\u202e"_s, u"M01"_s));
        QVERIFY(settings.receiptFooter().isEmpty() && settings.receiptHeader().isEmpty());
        QVERIFY(settings.set(u"receipt.footer"_s, u"七天\t无理由退换\r\n谢谢"_s, u"M01"_s));
        QCOMPARE(settings.receiptFooter(), (QStringList{u"七天 无理由退换"_s, u"谢谢"_s}));
    }

    // A receipt whose data carries printer commands (product, guide and cashier names, the
    // footer, and a reference of an order stored before references were checked) prints them
    // as text: its bytes hold only the receipt's own commands.
    void receiptCarriesNoCommandFromData()
    {
        test::TestTill t;
        Till &till = t.till();
        dirtyTheData(till);
        SaleSession sale(till);
        QVERIFY(sale.chooseGuide(u"G01"_s));
        QVERIFY(sale.scan(u"AC0101"_s));
        auto paid = sale.pay({TenderRequest{PaymentMethod::Card, {}, u"REF-0001"_s}}, u"C01"_s);
        QVERIFY2(paid, qPrintable(paid.error()));
        Order order = *paid;
        order.payments[0].reference = u"REF\x1bp0\x19\u00fa\x1dV1\x10\x04\x01\u009b"_s;
        const printer::PrinterProfile profile = printer::Profiles::generic(58); // GB18030, native QR: no raster
        const QByteArray bytes = printer::EscPosEncoder(profile).encode(ReceiptLayout(till).sale(order, {.paperMm = 58}));
        onlyTheReceiptsOwnCommands(bytes, profile);
        QVERIFY(bytes.contains("REF?p0?"));
    }

    // The same through posctl as a process, to a network printer that records every byte: the
    // injected reference is refused (nothing printed, the drawer not pulsed, no ESC on the
    // terminal), and a sale of dirty data prints only the receipt's own commands.
    void posctlPrintsNoCommandFromData()
    {
        test::TestTill t;
        test::FakeNetworkPrinter fake;
        dirtyTheData(t.till());
        const QString db = t.dbPath();
        QCOMPARE(test::runPosctl(db, {u"printers"_s, u"--set"_s, u"tcp://127.0.0.1:%1"_s.arg(fake.port()), u"--width"_s, u"58"_s}).status, 0);

        const auto refused = test::runPosctl(db, {u"sale"_s, u"--guide"_s, u"G01"_s, u"--scan"_s, u"AC0101"_s, u"--pay"_s,
                                                  u"card::REF\x1bp0\x19\u00fa\x1dV1"_s});
        QCOMPARE(refused.status, 2);
        clearMessage(refused.err);
        QVERIFY2(refused.err.contains(u"REF\\x1bp0"_s), qPrintable(refused.err));
        QCOMPARE(fake.received(), QByteArray());

        const auto sold = test::runPosctl(db, {u"sale"_s, u"--guide"_s, u"G01"_s, u"--cashier"_s, u"C01"_s, u"--scan"_s,
                                               u"AC0101"_s, u"--pay"_s, u"card::REF-0001"_s});
        QVERIFY2(sold.status == 0, qPrintable(sold.err));
        QVERIFY2(!sold.out.contains(QChar(0x1b)) && !sold.out.contains(QChar(0x9b)) && !sold.out.contains(QChar(0x202e)),
                 qPrintable(sold.out));
        QVERIFY2(sold.out.contains(u"\\x1dV1"_s) && sold.out.contains(u"\\u202e"_s), qPrintable(sold.out));
        const QByteArray received = fake.received();
        const QByteArray job = received.mid(received.indexOf("\x1b@")); // after the status request (DLE EOT) it answered
        onlyTheReceiptsOwnCommands(job, printer::Profiles::generic(58));
        QVERIFY(job.contains("?V1???"));
    }

    void everywhere_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("sql quote") << u"'); DROP TABLE orders; --"_s;
        QTest::newRow("sql or") << u"\" OR 1=1 --"_s;
        QTest::newRow("sql like") << u"%' OR '%'='"_s;
        QTest::newRow("10,000 characters") << QString(10000, u'王');
        QTest::newRow("emoji") << u"👗💄👠 👩‍👩‍👧"_s;
        QTest::newRow("gb18030 only") << u"𠀀𪚥䶮㐀"_s;
        QTest::newRow("serial control") << u"\u0002 6951593000011\u0003\r\n\u001b[A"_s;
        QTest::newRow("bidi override") << u"\u202E0001M"_s;
        QTest::newRow("invalid utf-8") << QString::fromUtf8("\xff\xfe\xc3(");
        QTest::newRow("blank") << u"  \t "_s;
    }
    void everywhere()
    {
        QFETCH(QString, text);
        test::TestTill t;
        Till &till = t.till();
        const int products = count(till, u"products"_s);

        // The scan box and the scanner.
        SaleSession sale(till);
        auto scanned = sale.scanCode(text);
        if (scanned) {
            QCOMPARE(scanned->kind, SaleSession::CodeKind::Product); // only the framed EAN reads as a code
            QCOMPARE(sale.cart().itemCount(), 1);
        } else {
            clearMessage(scanned.error());
            QVERIFY(sale.cart().isEmpty());
        }
        // Search, guides, refunds by number.
        QVERIFY(LookupService(till).searchProducts(text).size() <= 50);
        if (Status s = sale.chooseGuide(text); !s)
            clearMessage(s.error());
        else
            QFAIL("a hostile string chose a guide");
        auto order = RefundService(till).findOrder(text);
        QVERIFY(!order);
        clearMessage(order.error());

        // A new member: the phone is refused; the name is kept exactly or refused.
        SaleSession member(till);
        auto badPhone = member.registerMember(text, u"张三"_s);
        QVERIFY(!badPhone);
        clearMessage(badPhone.error());
        auto named = member.registerMember(u"13900000001"_s, text);
        if (named)
            QCOMPARE(LookupService(till).member(u"13900000001"_s)->name, text.trimmed());
        else
            clearMessage(named.error());

        // Petty cash reasons, and the receipt footer (which then prints).
        ShiftService shifts(till);
        QVERIFY(shifts.open(Money::fromYuan(500), u"C01"_s));
        if (Status s = shifts.cash(1000, text); s)
            QCOMPARE(shifts.current()->movements.last().reason, text);
        else
            clearMessage(s.error());
        if (Status s = SettingsService(till).set(u"receipt.footer"_s, text, u"M01"_s); !s)
            clearMessage(s.error());
        QVERIFY(sale.scan(u"6951593000011"_s));
        auto paid = sale.pay({TenderRequest{PaymentMethod::Cash, {}, {}}});
        QVERIFY2(paid, qPrintable(paid.error()));
        const printer::PrinterProfile profile = printer::Profiles::generic(58);
        QVERIFY(!printer::EscPosEncoder(profile).encode(ReceiptLayout(till).sale(*paid, {.paperMm = 58})).isEmpty());

        // posctl takes it as an argument (no NUL can be one) and answers in JSON or with exit 2.
        if (!text.contains(QChar(0))) {
            const auto run = test::runPosctl(t.dbPath(), {u"parse-barcode"_s, text, u"--json"_s});
            QVERIFY2(run.status == 0 || run.status == 2, qPrintable(run.err));
            if (run.status == 0)
                QVERIFY(QJsonDocument::fromJson(run.out.toUtf8()).isObject());
            const auto search = test::runPosctl(t.dbPath(), {u"products"_s, u"--search"_s, text, u"--json"_s});
            QVERIFY2(search.status == 0 || (search.status == 2 && !search.err.isEmpty()), qPrintable(search.err));
        }

        // Nothing else changed, nothing broke.
        QCOMPARE(count(till, u"products"_s), products);
        QVERIFY(count(till, u"orders"_s) >= 1);
        auto check = till.database().exec(u"PRAGMA integrity_check"_s);
        QVERIFY(check && check->next());
        QCOMPARE(check->value(0).toString(), u"ok"_s);
    }
};

QTEST_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
