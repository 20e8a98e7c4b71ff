// posctl as a user runs it: the real executable on a real database file.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

struct Run
{
    int status = -1;
    QString out;
    QString err;
};

} // namespace

class TestPosctl : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    Run posctl(const QStringList &args) { return posctlOn(m_db, args); }

    Run posctlOn(const QString &db, const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(POSCTL_PATH), QStringList{u"--db"_s, db} + args);
        if (!p.waitForFinished(60000))
            return {};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    int orderCount()
    {
        const Run r = posctl({u"orders"_s, u"--json"_s, u"--date"_s, QDate::currentDate().toString(Qt::ISODate)});
        int n = 0;
        for (const QString &line : r.out.split(u'\n', Qt::SkipEmptyParts))
            n += QJsonDocument::fromJson(line.toUtf8()).isObject() ? 1 : 0;
        // Also look at neighbouring days: the store's day may differ from this machine's.
        for (int d : {-1, 1}) {
            const Run other = posctl({u"orders"_s, u"--json"_s, u"--date"_s, QDate::currentDate().addDays(d).toString(Qt::ISODate)});
            n += int(other.out.split(u'\n', Qt::SkipEmptyParts).size());
        }
        return n;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(u"till.db"_s);
        const Run r = posctl({u"init"_s, u"--demo"_s});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains(u"200"_s));
    }

    void productsJson()
    {
        const Run r = posctl({u"products"_s, u"--json"_s});
        QCOMPARE(r.status, 0);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 200);
        const QJsonObject first = QJsonDocument::fromJson(lines.front().toUtf8()).object();
        for (const QString &key : {u"sku"_s, u"barcodes"_s, u"name"_s, u"price"_s})
            QVERIFY2(first.contains(key), qPrintable(key));
        QVERIFY(first.value(u"price"_s).isDouble());
        QVERIFY(first.value(u"barcodes"_s).isArray());
    }

    void productSearch_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("sku");
        QTest::newRow("pinyin") << u"LYQ"_s << u"WF0101"_s;
        QTest::newRow("chinese") << u"连衣裙"_s << u"WF0101"_s;
        QTest::newRow("sku") << u"WF0102"_s << u"WF0102"_s;
        QTest::newRow("barcode") << u"6951593000011"_s << u"WF0101"_s;
    }
    void productSearch()
    {
        QFETCH(QString, text);
        QFETCH(QString, sku);
        const Run r = posctl({u"products"_s, u"--search"_s, text, u"--json"_s});
        QCOMPARE(r.status, 0);
        const QJsonObject first = QJsonDocument::fromJson(r.out.section(u'\n', 0, 0).toUtf8()).object();
        QCOMPARE(first.value(u"sku"_s).toString(), sku);
    }

    void guidesJson()
    {
        const Run r = posctl({u"guides"_s, u"--json"_s});
        QCOMPARE(r.status, 0);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        bool sawDeparted = false;
        for (const QString &l : lines) {
            const QJsonObject g = QJsonDocument::fromJson(l.toUtf8()).object();
            QVERIFY(g.contains(u"id"_s) && g.contains(u"name"_s) && g.value(u"active"_s).isBool());
            sawDeparted |= !g.value(u"active"_s).toBool();
        }
        QVERIFY(sawDeparted);
    }

    QHash<QString, qint64> leaderboardTotals()
    {
        QHash<QString, qint64> totals;
        const Run r = posctl({u"leaderboard"_s, u"--json"_s});
        for (const QString &line : r.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            totals.insert(o.value(u"guide"_s).toString(), o.value(u"total"_s).toInteger());
        }
        return totals;
    }

    // Member M0001's exclusive guide is G03; the demo policy splits 50/50 with the chosen guide.
    void saleCreditsBothGuidesAndRefundReversesThem()
    {
        const auto before = leaderboardTotals();
        QVERIFY(before.contains(u"G01"_s) && before.contains(u"G03"_s));
        const Run sale = posctl({u"sale"_s, u"--guide"_s, u"G01"_s, u"--member"_s, u"M0001"_s, u"--scan"_s, u"AC0101*2"_s,
                                 u"--scan"_s, u"AC0102"_s, u"--pay"_s, u"wechat:1000"_s, u"--pay"_s, u"cash"_s, u"--json"_s});
        QVERIFY2(sale.status == 0, qPrintable(sale.err));
        const QJsonObject o = QJsonDocument::fromJson(sale.out.toUtf8()).object();
        const qint64 total = o.value(u"total"_s).toInteger();
        const QJsonArray credits = o.value(u"credits"_s).toArray();
        QCOMPARE(credits.size(), 2);
        QCOMPARE(credits[0].toObject().value(u"guide"_s).toString(), u"G03"_s);
        QCOMPARE(credits[0].toObject().value(u"kind"_s).toString(), u"exclusive"_s);
        QCOMPARE(credits[0].toObject().value(u"amount"_s).toInteger() + credits[1].toObject().value(u"amount"_s).toInteger(), total);
        QVERIFY(!o.value(u"policy_version"_s).toString().isEmpty());
        auto after = leaderboardTotals();
        QCOMPARE(after[u"G03"_s] - before[u"G03"_s], credits[0].toObject().value(u"amount"_s).toInteger());
        QCOMPARE(after[u"G01"_s] - before[u"G01"_s], credits[1].toObject().value(u"amount"_s).toInteger());

        const QString number = o.value(u"number"_s).toString();
        const Run part = posctl({u"refund"_s, number, u"--line"_s, u"AC0101"_s, u"--json"_s});
        QVERIFY2(part.status == 0, qPrintable(part.err));
        const QJsonObject refund = QJsonDocument::fromJson(part.out.toUtf8()).object();
        QCOMPARE(refund.value(u"amount"_s).toInteger(), 62900);
        QCOMPARE(refund.value(u"payments"_s).toArray().first().toObject().value(u"method"_s).toString(), u"cash"_s);
        const Run again = posctl({u"refund"_s, number, u"--line"_s, u"AC0101*2"_s});
        QCOMPARE(again.status, 2);
        QVERIFY2(again.err.contains(u"Only 1"_s), qPrintable(again.err));
        const Run rest = posctl({u"refund"_s, number});
        QCOMPARE(rest.status, 0);
        const Run none = posctl({u"refund"_s, number});
        QCOMPARE(none.status, 2);
        QVERIFY2(none.err.contains(u"refunded in full"_s), qPrintable(none.err));
        // Fully refunded: both guides are back where they started.
        after = leaderboardTotals();
        QCOMPARE(after[u"G03"_s], before[u"G03"_s]);
        QCOMPARE(after[u"G01"_s], before[u"G01"_s]);
        // The manager's "why?": G03's credit of this order and its two reversals, each explained.
        const Run why = posctl({u"leaderboard"_s, u"--guide"_s, u"G03"_s, u"--json"_s});
        QVERIFY2(why.status == 0, qPrintable(why.err));
        qint64 net = 0;
        int reversals = 0;
        for (const QString &line : why.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject c = QJsonDocument::fromJson(line.toUtf8()).object();
            if (c.value(u"order"_s).toString() != number)
                continue;
            QCOMPARE(c.value(u"kind"_s).toString(), u"exclusive"_s);
            const QString text = c.value(u"why"_s).toString();
            QVERIFY2(text.contains(u"exclusive guide G03"_s), qPrintable(text));
            if (!c.value(u"refund"_s).isNull()) {
                ++reversals;
                QVERIFY2(text.startsWith(u"refund reverses"_s), qPrintable(text));
                QVERIFY(c.value(u"amount"_s).toInteger() < 0);
            }
            net += c.value(u"amount"_s).toInteger();
        }
        QCOMPARE(reversals, 2);
        QCOMPARE(net, 0);
        const Run human = posctl({u"leaderboard"_s, u"--guide"_s, u"G03"_s});
        QVERIFY2(human.out.contains(number) && human.out.contains(u"why: "_s), qPrintable(human.out));
        const Run nobody = posctl({u"leaderboard"_s, u"--guide"_s, u"G99"_s});
        QCOMPARE(nobody.status, 2);
        QVERIFY2(nobody.err.contains(u"G99"_s), qPrintable(nobody.err));
        QCOMPARE(posctl({u"refund"_s, u"S01-T01-999999"_s}).status, 2);
        QCOMPARE(posctl({u"leaderboard"_s, u"--date"_s, u"2026-02-30"_s}).status, 2);
    }

    void attributeReplaysAFile()
    {
        QFile events(m_dir.filePath(u"events.jsonl"_s));
        QVERIFY(events.open(QIODevice::WriteOnly));
        events.write(R"({"type":"guide","id":"A","store":"S01"}
{"type":"order","at":"2026-11-01T10:00:00+08:00","id":"O1","store":"S01","channel":"store","sales_guide":"A","lines":[{"sku":"K","amount":100}]}
)");
        events.close();
        const Run ok = posctl({u"attribute"_s, events.fileName()});
        QCOMPARE(ok.status, 0);
        QVERIFY(ok.out.startsWith(uR"({"type":"credit","doc":"O1","order":"O1","guide":"A","kind":"sales","amount":100)"_s));
        QCOMPARE(posctl({u"attribute"_s, m_dir.filePath(u"missing.jsonl"_s)}).status, 2);
        QCOMPARE(posctl({u"attribute"_s}).status, 2);
    }

    void saleWithChangeAndSplit()
    {
        const Run r = posctl({u"sale"_s, u"--guide"_s, u"G01"_s, u"--member"_s, u"M0001"_s,
                              u"--scan"_s, u"6951593000011"_s, u"--scan"_s, u"BE0101*2"_s,
                              u"--pay"_s, u"card:300:POS-1"_s, u"--pay"_s, u"cash:2000"_s, u"--json"_s});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        for (const QString &key : {u"order"_s, u"number"_s, u"total"_s, u"paid"_s, u"change"_s, u"sales_guide"_s, u"member"_s, u"lines"_s})
            QVERIFY2(o.contains(key), qPrintable(key));
        const qint64 total = o.value(u"total"_s).toInteger();
        QCOMPARE(o.value(u"paid"_s).toInteger(), 230000);
        QCOMPARE(o.value(u"change"_s).toInteger(), 230000 - total);
        QCOMPARE(o.value(u"sales_guide"_s).toString(), u"G01"_s);
        QCOMPARE(o.value(u"member"_s).toString(), u"M0001"_s);
        QVERIFY(o.value(u"number"_s).toString().startsWith(u"S01-T01-"_s));

        const Run shown = posctl({u"order"_s, o.value(u"number"_s).toString(), u"--json"_s});
        QCOMPARE(shown.status, 0);
        const QJsonObject again = QJsonDocument::fromJson(shown.out.toUtf8()).object();
        QCOMPARE(again.value(u"order"_s), o.value(u"order"_s));
        QCOMPARE(again.value(u"total"_s), o.value(u"total"_s));
        QCOMPARE(again.value(u"lines"_s), o.value(u"lines"_s));
    }

    void exactCashByDefault()
    {
        const Run r = posctl({u"sale"_s, u"--scan"_s, u"WF0101"_s, u"--pay"_s, u"cash"_s, u"--json"_s});
        QCOMPARE(r.status, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(u"change"_s).toInteger(), 0);
        QCOMPARE(o.value(u"paid"_s), o.value(u"total"_s));
        QVERIFY(o.value(u"sales_guide"_s).isNull());
    }

    // Each bad input: status 2, one clear line on stderr, nothing written.
    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        const QString ok = u"WF0101"_s;
        QTest::newRow("unknown barcode") << QStringList{u"sale"_s, u"--scan"_s, u"6900000000000"_s, u"--pay"_s, u"cash"_s} << u"6900000000000"_s;
        QTest::newRow("unknown guide") << QStringList{u"sale"_s, u"--guide"_s, u"G42"_s, u"--scan"_s, ok, u"--pay"_s, u"cash"_s} << u"G42"_s;
        QTest::newRow("departed guide") << QStringList{u"sale"_s, u"--guide"_s, u"G06"_s, u"--scan"_s, ok, u"--pay"_s, u"cash"_s} << u"G06"_s;
        QTest::newRow("unknown member") << QStringList{u"sale"_s, u"--member"_s, u"19999999999"_s, u"--scan"_s, ok, u"--pay"_s, u"cash"_s} << u"19999999999"_s;
        QTest::newRow("under-payment") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, u"cash:1"_s} << u"due"_s;
        QTest::newRow("card over-payment") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, u"card:99999"_s} << u"cash"_s;
        QTest::newRow("wallet over-payment") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, u"wechat:800:W1"_s} << u"cash"_s;
        QTest::newRow("malformed amount") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, u"cash:12.345"_s} << u"12.345"_s;
        QTest::newRow("amount with letters") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, u"cash:abc"_s} << u"abc"_s;
        QTest::newRow("negative amount") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, u"cash:-5"_s} << u"-5"_s;
        QTest::newRow("unknown method") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, u"bitcoin:10"_s} << u"bitcoin"_s;
        QTest::newRow("bad quantity") << QStringList{u"sale"_s, u"--scan"_s, u"WF0101*0"_s, u"--pay"_s, u"cash"_s} << u"quantity"_s;
        QTest::newRow("no scan") << QStringList{u"sale"_s, u"--pay"_s, u"cash"_s} << u"--scan"_s;
        QTest::newRow("no pay") << QStringList{u"sale"_s, u"--scan"_s, ok} << u"--pay"_s;
        QTest::newRow("unknown option") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, u"cash"_s, u"--frobnicate"_s} << u"frobnicate"_s;
        QTest::newRow("unknown command") << QStringList{u"sell"_s} << u"sell"_s;
        QTest::newRow("unknown order") << QStringList{u"order"_s, u"S01-T01-999999"_s} << u"S01-T01-999999"_s;
        QTest::newRow("bad date") << QStringList{u"orders"_s, u"--date"_s, u"2026-13-40"_s} << u"2026-13-40"_s;
        QTest::newRow("shift without float") << QStringList{u"shift"_s, u"open"_s} << u"--float"_s;
        QTest::newRow("shift cash both ways") << QStringList{u"shift"_s, u"cash"_s, u"--in"_s, u"5"_s, u"--out"_s, u"5"_s} << u"--in"_s;
        QTest::newRow("shift close blind") << QStringList{u"shift"_s, u"close"_s} << u"--count"_s;
        QTest::newRow("shift close, none open") << QStringList{u"shift"_s, u"close"_s, u"--count"_s, u"100x1"_s} << u"No shift"_s;
        QTest::newRow("report y") << QStringList{u"report"_s, u"y"_s} << u"x or z"_s;
        QTest::newRow("report bad date") << QStringList{u"report"_s, u"x"_s, u"--date"_s, u"2026-02-30"_s} << u"2026-02-30"_s;
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const int before = orderCount();
        const Run r = posctl(args);
        QCOMPARE(r.status, 2);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        const QStringList errLines = r.err.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(errLines.size(), 1);
        QVERIFY2(errLines.front().contains(mentions), qPrintable(errLines.front()));
        QCOMPARE(orderCount(), before);
    }

    // An argument of 30,000 characters, or one with a terminal escape (ESC [ 2 J clears the
    // screen), wherever posctl quotes what it was given: exit 2, one line on stderr, at most
    // 40 characters of the input quoted, and no ESC or CSI byte reaching the terminal.
    void hostileArgumentsAreQuotedShort_data()
    {
        QTest::addColumn<QStringList>("args"); // {} stands for the hostile argument
        const QString ok = u"WF0101"_s;
        QTest::newRow("scan") << QStringList{u"sale"_s, u"--scan"_s, {}, u"--pay"_s, u"cash"_s};
        QTest::newRow("scan quantity") << QStringList{u"sale"_s, u"--scan"_s, ok + u"*"_s, u"--pay"_s, u"cash"_s};
        QTest::newRow("guide") << QStringList{u"sale"_s, u"--guide"_s, {}, u"--scan"_s, ok, u"--pay"_s, u"cash"_s};
        QTest::newRow("member") << QStringList{u"sale"_s, u"--member"_s, {}, u"--scan"_s, ok, u"--pay"_s, u"cash"_s};
        QTest::newRow("cashier") << QStringList{u"sale"_s, u"--cashier"_s, {}, u"--scan"_s, ok, u"--pay"_s, u"cash"_s};
        QTest::newRow("pay method") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, {}};
        QTest::newRow("pay amount") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, u"cash:"_s};
        QTest::newRow("pay reference") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, u"card::"_s};
        QTest::newRow("discount") << QStringList{u"sale"_s, u"--scan"_s, ok, u"--pay"_s, u"cash"_s, u"--discount"_s, {}};
        QTest::newRow("order") << QStringList{u"order"_s, {}};
        QTest::newRow("refund") << QStringList{u"refund"_s, {}};
        QTest::newRow("refund line") << QStringList{u"refund"_s, u"S01-T01-000001"_s, u"--line"_s, ok + u"*"_s};
        QTest::newRow("date") << QStringList{u"orders"_s, u"--date"_s, {}};
        QTest::newRow("leaderboard guide") << QStringList{u"leaderboard"_s, u"--guide"_s, {}};
        QTest::newRow("command") << QStringList{{}};
        QTest::newRow("option") << QStringList{u"guides"_s, u"--"_s};
        QTest::newRow("extra argument") << QStringList{u"order"_s, u"S01-T01-000001"_s, {}};
        QTest::newRow("printer") << QStringList{u"printers"_s, u"--set"_s, {}};
        QTest::newRow("profile") << QStringList{u"printers"_s, u"--set"_s, u"png:x.png"_s, u"--profile"_s, {}};
        QTest::newRow("print order") << QStringList{u"print"_s, u"--printer"_s, u"png:x.png"_s, u"--order"_s, {}};
        QTest::newRow("scanner") << QStringList{u"scanners"_s, u"--set"_s, {}};
        QTest::newRow("wedge") << QStringList{u"scanners"_s, u"--wedge"_s, u"gap="_s};
        QTest::newRow("weighted") << QStringList{u"scanners"_s, u"--weighted"_s, {}};
        QTest::newRow("shift action") << QStringList{u"shift"_s, {}};
        QTest::newRow("shift count") << QStringList{u"shift"_s, u"open"_s, u"--float"_s, u"0"_s};
        QTest::newRow("report kind") << QStringList{u"report"_s, {}};
        QTest::newRow("setting key") << QStringList{u"settings"_s, u"set"_s, {}, u"x"_s, u"--as"_s, u"M01"_s, u"--pin"_s, u"2468"_s};
        QTest::newRow("setting value") << QStringList{u"settings"_s, u"set"_s, u"receipt.footer"_s, {}, u"--as"_s, u"M01"_s,
                                                      u"--pin"_s, u"2468"_s};
        QTest::newRow("enroll url") << QStringList{u"enroll"_s, {}, u"CODE"_s, u"--ca"_s, u"/dev/null"_s};
    }
    void hostileArgumentsAreQuotedShort()
    {
        QFETCH(QStringList, args);
        const QString tmp = m_dir.filePath(u"hostile.db"_s);
        if (!QFile::exists(tmp))
            QCOMPARE(posctlOn(tmp, {u"init"_s, u"--demo"_s}).status, 0);
        if (args.constFirst() == u"shift"_s && args.size() == 4) { // a count after an open shift
            QCOMPARE(posctlOn(tmp, args).status, 0);
            args = QStringList{u"shift"_s, u"close"_s, u"--count"_s, {}};
        }
        const QString escape = u"\x1b[2J\x1b]0;pwned\x07\u009b31m"_s;
        for (const QString &hostile : {QString(30000, u'A'), QString(escape + QString(100, u'B')), QString(u"8"_s + escape)}) {
            QStringList run = args;
            bool placed = false;
            for (QString &a : run) {
                if (a.isEmpty() || a.endsWith(u':') || a.endsWith(u'*') || a.endsWith(u'=') || a == u"--"_s) {
                    a += hostile;
                    placed = true;
                    break;
                }
            }
            QVERIFY(placed);
            const Run r = posctlOn(tmp, run);
            QVERIFY2(r.status == 2, qPrintable(QString::number(r.status) + u' ' + r.err.left(200)));
            const QStringList lines = r.err.split(u'\n', Qt::SkipEmptyParts);
            QVERIFY2(lines.size() == 1, qPrintable(r.err.left(400)));
            QVERIFY2(lines.front().size() < 300, qPrintable(lines.front().left(400)));
            QVERIFY2(!r.err.contains(QString(41, u'A')) && !r.err.contains(QString(41, u'B')), qPrintable(lines.front()));
            QVERIFY2(!r.err.contains(QChar(0x1b)) && !r.err.contains(QChar(0x9b)) && !r.err.contains(QChar(0x07)),
                     qPrintable(lines.front()));
            if (r.err.contains(u"[2J"_s)) // quoted: escaped, so support can read it
                QVERIFY2(r.err.contains(u"\\x1b[2J"_s), qPrintable(lines.front()));
            QVERIFY2(!r.out.contains(QChar(0x1b)) && !r.out.contains(QChar(0x9b)), qPrintable(r.out.left(200)));
        }
    }

    // A person's listing of data that carries terminal escapes (a product or guide name, a
    // member's, the audit log, a setting, HQ's last error, as HQ's data or a file could bring
    // them) shows them as \x1b… and writes no ESC, CSI or bidi override to the terminal; JSON
    // escapes them as \uXXXX and stays valid.
    void listingsWriteNoEscapes()
    {
        const QString tmp = m_dir.filePath(u"listings.db"_s);
        QCOMPARE(posctlOn(tmp, {u"init"_s, u"--demo"_s}).status, 0);
        const QString evil = u"\x1b[2J\x1b]0;pwned\x07\u009b31m\u202e"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"listings"_s);
            db.setDatabaseName(tmp);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const QString &sql : {u"UPDATE products SET name = name || ? WHERE sku = 'WF0101'"_s,
                                       u"UPDATE guides SET name = name || ? WHERE id = 'G01'"_s,
                                       u"UPDATE members SET name = name || ?"_s,
                                       u"INSERT OR REPLACE INTO settings (key, value) VALUES ('hq.last_error', ?)"_s,
                                       u"INSERT OR REPLACE INTO settings (key, value) VALUES ('scanner.device', ?)"_s,
                                       u"INSERT INTO audit_log (at, at_utc_ms, actor, action, subject, detail) "
                                       "VALUES ('2026-11-22T14:30:00+08:00', 0, 'M01', 'setting.change', 'receipt.footer', ?)"_s}) {
                QVERIFY(q.prepare(sql));
                q.addBindValue(evil);
                QVERIFY2(q.exec(), qPrintable(sql));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(u"listings"_s);
        const Run sale = posctlOn(tmp, {u"sale"_s, u"--guide"_s, u"G01"_s, u"--scan"_s, u"WF0101"_s, u"--pay"_s, u"cash"_s});
        QCOMPARE(sale.status, 0);
        const QString number = sale.out.section(u' ', 1, 1);
        const QList<QStringList> commands = {{u"products"_s}, {u"products"_s, u"--search"_s, u"WF0101"_s}, {u"guides"_s},
                                             {u"orders"_s}, {u"order"_s, number}, {u"leaderboard"_s},
                                             {u"leaderboard"_s, u"--guide"_s, u"G01"_s}, {u"refund"_s, number},
                                             {u"audit"_s}, {u"settings"_s}, {u"sync-status"_s}, {u"scanners"_s}};
        for (const QStringList &command : commands) {
            const Run r = posctlOn(tmp, command);
            QVERIFY2(r.status == 0, qPrintable(command.join(u' ') + u": "_s + r.err));
            for (const QString &text : {r.out, r.err})
                QVERIFY2(!text.contains(QChar(0x1b)) && !text.contains(QChar(0x9b)) && !text.contains(QChar(0x07))
                             && !text.contains(QChar(0x202e)),
                         qPrintable(command.join(u' ') + u": "_s + r.out));
        }
        QVERIFY(posctlOn(tmp, {u"products"_s}).out.contains(u"\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u202e"_s));
        QVERIFY(posctlOn(tmp, {u"sync-status"_s}).out.contains(u"\\x1b[2J"_s));
        for (const QStringList &command : {QStringList{u"products"_s, u"--json"_s}, QStringList{u"guides"_s, u"--json"_s},
                                           QStringList{u"order"_s, number, u"--json"_s}, QStringList{u"settings"_s, u"--json"_s},
                                           QStringList{u"sync-status"_s, u"--json"_s}}) {
            const Run r = posctlOn(tmp, command);
            QCOMPARE(r.status, 0);
            QVERIFY2(!r.out.contains(QChar(0x1b)) && !r.out.contains(QChar(0x9b)) && !r.out.contains(QChar(0x202e)),
                     qPrintable(command.join(u' ')));
            for (const QString &line : r.out.split(u'\n', Qt::SkipEmptyParts))
                QVERIFY2(QJsonDocument::fromJson(line.toUtf8()).isObject(), qPrintable(line));
        }
        const Run product = posctlOn(tmp, {u"products"_s, u"--search"_s, u"WF0101"_s, u"--json"_s});
        QVERIFY(QJsonDocument::fromJson(product.out.toUtf8()).object().value(u"name"_s).toString().endsWith(evil));
    }

    // The store's scanner settings: the wedge's rules merge, a scanner address is checked
    // before it is stored, and a bad value changes nothing.
    void scannerSettings()
    {
        Run r = posctl({u"scanners"_s, u"--wedge"_s, u"gap=50,prefix=#"_s});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains(u"gap=50,min=4,tab=on,prefix=#,suffix="_s), qPrintable(r.out));
        r = posctl({u"scanners"_s, u"--wedge"_s, u"min=6,tab=off"_s});
        QVERIFY2(r.out.contains(u"gap=50,min=6,tab=off,prefix=#"_s), qPrintable(r.out));
        for (const QString &bad : {u"gap=500"_s, u"min=0"_s, u"tab=maybe"_s, u"speed=9"_s, u"prefix=123456789"_s}) {
            r = posctl({u"scanners"_s, u"--wedge"_s, bad});
            QCOMPARE(r.status, 2);
            QVERIFY2(r.err.contains(bad.section(u'=', 1)), qPrintable(r.err));
        }
        r = posctl({u"scanners"_s, u"--set"_s, u"hidpos:12"_s});
        QCOMPARE(r.status, 2);
        QVERIFY(r.err.contains(u"hidpos:12"_s));
        r = posctl({u"scanners"_s, u"--set"_s, u"hidpos:0c2e:0b87"_s});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains(u"hidpos:0c2e:0b87"_s) && r.out.contains(u"gap=50,min=6,tab=off"_s), qPrintable(r.out));
        r = posctl({u"scanners"_s, u"--set"_s, u"usb:/dev/hidraw0"_s});
        QCOMPARE(r.status, 2);
        QVERIFY(posctl({u"scanners"_s}).out.contains(u"hidpos:0c2e:0b87"_s)); // unchanged by the bad one
        r = posctl({u"scanners"_s, u"--list"_s});
        QCOMPARE(r.status, 0);
        QVERIFY(!r.out.isEmpty());
        QCOMPARE(posctl({u"scanners"_s, u"--clear"_s, u"--wedge"_s, u"gap=35,min=4,tab=on,prefix=,suffix="_s}).status, 0);
    }

    void ordersOfTheDay()
    {
        const Run r = posctl({u"orders"_s, u"--json"_s});
        QCOMPARE(r.status, 0);
        QVERIFY(orderCount() >= 2);
    }

    // A manager takes staff off the till from the command line: disable (until enabled again),
    // remove (for good: the PIN no longer verifies). Each needs a manager's PIN, is refused
    // clearly for an unknown id and for the last manager taking themselves off, shows in the
    // list, and is in the audit log. Someone off the till can neither sign in nor approve.
    void staffDisableEnableRemove()
    {
        const QString db = m_dir.filePath(u"staff.db"_s); // its own till: the others keep their staff
        auto run = [&](const QStringList &args, const QByteArray &input = {}) -> Run {
            QProcess p;
            p.start(QStringLiteral(POSCTL_PATH), QStringList{u"--db"_s, db} + args);
            p.write(input);
            p.closeWriteChannel();
            if (!p.waitForFinished(60000))
                return {};
            return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
        };
        auto check = [&](const QString &id, const QString &pin) { return run({u"staff"_s, u"check"_s, id, u"--pin"_s, pin}).status; };
        auto state = [&](const QString &id) {
            for (const QString &line : run({u"staff"_s, u"--json"_s}).out.split(u'\n', Qt::SkipEmptyParts)) {
                const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
                if (o.value(u"id"_s).toString() == id)
                    return o;
            }
            return QJsonObject();
        };
        QCOMPARE(run({u"init"_s, u"--demo"_s}).status, 0); // C01 cashier 1357, M01 manager 2468, G01 guide 1111

        Run r = run({u"staff"_s, u"disable"_s, u"C01"_s});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(u"--as"_s), qPrintable(r.err));
        QCOMPARE(run({u"staff"_s, u"disable"_s, u"G01"_s, u"--as"_s, u"C01"_s, u"--pin"_s, u"1357"_s}).status, 2); // a cashier
        QCOMPARE(run({u"staff"_s, u"disable"_s, u"C01"_s, u"--as"_s, u"M01"_s, u"--pin"_s, u"0000"_s}).status, 2);
        r = run({u"staff"_s, u"disable"_s, u"E99"_s, u"--as"_s, u"M01"_s, u"--pin"_s, u"2468"_s});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(u"E99"_s), qPrintable(r.err));
        QCOMPARE(state(u"C01"_s).value(u"state"_s).toString(), u"active"_s);

        // Disabled (the manager's PIN typed on standard input), then enabled again.
        r = run({u"staff"_s, u"disable"_s, u"C01"_s, u"--as"_s, u"M01"_s, u"--pin"_s, u"-"_s}, "2468\n");
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains(u"disabled by M01"_s), qPrintable(r.out + r.err));
        QCOMPARE(check(u"C01"_s, u"1357"_s), 2);
        QCOMPARE(state(u"C01"_s).value(u"state"_s).toString(), u"disabled"_s);
        QCOMPARE(state(u"C01"_s).value(u"active"_s).toBool(), false);
        QCOMPARE(run({u"staff"_s, u"enable"_s, u"C01"_s, u"--as"_s, u"M01"_s, u"--pin"_s, u"2468"_s}).status, 0);
        QCOMPARE(check(u"C01"_s, u"1357"_s), 0);

        // Removed: the right PIN fails, enable can't undo it; staff add with a new PIN can.
        QCOMPARE(run({u"staff"_s, u"remove"_s, u"G01"_s, u"--as"_s, u"M01"_s, u"--pin"_s, u"2468"_s}).status, 0);
        QCOMPARE(check(u"G01"_s, u"1111"_s), 2);
        r = run({u"staff"_s, u"enable"_s, u"G01"_s, u"--as"_s, u"M01"_s, u"--pin"_s, u"2468"_s});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(u"staff add G01"_s), qPrintable(r.err));
        r = run({u"staff"_s});
        QVERIFY2(r.out.contains(QRegularExpression(u"G01 .* guide  removed by M01"_s)), qPrintable(r.out));
        QCOMPARE(run({u"staff"_s, u"add"_s, u"G01"_s, u"--name"_s, u"小野"_s, u"--role"_s, u"guide"_s, u"--pin"_s, u"2222"_s}).status, 0);
        QCOMPARE(state(u"G01"_s).value(u"state"_s).toString(), u"active"_s);
        QCOMPARE(check(u"G01"_s, u"1111"_s), 2);
        QCOMPARE(check(u"G01"_s, u"2222"_s), 0);

        // The only manager can't take themselves off; a second one, disabled, approves nothing.
        r = run({u"staff"_s, u"remove"_s, u"M01"_s, u"--as"_s, u"M01"_s, u"--pin"_s, u"2468"_s});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(u"last active manager"_s), qPrintable(r.err));
        QCOMPARE(check(u"M01"_s, u"2468"_s), 0);
        QCOMPARE(run({u"staff"_s, u"add"_s, u"M02"_s, u"--name"_s, u"赵店长"_s, u"--role"_s, u"manager"_s, u"--pin"_s, u"3579"_s}).status, 0);
        const QStringList setFooter{u"settings"_s, u"set"_s, u"receipt.footer"_s, u"谢谢"_s, u"--as"_s, u"M02"_s, u"--pin"_s, u"3579"_s};
        QCOMPARE(run({u"staff"_s, u"disable"_s, u"M02"_s, u"--as"_s, u"M01"_s, u"--pin"_s, u"2468"_s}).status, 0);
        QCOMPARE(run(setFooter).status, 2);
        QCOMPARE(run({u"staff"_s, u"disable"_s, u"C01"_s, u"--as"_s, u"M02"_s, u"--pin"_s, u"3579"_s}).status, 2);
        QCOMPARE(state(u"C01"_s).value(u"state"_s).toString(), u"active"_s);

        QStringList changes;
        for (const QString &line : run({u"audit"_s, u"--json"_s, u"--limit"_s, u"200"_s}).out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject e = QJsonDocument::fromJson(line.toUtf8()).object();
            if (e.value(u"action"_s).toString().startsWith(u"staff_"_s) && e.value(u"action"_s).toString() != u"staff_set"_s)
                changes.prepend(e.value(u"action"_s).toString() + u' ' + e.value(u"subject"_s).toString() + u' '
                                + e.value(u"actor"_s).toString());
        }
        QCOMPARE(changes, QStringList({u"staff_disable C01 M01"_s, u"staff_enable C01 M01"_s, u"staff_remove G01 M01"_s,
                                       u"staff_disable M02 M01"_s}));
    }

    void unreadableDatabaseIsAFailure()
    {
        QProcess p;
        p.start(QStringLiteral(POSCTL_PATH), {u"--db"_s, u"/proc/no/such/dir/till.db"_s, u"guides"_s});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(!p.readAllStandardError().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPosctl)
#include "tst_posctl.moc"
