#pragma once

#include <QCoreApplication>

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace pos::printer {

struct PrinterProfile;

// Where a printer's bytes go: a USB endpoint, a TCP socket, a device file, a serial port, or
// a PNG preview. Every method reports failure through errorString() in words a cashier can
// act on ("打印机未连接", "permission denied: …").
class Transport
{
public:
    virtual ~Transport() = default;
    virtual bool open() = 0;
    virtual bool write(const QByteArray &bytes) = 0;
    // Whether the printer can answer (status queries need it).
    virtual bool canRead() const { return false; }
    // Up to `maxBytes` the printer sent within `timeoutMs`; empty when it said nothing.
    virtual QByteArray read(int /*maxBytes*/, int /*timeoutMs*/) { return {}; }
    // After a job: true when everything was delivered and the link is still up (a network
    // printer that dropped the connection part-way fails here, not silently).
    virtual bool drain(int /*timeoutMs*/) { return true; }
    virtual void close() {}
    QString errorString() const { return m_error; }

protected:
    bool fail(const QString &message)
    {
        m_error = message;
        return false;
    }

private:
    QString m_error;
};

// A printer address: usb://VID:PID[?serial=…], usb://auto, tcp://HOST[:PORT], file:/dev/…,
// serial:/dev/ttyUSB0[?baud=…], png:/path/preview.png.
struct PrinterUri
{
    Q_DECLARE_TR_FUNCTIONS(PrinterUri)
public:
    enum class Kind : quint8 { Usb, Tcp, File, Serial, Png };
    Kind kind = Kind::Tcp;
    QString host;
    quint16 port = 9100;
    QString path;        // file, serial, png
    quint16 vendorId = 0; // usb; 0 with autoDetect
    quint16 productId = 0;
    QString serialNumber;
    bool autoDetect = false;
    qint32 baud = 9600;

    // The URI parsed, or why it is not one.
    static std::optional<PrinterUri> parse(const QString &text, QString *error);
    QString toString() const;
};

// A transport for the address; the PNG preview needs the profile to draw as that printer.
std::unique_ptr<Transport> makeTransport(const PrinterUri &uri, const PrinterProfile &profile);

} // namespace pos::printer
