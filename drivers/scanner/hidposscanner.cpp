#include "hidposscanner.h"

#include "scannertext.h"

#include "text/safetext.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSocketNotifier>

#include <fcntl.h>
#include <linux/hidraw.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pos::scanner {

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcHidPos, "pos.scanner.hidpos")

namespace {

// The device's own descriptor through the hidraw ioctl; empty when the node is not hidraw.
QByteArray descriptorByIoctl(int fd)
{
    int size = 0;
    if (::ioctl(fd, HIDIOCGRDESCSIZE, &size) < 0 || size <= 0 || size > HID_MAX_DESCRIPTOR_SIZE)
        return {};
    hidraw_report_descriptor descriptor{};
    descriptor.size = quint32(size);
    if (::ioctl(fd, HIDIOCGRDESC, &descriptor) < 0)
        return {};
    return QByteArray(reinterpret_cast<const char *>(descriptor.value), size);
}

// /sys/class/hidraw/hidrawN/device/{report_descriptor,uevent}
HidrawScanner fromSysfs(const HidrawPaths &paths, const QString &entry)
{
    HidrawScanner device;
    device.node = paths.devDir + u'/' + entry;
    const QString base = paths.sysClassDir + u'/' + entry + u"/device/"_s;
    if (QFile f(base + u"report_descriptor"_s); f.open(QIODevice::ReadOnly))
        device.descriptor = f.readAll();
    if (QFile f(base + u"uevent"_s); f.open(QIODevice::ReadOnly)) {
        // HID_ID=0003:00000C2E:00000B87 (bus:vendor:product), HID_NAME=…
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.startsWith("HID_NAME="))
                device.name = QString::fromUtf8(line.mid(9)).trimmed();
            if (line.startsWith("HID_ID=")) {
                const QList<QByteArray> ids = line.mid(7).split(':');
                if (ids.size() == 3) {
                    device.vendorId = quint16(ids[1].toUInt(nullptr, 16));
                    device.productId = quint16(ids[2].toUInt(nullptr, 16));
                }
            }
        }
    }
    return device;
}

} // namespace

std::optional<HidPosScannerUri> HidPosScannerUri::parse(const QString &text, QString *error)
{
    HidPosScannerUri uri;
    const QString rest = text.startsWith(u"hidpos:"_s) ? text.mid(7) : QString();
    static const QRegularExpression vidPid(u"^([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4})$"_s);
    if (rest == u"auto"_s) {
        uri.match = Match::Auto;
    } else if (const auto m = vidPid.match(rest); m.hasMatch()) {
        uri.match = Match::VidPid;
        uri.vendorId = quint16(m.captured(1).toUInt(nullptr, 16));
        uri.productId = quint16(m.captured(2).toUInt(nullptr, 16));
    } else if (rest.startsWith(u'/')) {
        uri.match = Match::Path;
        uri.path = rest;
    } else {
        if (error)
            *error = QCoreApplication::translate("pos::scanner::HidPosScanner", "A HID POS scanner is hidpos:auto, hidpos:VID:PID (hex, e.g. hidpos:0c2e:0b87) "
                                                                  "or hidpos:/dev/hidrawN; not \"%1\".")
                         .arg(shownInput(text));
        return std::nullopt;
    }
    return uri;
}

QString HidrawScanner::uri() const
{
    return u"hidpos:%1:%2"_s.arg(vendorId, 4, 16, QChar(u'0')).arg(productId, 4, 16, QChar(u'0'));
}

HidPosScanner::HidPosScanner(HidPosScannerUri uri, HidrawPaths paths, QObject *parent)
    : ScannerDevice(parent), m_uri(std::move(uri)), m_paths(std::move(paths))
{
    m_reconnect.setInterval(reconnectMs);
    connect(&m_reconnect, &QTimer::timeout, this, &HidPosScanner::tryOpen);
    // An unplugged hidraw node disappears; a read error may come only with the next scan.
    m_presence.setInterval(reconnectMs);
    connect(&m_presence, &QTimer::timeout, this, [this] {
        if (isConnected() && !QFileInfo::exists(m_device.node))
            lost(tr("The scanner at %1 was unplugged.").arg(m_device.node));
    });
}

HidPosScanner::~HidPosScanner()
{
    stop();
}

QList<HidrawScanner> HidPosScanner::discover(const HidrawPaths &paths)
{
    QList<HidrawScanner> found;
    const QStringList entries = QDir(paths.sysClassDir).entryList({u"hidraw*"_s}, QDir::Dirs | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &entry : entries) {
        HidrawScanner device = fromSysfs(paths, entry);
        if (HidPosLayout::fromDescriptor(device.descriptor))
            found.append(device);
    }
    return found;
}

