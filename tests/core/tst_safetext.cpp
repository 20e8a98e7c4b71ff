// The text helpers every layer shares: which characters may not reach a terminal or a
// printer as they are, how they are shown instead, and how a message quotes an input.
#include "text/safetext.h"

#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestSafeText : public QObject
{
    Q_OBJECT
private slots:
    void unsafeCharacters_data()
    {
        QTest::addColumn<uint>("code");
        QTest::addColumn<bool>("unsafe");
        for (uint c : {0x00u, 0x07u, 0x09u, 0x0au, 0x0du, 0x10u, 0x1bu, 0x1cu, 0x1du, 0x7fu, 0x80u, 0x85u, 0x9bu, 0x9fu})
            QTest::newRow(qPrintable(u"control %1"_s.arg(c, 2, 16, QChar(u'0')))) << c << true;
        for (uint c : {0x00adu, 0x061cu, 0x200bu, 0x200du, 0x200eu, 0x200fu, 0x202au, 0x202eu, 0x2066u, 0x2069u,
                       0x2028u, 0x2029u, 0xfeffu, 0xd800u, 0xdc00u, 0xe0001u})
            QTest::newRow(qPrintable(u"format %1"_s.arg(c, 4, 16, QChar(u'0')))) << c << true;
        for (uint c : {0x20u, 0x41u, 0x7eu, 0xa0u, 0xa5u, 0xfau, 0x5bfcu, 0xffe5u, 0x1f457u, 0x20000u})
            QTest::newRow(qPrintable(u"printable %1"_s.arg(c, 4, 16, QChar(u'0')))) << c << false;
    }
    void unsafeCharacters()
    {
        QFETCH(uint, code);
        QFETCH(bool, unsafe);
        QCOMPARE(isUnsafeChar(char32_t(code)), unsafe);
    }

    void visibleEscapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << u"导购 G01 ￥5"_s << u"导购 G01 ￥5"_s;
        QTest::newRow("ESC p and GS V") << u"REF\x1bp0\x19\u00fa\x1dV1"_s << u"REF\\x1bp0\\x19\u00fa\\x1dV1"_s;
        QTest::newRow("clear screen") << u"\x1b[2J"_s << u"\\x1b[2J"_s;
        QTest::newRow("CSI, DEL") << u"a\u009b2Jb\x7f"_s << u"a\\x9b2Jb\\x7f"_s;
        QTest::newRow("line breaks") << u"a\r\nb\tc"_s << u"a\\r\\nb\\tc"_s;
        QTest::newRow("bidi override") << u"\u202e0001M"_s << u"\\u202e0001M"_s;
        QTest::newRow("tag") << u"x\U000e0001"_s << u"x\\U000e0001"_s;
        QTest::newRow("lone surrogate") << QString(QChar(0xd800)) + u"a"_s << u"\\ud800a"_s;
        QTest::newRow("emoji kept") << u"👗"_s << u"👗"_s;
        QTest::newRow("backslash kept") << u"C:\\x1b"_s << u"C:\\x1b"_s;
    }
    void visibleEscapes()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(visibleText(text), shown);
        QVERIFY(!hasUnsafeChars(visibleText(text)));
    }

    // A message quotes at most 40 characters of what was typed, escapes included, and says
    // with '…' that it left something out.
    void shownInputIsShort()
    {
        QCOMPARE(shownInput(u"  G42 "_s), u"G42"_s);
        QCOMPARE(shownInput(QString(40, u'x')), QString(40, u'x'));
        QCOMPARE(shownInput(QString(30000, u'x')), QString(40, u'x') + u'…');
        QCOMPARE(shownInput(u"\x1b[2J"_s), u"\\x1b[2J"_s);
        const QString escapes = shownInput(QString(100, QChar(0x1b)));
        QCOMPARE(escapes, u"\\x1b"_s.repeated(10) + u'…'); // 40 characters, no escape cut in half
        QCOMPARE(shownInput(u"abc"_s, 2), u"ab…"_s);
        QCOMPARE(shownInput(QString(QString(39, u'x') + u"👗"_s)), QString(39, u'x') + u'…'); // never half a character
        QCOMPARE(shownPath(u"/home/kasse/.local/share/guide-pos/till.db"_s), u"…ome/kasse/.local/share/guide-pos/till.db"_s);
        QCOMPARE(shownPath(u"/tmp/till.db"_s), u"/tmp/till.db"_s);
        QCOMPARE(shownPath(QString(QString(30000, u'x') + u"\x1b.db"_s)).size(), 41);
    }
};

QTEST_GUILESS_MAIN(TestSafeText)
#include "tst_safetext.moc"
