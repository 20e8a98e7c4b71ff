#pragma once

#include "scannerdevice.h"

#include <QByteArray>
#include <QString>
#include <QTimer>

#include <optional>

class QSerialPort;

namespace pos::scanner {

// A scanner on a serial line or a USB CDC-ACM port: serial:/dev/ttyACM0[?baud=9600].
struct SerialScannerUri
{
    QString path;
    qint32 baud = 9600;

    static std::optional<SerialScannerUri> parse(const QString &text, QString *error);
};

// Reads codes from a serial scanner: one per line (CR, LF or both), or whatever arrived
// before the line went quiet for scanners set to send no terminator. When the scanner is
// unplugged the port is closed and reopened as soon as it is back.
class SerialScanner : public ScannerDevice
{
    Q_OBJECT
public:
    explicit SerialScanner(SerialScannerUri uri, QObject *parent = nullptr);
    ~SerialScanner() override;

    void start() override;
    void stop();
    bool isConnected() const;

    static constexpr int reconnectMs = 1000;
    static constexpr int quietFlushMs = 150; // an unterminated code is complete after this
    static constexpr int maxLineBytes = 4096; // more without a terminator is garbage

signals:
    void connectedChanged(bool connected, const QString &why);
    // Bytes that could not be a code (too long, undecodable): reported, dropped.
    void discarded(const QString &why);

private:
    void tryOpen();
    void readAvailable();
    void lost(const QString &why);
    void deliver(const QByteArray &line);
    SerialScannerUri m_uri;
    QSerialPort *m_port;
    QTimer m_reconnect;
    QTimer m_quiet;
    QTimer m_presence;
    QByteArray m_buffer;
    bool m_running = false;
};

} // namespace pos::scanner
