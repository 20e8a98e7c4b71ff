#pragma once

#include "hidpos.h"
#include "scannerdevice.h"

#include <QByteArray>
#include <QList>
#include <QTimer>

#include <optional>

class QSocketNotifier;

namespace pos::scanner {

// hidpos:auto (the first HID POS scanner found), hidpos:VID:PID in hex (that model, wherever
// it is plugged in: hidraw numbers change between plugs) or hidpos:/dev/hidrawN.
struct HidPosScannerUri
{
    enum class Match : quint8 { Auto, VidPid, Path };
    Match match = Match::Auto;
    quint16 vendorId = 0;
    quint16 productId = 0;
    QString path;

    static std::optional<HidPosScannerUri> parse(const QString &text, QString *error);
};

// A hidraw device that is a HID POS barcode scanner.
struct HidrawScanner
{
    QString node; // /dev/hidrawN
    QString name; // as the device calls itself
    quint16 vendorId = 0;
    quint16 productId = 0;
    QByteArray descriptor;
    QString uri() const; // hidpos:VID:PID
};

// Where the kernel shows hidraw devices; tests lay out a tree of their own.
struct HidrawPaths
{
    QString devDir = QStringLiteral("/dev");
    QString sysClassDir = QStringLiteral("/sys/class/hidraw");
};

// A scanner in HID POS mode (usage page 0x8C) read through hidraw: whole codes with their
// AIM symbology id, no keyboard at all, so no focus and no input method are involved. The
// report layout comes from the device's own descriptor. Unplugged, it is looked for again
// every second and reopened when it is back.
class HidPosScanner : public ScannerDevice
{
    Q_OBJECT
public:
    explicit HidPosScanner(HidPosScannerUri uri, HidrawPaths paths = {}, QObject *parent = nullptr);
    ~HidPosScanner() override;

    // The HID POS scanners plugged in now (descriptors read from sysfs, which needs no access
    // to the device itself).
    static QList<HidrawScanner> discover(const HidrawPaths &paths = {});

    void start() override;
    void stop();
    bool isConnected() const { return m_fd >= 0; }
    QString node() const { return m_device.node; }

    static constexpr int reconnectMs = 1000;
    static constexpr int maxCodeBytes = 4096;

signals:
    void connectedChanged(bool connected, const QString &why);
    // Reports that could not be part of a code: counted, dropped.
    void discarded(const QString &why);

private:
    std::optional<HidrawScanner> resolve(QString *why) const;
    void tryOpen();
    void readReports();
    void lost(const QString &why);
    void closeDevice(); // leaves the device, keeps the wish to read it (m_running)
    void take(const HidPosChunk &chunk);

    HidPosScannerUri m_uri;
    HidrawPaths m_paths;
    HidrawScanner m_device;
    std::optional<HidPosLayout> m_layout;
    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_reconnect;
    QTimer m_presence;
    QByteArray m_stream;    // bytes read, not yet a whole report
    QByteArray m_code;      // pieces of a code sent in several reports
    QByteArray m_symbology; // of the code being gathered
    bool m_running = false;
    QString m_lastFailure;
};

} // namespace pos::scanner
