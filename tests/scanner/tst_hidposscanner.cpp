// HID POS scanners (usage page 0x8C) through hidraw. The report layout is read from each
// device's descriptor; the device tree is a temporary /dev + /sys/class/hidraw of our own,
// with FIFOs standing in for the hidraw nodes (this machine has no uhid to make real ones).
#include "scanner/barcodeparser.h"
#include "scanner/hidpos.h"
#include "scanner/hidposscanner.h"
#include "scanner/scannerdevice.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace pos::scanner;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray bytes(std::initializer_list<int> values)
{
    QByteArray out;
    for (int v : values)
        out.append(char(v));
    return out;
}

// Laid out as the HID POS usage tables describe a scanner that adds a byte count and two
// vendor bytes (Honeywell's layout): report 2 = count, AIM id (3), data (56), vendor (2),
// flags (bit 0: more follows); report 3 = a status byte; report 4 = an output (beeps).
const QByteArray countedDescriptor = bytes({
    0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01,             // Barcode Scanner page, Bar Code Scanner, Application
    0x09, 0x12, 0xA1, 0x02,                         //   Scanned Data Report, Logical
    0x85, 0x02,                                     //     Report ID 2
    0x15, 0x00, 0x26, 0xFF, 0x00, 0x75, 0x08,       //     0..255, 8 bits
    0x95, 0x01, 0x05, 0x01, 0x09, 0x3B, 0x81, 0x02, //     1 × Generic Desktop Byte Count, Input
    0x95, 0x03, 0x05, 0x8C, 0x09, 0xFB, 0x09, 0xFC, 0x09, 0xFD, 0x81, 0x02, // Symbology Identifier 1-3
    0x95, 0x38, 0x09, 0xFE, 0x82, 0x02, 0x01,       //     56 × Decoded Data, Input (buffered bytes)
    0x06, 0x66, 0xFF, 0x95, 0x02, 0x09, 0x04, 0x09, 0x00, 0x81, 0x02, // vendor page, 2 bytes
    0x05, 0x8C, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x09, 0xFF, 0x81, 0x02, // 8 × Decode Data Continued
    0xC0,                                           //   End
    0x09, 0x13, 0xA1, 0x02, 0x85, 0x03,             //   another input report, id 3
    0x75, 0x08, 0x95, 0x01, 0x26, 0xFF, 0x00, 0x09, 0x17, 0x81, 0x02, 0xC0,
    0x09, 0x14, 0xA1, 0x02, 0x85, 0x04,             //   Trigger Report, id 4: an output
    0x75, 0x01, 0x95, 0x08, 0x25, 0x01, 0x09, 0x5F, 0x91, 0x02, 0xC0,
    0xC0,
});

// The plainest layout: no report ids, no byte count; AIM id, 56 bytes of data padded with
// NULs, one flag bit and 7 bits of padding.
const QByteArray plainDescriptor = bytes({
    0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0x09, 0x12, 0xA1, 0x02,
    0x15, 0x00, 0x26, 0xFF, 0x00, 0x75, 0x08, 0x95, 0x01,
    0x09, 0xFB, 0x81, 0x02, 0x09, 0xFC, 0x81, 0x02, 0x09, 0xFD, 0x81, 0x02,
    0x95, 0x38, 0x09, 0xFE, 0x82, 0x02, 0x01,
    0x75, 0x01, 0x95, 0x01, 0x25, 0x01, 0x09, 0xFF, 0x81, 0x02,
    0x75, 0x07, 0x81, 0x03,                         // padding (constant)
    0xC0, 0xC0,
});

// A boot keyboard: not a HID POS scanner.
const QByteArray keyboardDescriptor = bytes({
    0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00, 0x25, 0x01,
    0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x01,
    0x95, 0x06, 0x75, 0x08, 0x25, 0x65, 0x19, 0x00, 0x29, 0x65, 0x81, 0x00, 0xC0,
});

QByteArray countedReport(const QByteArray &aim, const QByteArray &data, bool more)
{
    QByteArray r = bytes({0x02, int(data.size())}) + aim + data.leftJustified(56, '\0') + bytes({0x31, 0x00, more ? 1 : 0});
    return r;
}

QByteArray plainReport(const QByteArray &aim, const QByteArray &data, bool more)
{
    return aim + data.leftJustified(56, '\0') + bytes({more ? 1 : 0});
}

