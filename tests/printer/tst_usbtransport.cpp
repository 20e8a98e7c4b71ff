// The USB transport's device I/O through a stand-in at the libusb boundary: the same
// UsbTransport code the till runs, against the errors real printers give (busy, permission,
// short writes, stalls, unplugging, status answers).
#include "printer/printerstatus.h"
#include "printer/usbtransport.h"

#include <QTest>

#include <deque>

#include <libusb.h>

using namespace pos::printer;
using namespace Qt::Literals::StringLiterals;

namespace {

// What the fake does on one bulk write: its return code, and how many bytes it takes
// (-1: all of them).
struct WriteStep
{
    int rc = LIBUSB_SUCCESS;
    int takes = -1;
};

struct FakeDevice
{
    QList<UsbPrinterInfo> printers;
    int initRc = LIBUSB_SUCCESS;
    int openRc = LIBUSB_SUCCESS;
    std::deque<WriteStep> writes; // then everything succeeds
    QByteArray received;
    QList<quint8> clearedHalts;
    int clearHaltRc = LIBUSB_SUCCESS;
    QByteArray statusAnswers; // one byte per DLE EOT, in order
    UsbPrinterInfo opened;
    int opens = 0;
    int closes = 0;
};

class FakeUsbBackend final : public UsbBackend
{
public:
    explicit FakeUsbBackend(FakeDevice &device) : m_device(device) {}
    int init() override { return m_device.initRc; }
    QList<UsbPrinterInfo> printers() override { return m_device.printers; }
    int open(const UsbPrinterInfo &printer) override
    {
        m_device.opened = printer;
        m_device.opens += m_device.openRc == LIBUSB_SUCCESS;
        return m_device.openRc;
    }
    int bulkWrite(quint8, const QByteArray &bytes, int, int *written) override
    {
        WriteStep step;
        if (!m_device.writes.empty()) {
            step = m_device.writes.front();
            m_device.writes.pop_front();
        }
        *written = step.takes < 0 ? int(bytes.size()) : std::min<int>(step.takes, int(bytes.size()));
        m_device.received += bytes.left(*written);
        m_pendingQueries += int(bytes.left(*written).count("\x10\x04"));
        return step.rc;
    }
    int bulkRead(quint8, QByteArray &into, int, int) override
    {
        if (m_pendingQueries == 0 || m_device.statusAnswers.isEmpty())
            return LIBUSB_ERROR_TIMEOUT;
        --m_pendingQueries;
        into = m_device.statusAnswers.left(1);
        m_device.statusAnswers.remove(0, 1);
        return LIBUSB_SUCCESS;
    }
    int clearHalt(quint8 endpoint) override
    {
        m_device.clearedHalts.append(endpoint);
        return m_device.clearHaltRc;
    }
    void close() override { ++m_device.closes; }

private:
    FakeDevice &m_device;
    int m_pendingQueries = 0;
};

UsbPrinterInfo xprinter(const QString &serial = {}, quint8 bulkIn = 0x81)
{
    UsbPrinterInfo p;
    p.vendorId = 0x0416;
    p.productId = 0x5011;
    p.serialNumber = serial;
    p.bus = 1;
    p.address = 7;
    p.interfaceNumber = 0;
    p.interfaceClass = 7;
    p.bulkOut = 0x02;
    p.bulkIn = bulkIn;
    return p;
}

UsbTransport transportFor(const QString &uri, FakeDevice &device)
{
    return UsbTransport(*PrinterUri::parse(uri, nullptr), std::make_unique<FakeUsbBackend>(device), 100);
}

QByteArray job(int size)
{
    QByteArray bytes(size, '\0');
    for (int i = 0; i < size; ++i)
        bytes[i] = char('A' + i % 26);
    return bytes;
}

} // namespace

class TestUsbTransport : public QObject
{
    Q_OBJECT

private slots:
    void opensTheRightPrinter()
    {
        FakeDevice device;
        device.printers = {xprinter(u"A1"_s), xprinter(u"B2"_s)};
        device.printers[1].address = 9;
        UsbTransport t = transportFor(u"usb://0416:5011?serial=B2"_s, device);
        QVERIFY(t.open());
        QCOMPARE(device.opened.address, 9);
        QVERIFY(t.canRead());
        t.close();
        t.close();
        QCOMPARE(device.closes, 1); // released once

        UsbTransport any = transportFor(u"usb://auto"_s, device);
        QVERIFY(any.open());
        QCOMPARE(device.opened.serialNumber, u"A1"_s);
    }

    void openFailuresSayWhatToDo_data()
    {
        QTest::addColumn<int>("rc");
        QTest::addColumn<QString>("says");
        QTest::newRow("permission") << int(LIBUSB_ERROR_ACCESS) << u"udev rules"_s;
        QTest::newRow("busy") << int(LIBUSB_ERROR_BUSY) << u"busy"_s;
        QTest::newRow("gone") << int(LIBUSB_ERROR_NO_DEVICE) << u"not connected"_s;
        QTest::newRow("other") << int(LIBUSB_ERROR_NO_MEM) << u"USB error"_s;
    }

