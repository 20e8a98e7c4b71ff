#pragma once

#include <QCoreApplication>

#include "transport.h"

#include <QList>

#include <memory>

namespace pos::printer {

// A USB device that looks like a receipt printer: a printer-class interface (class 7), or
// a vendor-specific one with a bulk OUT endpoint on a device a profile names.
struct UsbPrinterInfo
{
    quint16 vendorId = 0;
    quint16 productId = 0;
    QString manufacturer;
    QString product;
    QString serialNumber;
    int bus = 0;
    int address = 0;
    int interfaceNumber = -1;
    int interfaceClass = 0;
    quint8 bulkOut = 0; // endpoint addresses, read from the descriptors
    quint8 bulkIn = 0;  // 0 when the printer can't answer

    QString uri() const;
};

// The libusb calls the transport needs, so that tests can stand in for the device. The real
// one (LibUsbBackend) talks to libusb; errors come back as libusb error codes.
class UsbBackend
{
public:
    virtual ~UsbBackend() = default;
    virtual int init() = 0;
    // The printers on the bus; an empty bus is a valid answer.
    virtual QList<UsbPrinterInfo> printers() = 0;
    virtual int open(const UsbPrinterInfo &printer) = 0; // detaches the kernel driver, claims
    // May take part of the bytes (`written` says how many), even when it times out.
    virtual int bulkWrite(quint8 endpoint, const QByteArray &bytes, int timeoutMs, int *written) = 0;
    virtual int bulkRead(quint8 endpoint, QByteArray &into, int maxBytes, int timeoutMs) = 0;
    // Clears a stalled endpoint (after LIBUSB_ERROR_PIPE).
    virtual int clearHalt(quint8 endpoint) = 0;
    virtual void close() = 0;
};

std::unique_ptr<UsbBackend> makeLibUsbBackend();

// usb://VID:PID[?serial=…] or usb://auto over a UsbBackend (libusb unless told otherwise).
class UsbTransport final : public Transport
{
    Q_DECLARE_TR_FUNCTIONS(UsbTransport)
public:
    explicit UsbTransport(const PrinterUri &uri, std::unique_ptr<UsbBackend> backend = makeLibUsbBackend(),
                          int timeoutMs = 5000);
    ~UsbTransport() override;
    bool open() override;
    bool write(const QByteArray &bytes) override;
    bool canRead() const override { return m_printer.bulkIn != 0; }
    QByteArray read(int maxBytes, int timeoutMs) override;
    void close() override;

    // What a libusb error means to the person at the till, and what to do about it.
    static QString explain(int libusbError);

private:
    // One piece of a job, resumed after a short write and once after a stall.
    bool writePiece(QByteArray piece);
    PrinterUri m_uri;
    std::unique_ptr<UsbBackend> m_backend;
    int m_timeoutMs;
    UsbPrinterInfo m_printer;
    bool m_open = false;
};

} // namespace pos::printer