std::optional<HidrawScanner> HidPosScanner::resolve(QString *why) const
{
    if (m_uri.match == HidPosScannerUri::Match::Path) {
        // Its sysfs entry (for the descriptor when the ioctl can't give it), if there is one.
        const QString entry = QFileInfo(QFileInfo(m_uri.path).canonicalFilePath()).fileName();
        HidrawScanner device = fromSysfs(m_paths, entry.isEmpty() ? QFileInfo(m_uri.path).fileName() : entry);
        device.node = m_uri.path;
        return device;
    }
    for (const HidrawScanner &device : discover(m_paths))
        if (m_uri.match == HidPosScannerUri::Match::Auto
            || (device.vendorId == m_uri.vendorId && device.productId == m_uri.productId))
            return device;
    if (why)
        *why = m_uri.match == HidPosScannerUri::Match::Auto
                   ? tr("no HID POS scanner is plugged in (set the scanner to its USB HID POS mode).")
                   : tr("no HID POS scanner %1:%2 is plugged in.")
                         .arg(m_uri.vendorId, 4, 16, QChar(u'0')).arg(m_uri.productId, 4, 16, QChar(u'0'));
    return std::nullopt;
}

void HidPosScanner::start()
{
    m_running = true;
    tryOpen();
}

void HidPosScanner::stop()
{
    m_running = false;
    m_reconnect.stop();
    closeDevice();
}

void HidPosScanner::closeDevice()
{
    m_presence.stop();
    delete m_notifier;
    m_notifier = nullptr;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_stream.clear();
    m_code.clear();
}

void HidPosScanner::tryOpen()
{
    if (!m_running || isConnected())
        return;
    auto fail = [this](const QString &why) {
        closeDevice();
        // Say it once, not every second while the scanner is away.
        if (why != m_lastFailure) {
            m_lastFailure = why;
            emit connectedChanged(false, why);
            setState(disconnectedText(why));
        }
        m_reconnect.start();
    };
    QString why;
    const auto device = resolve(&why);
    if (!device)
        return fail(why);
    m_fd = ::open(QFile::encodeName(device->node).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (m_fd < 0)
        return fail(tr("cannot read %1: %2 (the till's user needs access to it: see the udev rules).")
                        .arg(device->node, QString::fromLocal8Bit(std::strerror(errno))));
    m_device = *device;
    if (const QByteArray own = descriptorByIoctl(m_fd); !own.isEmpty())
        m_device.descriptor = own;
    QString notPos;
    m_layout = HidPosLayout::fromDescriptor(m_device.descriptor, &notPos);
    if (!m_layout)
        return fail(m_device.descriptor.isEmpty() ? tr("cannot read the report descriptor of %1.").arg(device->node)
                                                  : u"%1: %2"_s.arg(device->node, notPos));
    m_reconnect.stop();
    m_lastFailure.clear();
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &HidPosScanner::readReports);
    m_presence.start();
    qCInfo(lcHidPos) << "reading" << m_device.node << m_device.name;
    emit connectedChanged(true, {});
    setState(connectedText());
}

void HidPosScanner::lost(const QString &why)
{
    closeDevice();
    m_lastFailure = why;
    emit connectedChanged(false, why);
    setState(disconnectedText(why));
    if (m_running)
        m_reconnect.start();
}

void HidPosScanner::readReports()
{
    char buffer[4096];
    const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        lost(n == 0 ? tr("The scanner at %1 is gone.").arg(m_device.node)
                    : tr("The scanner at %1 stopped: %2").arg(m_device.node, QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    if (n < 0)
        return;
    m_stream.append(buffer, n);
    int dropped = 0;
    for (const QByteArray &report : m_layout->takeReports(m_stream, &dropped))
        if (const auto chunk = m_layout->read(report))
            take(*chunk);
    if (dropped > 0)
        emit discarded(tr("%1 bytes the scanner sent were not a report it declares; dropped.").arg(dropped));
}

void HidPosScanner::take(const HidPosChunk &chunk)
{
    if (m_code.isEmpty())
        m_symbology = chunk.symbology;
    m_code += chunk.data;
    if (m_code.size() > maxCodeBytes) {
        emit discarded(tr("%1 bytes of one code from the scanner were dropped: too long for a code.").arg(m_code.size()));
        m_code.clear();
        return;
    }
    if (chunk.continued)
        return; // more of this code follows in the next report
    QString text = textFromScannerBytes(std::exchange(m_code, {}));
    if (text.isEmpty())
        return;
    // The AIM id (]E0, ]C1, ]Q3…) tells the parser, among other things, that a code is GS1.
    static const QRegularExpression aim(u"^\\][A-Za-z][0-9A-Za-z]$"_s);
    const QString symbology = QString::fromLatin1(m_symbology);
    if (aim.match(symbology).hasMatch() && !text.startsWith(u']'))
        text.prepend(symbology);
    emit scanned(text);
}

} // namespace pos::scanner