    void openFailuresSayWhatToDo()
    {
        QFETCH(int, rc);
        QFETCH(QString, says);
        FakeDevice device;
        device.printers = {xprinter()};
        device.openRc = rc;
        UsbTransport t = transportFor(u"usb://0416:5011"_s, device);
        QVERIFY(!t.open());
        QVERIFY2(t.errorString().contains(says), qPrintable(t.errorString()));
        QVERIFY(!t.write("x"));
        t.close();
        QCOMPARE(device.closes, 0); // nothing was claimed, nothing to release
    }

    void missingPrinterOrLibusb()
    {
        FakeDevice device;
        device.printers = {xprinter(u"A1"_s)};
        UsbTransport wrongSerial = transportFor(u"usb://0416:5011?serial=ZZ"_s, device);
        QVERIFY(!wrongSerial.open());
        QVERIFY(wrongSerial.errorString().contains(u"usb://0416:5011?serial=ZZ"_s));
        device.printers.clear();
        UsbTransport none = transportFor(u"usb://auto"_s, device);
        QVERIFY(!none.open());
        QVERIFY(none.errorString().contains(u"no USB receipt printer"_s));
        device.initRc = LIBUSB_ERROR_ACCESS;
        QVERIFY(!transportFor(u"usb://auto"_s, device).open());
    }

    void shortWritesAreResumedInOrder()
    {
        FakeDevice device;
        device.printers = {xprinter()};
        // The printer's buffer fills: it takes part, then part within a timeout, then the rest.
        device.writes = {{LIBUSB_SUCCESS, 1000}, {LIBUSB_ERROR_TIMEOUT, 700}, {LIBUSB_SUCCESS, 1}};
        UsbTransport t = transportFor(u"usb://0416:5011"_s, device);
        QVERIFY(t.open());
        const QByteArray bytes = job(10000);
        QVERIFY2(t.write(bytes), qPrintable(t.errorString()));
        QCOMPARE(device.received, bytes);
    }

    void aPrinterThatTakesNothingFails()
    {
        FakeDevice device;
        device.printers = {xprinter()};
        device.writes = {{LIBUSB_SUCCESS, 500}, {LIBUSB_ERROR_TIMEOUT, 0}};
        UsbTransport t = transportFor(u"usb://0416:5011"_s, device);
        QVERIFY(t.open());
        QVERIFY(!t.write(job(3000)));
        QVERIFY2(t.errorString().contains(u"stopped taking data"_s), qPrintable(t.errorString()));
        QCOMPARE(device.received.size(), 500);

        FakeDevice idle;
        idle.printers = {xprinter()};
        idle.writes = {{LIBUSB_SUCCESS, 0}}; // "success" with nothing taken is no progress either
        UsbTransport u = transportFor(u"usb://0416:5011"_s, idle);
        QVERIFY(u.open());
        QVERIFY(!u.write("abc"));
    }

    void aStallIsClearedOnce()
    {
        FakeDevice device;
        device.printers = {xprinter()};
        device.writes = {{LIBUSB_SUCCESS, 100}, {LIBUSB_ERROR_PIPE, 0}};
        UsbTransport t = transportFor(u"usb://0416:5011"_s, device);
        QVERIFY(t.open());
        const QByteArray bytes = job(2000);
        QVERIFY2(t.write(bytes), qPrintable(t.errorString()));
        QCOMPARE(device.received, bytes); // resumed after the stall, nothing lost or doubled
        QCOMPARE(device.clearedHalts, (QList<quint8>{0x02}));

        FakeDevice stuck;
        stuck.printers = {xprinter()};
        stuck.writes = {{LIBUSB_ERROR_PIPE, 0}, {LIBUSB_ERROR_PIPE, 0}};
        UsbTransport s = transportFor(u"usb://0416:5011"_s, stuck);
        QVERIFY(s.open());
        QVERIFY(!s.write(job(100)));
        QVERIFY2(s.errorString().contains(u"stalled"_s), qPrintable(s.errorString()));
        QCOMPARE(stuck.clearedHalts.size(), 1);
    }

    void unpluggedMidJob()
    {
        FakeDevice device;
        device.printers = {xprinter()};
        device.writes = {{LIBUSB_SUCCESS, -1}, {LIBUSB_ERROR_NO_DEVICE, 0}};
        UsbTransport t = transportFor(u"usb://0416:5011"_s, device);
        QVERIFY(t.open());
        QVERIFY(!t.write(job(9000)));
        QVERIFY(t.errorString().contains(u"not connected"_s));
        QCOMPARE(device.received.size(), 4096); // the first piece went through
    }

    void statusIsReadThroughTheInEndpoint()
    {
        FakeDevice device;
        device.printers = {xprinter()};
        device.statusAnswers = QByteArray("\x12\x12\x12\x7e", 4); // paper out at DLE EOT 4
        UsbTransport t = transportFor(u"usb://0416:5011"_s, device);
        QVERIFY(t.open());
        const PrinterStatus status = queryStatus(t, 50);
        QVERIFY(status.answered);
        QVERIFY(status.paperOut);
        QVERIFY(!status.canPrint());

        // A printer without an IN endpoint can't answer: its status is unknown, not "ok".
        FakeDevice mute;
        mute.printers = {xprinter({}, 0)};
        UsbTransport m = transportFor(u"usb://0416:5011"_s, mute);
        QVERIFY(m.open());
        QVERIFY(!m.canRead());
        QVERIFY(!queryStatus(m, 50).answered);
    }
};

QTEST_GUILESS_MAIN(TestUsbTransport)
#include "tst_usbtransport.moc"
