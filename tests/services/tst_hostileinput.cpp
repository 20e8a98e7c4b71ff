// Hostile strings wherever a person or a scanner can type: SQL fragments, a 10,000-character
// name, emoji, characters only GB18030 has, control characters from a serial scanner, bidi
// overrides, invalid UTF-8. Each is refused with a short, clear message or stored exactly as
// given; nothing crashes, no table is touched that shouldn't be, and receipts still encode.
#include "posctlrun.h"
#include "testtill.h"

#include "printer/escposencoder.h"
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
    }

private slots:
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

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
