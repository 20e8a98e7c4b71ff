// A wedge scanner read from its own input device. The device here is a FIFO carrying the
// kernel's input_event records, as /dev/input/eventN would (no uinput on the test machine).
#include "evdevkeys.h"
#include "scanner/evdevscanner.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <linux/input.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace pos::scanner;
using namespace Qt::Literals::StringLiterals;

using pos::test::keyEvent;
using pos::test::press;

class TestEvdevScanner : public QObject
{
    Q_OBJECT

private slots:
    void keysBecomeCodes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"event-kbd"_s);
        QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
        EvdevScanner scanner(path);
        QSignalSpy scans(&scanner, &EvdevScanner::scanned);
        QSignalSpy lost(&scanner, &EvdevScanner::lost);
        QString error;
        QVERIFY2(scanner.open(&error), qPrintable(error));
        QVERIFY(!scanner.isGrabbed()); // a FIFO can't be grabbed; a real device can
        const int writer = ::open(QFile::encodeName(path).constData(), O_WRONLY);
        QVERIFY(writer >= 0);

        // "GUIDE:G03" then Enter: capitals and the colon with shift.
        QByteArray bytes;
        for (int code : {KEY_G, KEY_U, KEY_I, KEY_D, KEY_E})
            bytes += press(code, true);
        bytes += press(KEY_SEMICOLON, true) + press(KEY_G, true) + press(KEY_0) + press(KEY_3) + press(KEY_ENTER);
        // A code typed on the keypad, ended by the keypad's Enter, split mid-record.
        QByteArray keypad;
        for (int code : {KEY_KP6, KEY_KP9, KEY_KP0, KEY_KP1})
            keypad += press(code);
        keypad += press(KEY_KPENTER);
        bytes += keypad;
        const qsizetype half = bytes.size() - 7;
        QCOMPARE(::write(writer, bytes.constData(), size_t(half)), ssize_t(half));
        QTest::qWait(30);
        QCOMPARE(::write(writer, bytes.constData() + half, size_t(bytes.size() - half)), ssize_t(bytes.size() - half));
        QTRY_COMPARE(scans.size(), 2);
        QCOMPARE(scans[0][0].toString(), u"GUIDE:G03"_s);
        QCOMPARE(scans[1][0].toString(), u"6901"_s);

        ::close(writer); // unplugged
        QTRY_COMPARE(lost.size(), 1);
    }

    void keyMapAndBadDevices()
    {
        QCOMPARE(EvdevScanner::charFor(KEY_A, false), QChar(u'a'));
        QCOMPARE(EvdevScanner::charFor(KEY_A, true), QChar(u'A'));
        QCOMPARE(EvdevScanner::charFor(KEY_MINUS, false), QChar(u'-'));
        QVERIFY(EvdevScanner::charFor(KEY_F1, false).isNull());
        QString error;
        EvdevScanner missing(u"/dev/input/by-id/no-such-scanner-event-kbd"_s);
        QVERIFY(!missing.open(&error));
        QVERIFY(error.contains(u"no-such-scanner"_s));
        QCOMPARE(EvdevScanner::pathFromUri(u"evdev:/dev/input/event3"_s, nullptr).value_or(QString()), u"/dev/input/event3"_s);
        QVERIFY(!EvdevScanner::pathFromUri(u"/dev/input/event3"_s, &error));
    }
};

QTEST_GUILESS_MAIN(TestEvdevScanner)
#include "tst_evdevscanner.moc"