// Reports for one code, 56 bytes each, split where the data falls (even inside a character).
QByteArray countedReports(const QByteArray &aim, const QByteArray &code)
{
    QByteArray out;
    for (qsizetype at = 0; at < code.size(); at += 56)
        out += countedReport(aim, code.mid(at, 56), at + 56 < code.size());
    return out;
}

// A hidraw device in our own tree: its sysfs entry and a FIFO for its node.
struct FakeHidraw
{
    QString node;
    int writer = -1;
    FakeHidraw(const QDir &root, const QString &name, const QByteArray &descriptor, const QString &hidId, const QString &hidName)
    {
        QDir(root).mkpath(u"sys/"_s + name + u"/device"_s);
        QDir(root).mkpath(u"dev"_s);
        QFile d(root.filePath(u"sys/"_s + name + u"/device/report_descriptor"_s));
        d.open(QIODevice::WriteOnly);
        d.write(descriptor);
        QFile u(root.filePath(u"sys/"_s + name + u"/device/uevent"_s));
        u.open(QIODevice::WriteOnly);
        u.write(u"DRIVER=hid-generic\nHID_ID=%1\nHID_NAME=%2\n"_s.arg(hidId, hidName).toUtf8());
        node = root.filePath(u"dev/"_s + name);
        ::mkfifo(QFile::encodeName(node).constData(), 0600);
        writer = ::open(QFile::encodeName(node).constData(), O_RDWR | O_NONBLOCK); // never blocks
    }
    void send(const QByteArray &data) const { QCOMPARE(::write(writer, data.constData(), size_t(data.size())), ssize_t(data.size())); }
    void unplug(const QDir &root, const QString &name)
    {
        ::close(writer);
        writer = -1;
        QFile::remove(node);
        QDir(root.filePath(u"sys/"_s + name)).removeRecursively();
    }
    ~FakeHidraw()
    {
        if (writer >= 0)
            ::close(writer);
    }
};

} // namespace

class TestHidPosScanner : public QObject
{
    Q_OBJECT

private slots:
    void layoutFromTheDescriptor()
    {
        const auto counted = HidPosLayout::fromDescriptor(countedDescriptor);
        QVERIFY(counted);
        QVERIFY(counted->numbered());
        QCOMPARE(counted->inputReportBytes().value(2), 1 + 1 + 3 + 56 + 2 + 1);
        QCOMPARE(counted->inputReportBytes().value(3), 2);
        QVERIFY(!counted->inputReportBytes().contains(4)); // an output report: never read

        const auto chunk = counted->read(countedReport("]E0", "6951593000011", false));
        QVERIFY(chunk);
        QCOMPARE(chunk->data, QByteArray("6951593000011"));
        QCOMPARE(chunk->symbology, QByteArray("]E0"));
        QVERIFY(!chunk->continued);
        // The byte count, not NUL-stripping, decides the length: a code may end in NUL bytes.
        QCOMPARE(counted->read(countedReport("]Q1", QByteArray("AB\0\0", 4), true))->data, QByteArray("AB\0\0", 4));
        QVERIFY(counted->read(countedReport("]Q1", "x", true))->continued);
        QVERIFY(!counted->read(bytes({0x03, 0x01}))); // the status report is not a scan
        QVERIFY(!counted->read(countedReport("]E0", "1", false).left(20))); // short: not whole

        const auto plain = HidPosLayout::fromDescriptor(plainDescriptor);
        QVERIFY(plain);
        QVERIFY(!plain->numbered());
        QCOMPARE(plain->inputReportBytes().value(0), 3 + 56 + 1);
        const auto p = plain->read(plainReport("]C1", "0106901234567892", true));
        QCOMPARE(p->data, QByteArray("0106901234567892"));
        QCOMPARE(p->symbology, QByteArray("]C1"));
        QVERIFY(p->continued);
    }

    void otherDevicesAreRefused()
    {
        QString why;
        QVERIFY(!HidPosLayout::fromDescriptor(keyboardDescriptor, &why));
        QVERIFY2(why.contains(u"HID POS"_s), qPrintable(why));
        QVERIFY(!HidPosLayout::fromDescriptor(countedDescriptor.left(16), &why)); // cut inside Logical Maximum
        QVERIFY2(why.contains(u"ends inside"_s), qPrintable(why));
        QVERIFY(!HidPosLayout::fromDescriptor({}, &why));
        // 0xFF bytes: every item claims 4 bytes of data; nothing declares decoded data.
        QVERIFY(!HidPosLayout::fromDescriptor(QByteArray(64, char(0xFF)), &why));
    }

