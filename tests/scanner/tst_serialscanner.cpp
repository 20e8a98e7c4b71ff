// A serial scanner through a pseudo-terminal (openpty): the till's side opens the terminal
// by a stable name, as it would /dev/ttyACM0; the test plays the scanner, then unplugs it and
// plugs it back in.
#include "scanner/serialscanner.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <pty.h>
#include <termios.h>
#include <unistd.h>

using namespace pos::scanner;
using namespace Qt::Literals::StringLiterals;

namespace {

// The scanner's end of a pseudo-terminal, reachable at a fixed path (a symlink to the slave).
class FakeSerialScanner
{
public:
    explicit FakeSerialScanner(QString link) : m_link(std::move(link)) { plugIn(); }
    ~FakeSerialScanner() { unplug(); }

    void plugIn()
    {
        int slave = -1;
        char name[256] = {};
        QVERIFY(openpty(&m_master, &slave, name, nullptr, nullptr) == 0);
        termios raw{};
        tcgetattr(slave, &raw);
        cfmakeraw(&raw);
        tcsetattr(slave, TCSANOW, &raw);
        ::close(slave); // the till opens it by name
        QFile::remove(m_link);
        QVERIFY(QFile::link(QString::fromLocal8Bit(name), m_link));
    }
    void unplug()
    {
        if (m_master >= 0)
            ::close(m_master);
        m_master = -1;
        QFile::remove(m_link);
    }
    void send(const QByteArray &bytes) { QCOMPARE(::write(m_master, bytes.constData(), size_t(bytes.size())), ssize_t(bytes.size())); }

private:
    QString m_link;
    int m_master = -1;
};

} // namespace

class TestSerialScanner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void uris_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("baud");
        QTest::newRow("default baud") << u"serial:/dev/ttyACM0"_s << u"/dev/ttyACM0"_s << 9600;
        QTest::newRow("baud") << u"serial:/dev/ttyUSB1?baud=115200"_s << u"/dev/ttyUSB1"_s << 115200;
        QTest::newRow("not serial") << u"/dev/ttyACM0"_s << QString() << 0;
        QTest::newRow("no path") << u"serial:"_s << QString() << 0;
        QTest::newRow("bad baud") << u"serial:/dev/ttyS0?baud=fast"_s << QString() << 0;
    }

    void uris()
    {
        QFETCH(QString, text);
        QFETCH(QString, path);
        QFETCH(int, baud);
        QString error;
        const auto uri = SerialScannerUri::parse(text, &error);
        QCOMPARE(uri.has_value(), !path.isEmpty());
        if (!uri) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QCOMPARE(uri->path, path);
        QCOMPARE(uri->baud, baud);
    }

    void codesLinesAndGarbage()
    {
        const QString link = m_dir.filePath(u"ttyScanner"_s);
        FakeSerialScanner device(link);
        SerialScanner scanner({link, 9600});
        QSignalSpy scans(&scanner, &SerialScanner::scanned);
        QSignalSpy dropped(&scanner, &SerialScanner::discarded);
        scanner.start();
        QVERIFY(scanner.isConnected());

        device.send("6901234567892\r\n");          // CR LF
        device.send("AC01");                       // a code in two pieces…
        QTest::qWait(20);
        device.send("01\r");                       // …then CR alone
        device.send("MEMBER:M0001\n");             // LF alone
        device.send("\xe5\xaf\xbc\xe8\xb4\xad G01\n"); // UTF-8 Chinese
        device.send("\xb5\xbc\xb9\xba G02\n");      // the same words in GB18030
        QTRY_COMPARE(scans.size(), 5);
        QCOMPARE(scans[0][0].toString(), u"6901234567892"_s);
        QCOMPARE(scans[1][0].toString(), u"AC0101"_s);
        QCOMPARE(scans[2][0].toString(), u"MEMBER:M0001"_s);
        QCOMPARE(scans[3][0].toString(), u"导购 G01"_s);
        QCOMPARE(scans[4][0].toString(), u"导购 G02"_s);

        // No terminator at all: the code is complete when the line goes quiet.
        device.send("96385074");
        QTRY_COMPARE(scans.size(), 6);
        QCOMPARE(scans[5][0].toString(), u"96385074"_s);

        // Noise on the line: dropped with a reason, and the next code still comes through.
        device.send(QByteArray(SerialScanner::maxLineBytes + 100, '\x07'));
        QTRY_COMPARE(dropped.size(), 1);
        device.send("\r\n\r\n12345670\r\n");
        QTRY_COMPARE(scans.size(), 7);
        QCOMPARE(scans[6][0].toString(), u"12345670"_s);
    }

    void unplugAndReplug()
    {
        const QString link = m_dir.filePath(u"ttyReplug"_s);
        FakeSerialScanner device(link);
        SerialScanner scanner({link, 9600});
        QSignalSpy scans(&scanner, &SerialScanner::scanned);
        QSignalSpy connection(&scanner, &SerialScanner::connectedChanged);
        scanner.start();
        QVERIFY(scanner.isConnected());
        device.send("6901234567892\n");
        QTRY_COMPARE(scans.size(), 1);

        device.unplug();
        QTRY_VERIFY_WITH_TIMEOUT(!scanner.isConnected(), 5000);
        QVERIFY(!connection.last()[0].toBool());
        QTest::qWait(SerialScanner::reconnectMs + 200); // it keeps trying while nothing is there
        QVERIFY(!scanner.isConnected());

        device.plugIn();
        QTRY_VERIFY_WITH_TIMEOUT(scanner.isConnected(), 5000);
        QVERIFY(connection.last()[0].toBool());
        device.send("96385074\n");
        QTRY_COMPARE(scans.size(), 2);
        QCOMPARE(scans[1][0].toString(), u"96385074"_s);

        // A scanner that is not there when the till starts is picked up when it arrives.
        SerialScanner late({m_dir.filePath(u"ttyLate"_s), 9600});
        QSignalSpy lateScans(&late, &SerialScanner::scanned);
        late.start();
        QVERIFY(!late.isConnected());
        FakeSerialScanner arriving(m_dir.filePath(u"ttyLate"_s));
        QTRY_VERIFY_WITH_TIMEOUT(late.isConnected(), 5000);
        arriving.send("M0002\r\n");
        QTRY_COMPARE(lateScans.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSerialScanner)
#include "tst_serialscanner.moc"