    void streamSplitsIntoReports()
    {
        const auto layout = HidPosLayout::fromDescriptor(countedDescriptor);
        QByteArray stream = countedReport("]E0", "1", false) + bytes({0x03, 0x07}) + countedReport("]E0", "2", false).left(10);
        int dropped = 0;
        QList<QByteArray> reports = layout->takeReports(stream, &dropped);
        QCOMPARE(reports.size(), 2);
        QCOMPARE(stream.size(), 10); // the start of the third waits for its rest
        QCOMPARE(dropped, 0);
        stream = bytes({0x09, 1, 2, 3}); // an id the descriptor doesn't declare
        QVERIFY(layout->takeReports(stream, &dropped).isEmpty());
        QCOMPARE(dropped, 4);
        QVERIFY(stream.isEmpty());
    }

    void addresses_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<bool>("valid");
        QTest::newRow("auto") << u"hidpos:auto"_s << true;
        QTest::newRow("vid:pid") << u"hidpos:0c2e:0B87"_s << true;
        QTest::newRow("node") << u"hidpos:/dev/hidraw3"_s << true;
        QTest::newRow("short id") << u"hidpos:c2e:b87"_s << false;
        QTest::newRow("empty") << u"hidpos:"_s << false;
        QTest::newRow("other scheme") << u"hid:/dev/hidraw0"_s << false;
    }
    void addresses()
    {
        QFETCH(QString, uri);
        QFETCH(bool, valid);
        QString error;
        QCOMPARE(bool(HidPosScannerUri::parse(uri, &error)), valid);
        QCOMPARE(ScannerDevice::checkUri(uri, &error), valid);
        if (!valid)
            QVERIFY(!error.isEmpty());
    }

    // Found by its ids among other HID devices, codes of every kind, a code longer than one
    // report (split inside a Chinese character), unplugged and found again under another node.
    void scannerReadsCodesAndComesBack()
    {
        QTemporaryDir tmp;
        const QDir root(tmp.path());
        const HidrawPaths paths{root.filePath(u"dev"_s), root.filePath(u"sys"_s)};
        FakeHidraw keyboard(root, u"hidraw0"_s, keyboardDescriptor, u"0003:0000046D:0000C31C"_s, u"Logitech USB Keyboard"_s);
        FakeHidraw scanner(root, u"hidraw1"_s, countedDescriptor, u"0003:00000C2E:00000B87"_s, u"Honeywell 1900"_s);

        const QList<HidrawScanner> found = HidPosScanner::discover(paths);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].node, scanner.node);
        QCOMPARE(found[0].name, u"Honeywell 1900"_s);
        QCOMPARE(found[0].uri(), u"hidpos:0c2e:0b87"_s);

        HidPosScanner device(*HidPosScannerUri::parse(u"hidpos:0c2e:0b87"_s, nullptr), paths);
        QSignalSpy scans(&device, &ScannerDevice::scanned);
        QSignalSpy connection(&device, &HidPosScanner::connectedChanged);
        QSignalSpy dropped(&device, &HidPosScanner::discarded);
        device.start();
        QVERIFY(device.isConnected());
        QCOMPARE(device.state(), u"Scanner connected"_s);

        const QByteArray chinese = u"MEMBER:M0001 会员卡 王小丫 — 西湖店 2026 年会员日 专属导购 阿杰 欢迎光临"_s.toUtf8();
        QVERIFY(chinese.size() > 56 && chinese.size() < 112);
        scanner.send(countedReport("]E0", "6951593000011", false) + bytes({0x03, 0x01}));
        scanner.send(countedReports("]Q1", chinese));
        scanner.send(countedReport("]d2", "0106901234567892\x1d" "10LOT7", false));
        QTRY_COMPARE(scans.size(), 3);
        QCOMPARE(scans[0][0].toString(), u"]E06951593000011"_s);
        QCOMPARE(scans[1][0].toString(), u"]Q1"_s + QString::fromUtf8(chinese));
        QCOMPARE(scans[2][0].toString(), u"]d20106901234567892\x1d" "10LOT7"_s);
        // What the parser makes of them: the AIM id says the DataMatrix is GS1.
        const BarcodeParser parser;
        QCOMPARE(parser.parse(scans[0][0].toString()).kind, ScanCode::Kind::Product);
        const ScanCode gs1 = parser.parse(scans[2][0].toString());
        QCOMPARE(gs1.kind, ScanCode::Kind::Gs1);
        QCOMPARE(gs1.lookupCode, u"6901234567892"_s);
        QCOMPARE(dropped.size(), 0);

        scanner.send(bytes({0x09, 0x55, 0x55})); // noise
        QTRY_COMPARE(dropped.size(), 1);

        scanner.unplug(root, u"hidraw1"_s);
        QTRY_VERIFY(!device.isConnected());
        QVERIFY2(device.state().startsWith(u"Scanner not connected"_s), qPrintable(device.state()));

        // Plugged back in, it comes up under another number.
        FakeHidraw again(root, u"hidraw4"_s, countedDescriptor, u"0003:00000C2E:00000B87"_s, u"Honeywell 1900"_s);
        QTRY_VERIFY_WITH_TIMEOUT(device.isConnected(), 5000);
        QCOMPARE(device.node(), again.node);
        again.send(countedReport("]E0", "6901234567892", false));
        QTRY_COMPARE(scans.size(), 4);
        QCOMPARE(scans[3][0].toString(), u"]E06901234567892"_s);
    }

    void plainLayoutAndNodeAddress()
    {
        QTemporaryDir tmp;
        const QDir root(tmp.path());
        const HidrawPaths paths{root.filePath(u"dev"_s), root.filePath(u"sys"_s)};
        FakeHidraw scanner(root, u"hidraw2"_s, plainDescriptor, u"0003:000005E0:00001900"_s, u"Zebra DS2208"_s);
        HidPosScanner device(*HidPosScannerUri::parse(u"hidpos:"_s + scanner.node, nullptr), paths);
        QSignalSpy scans(&device, &ScannerDevice::scanned);
        device.start();
        QVERIFY(device.isConnected());
        // A report split across two reads, and a code in two reports.
        const QByteArray first = plainReport("]E0", "69515930", true), second = plainReport("]E0", "00011", false);
        scanner.send(first.left(30));
        QTest::qWait(20);
        scanner.send(first.mid(30) + second);
        QTRY_COMPARE(scans.size(), 1);
        QCOMPARE(scans[0][0].toString(), u"]E06951593000011"_s);
    }

    void absentScannerIsSaidOnceAndPickedUpLater()
    {
        QTemporaryDir tmp;
        const QDir root(tmp.path());
        const HidrawPaths paths{root.filePath(u"dev"_s), root.filePath(u"sys"_s)};
        FakeHidraw keyboard(root, u"hidraw0"_s, keyboardDescriptor, u"0003:0000046D:0000C31C"_s, u"Keyboard"_s);
        HidPosScanner device(*HidPosScannerUri::parse(u"hidpos:auto"_s, nullptr), paths);
        QSignalSpy connection(&device, &HidPosScanner::connectedChanged);
        device.start();
        QVERIFY(!device.isConnected());
        QCOMPARE(connection.size(), 1);
        QVERIFY2(device.state().contains(u"HID POS"_s), qPrintable(device.state()));
        QTest::qWait(HidPosScanner::reconnectMs * 2 + 200);
        QCOMPARE(connection.size(), 1); // not repeated every second
        FakeHidraw scanner(root, u"hidraw7"_s, plainDescriptor, u"0003:00001EAB:00001D03"_s, u"Newland"_s);
        QTRY_VERIFY_WITH_TIMEOUT(device.isConnected(), 5000);
    }

    void unreadableNodeSaysWhy()
    {
        HidPosScanner device(*HidPosScannerUri::parse(u"hidpos:/dev/no-such-hidraw9"_s, nullptr));
        device.start();
        QVERIFY(!device.isConnected());
        QVERIFY2(device.state().contains(u"/dev/no-such-hidraw9"_s), qPrintable(device.state()));
        device.stop();
    }
};

QTEST_GUILESS_MAIN(TestHidPosScanner)
#include "tst_hidposscanner.moc"
