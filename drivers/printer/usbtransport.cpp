#include "usbtransport.h"

#include "printerprofile.h"

#include <QCoreApplication>

#include <libusb.h>

namespace pos::printer {

using namespace Qt::Literals::StringLiterals;

namespace {


constexpr int printerClass = 7;

QString stringDescriptor(libusb_device_handle *h, uint8_t index)
{
    if (!h || index == 0)
        return {};
    unsigned char buf[256];
    const int n = libusb_get_string_descriptor_ascii(h, index, buf, sizeof buf);
    return n > 0 ? QString::fromLatin1(reinterpret_cast<const char *>(buf), n).trimmed() : QString();
}

// The real thing: libusb 1.0 (libusb_init; libusb_init_context came later).
class LibUsbBackend final : public UsbBackend
{
public:
    ~LibUsbBackend() override
    {
        close();
        if (m_ctx)
            libusb_exit(m_ctx);
    }

    int init() override
    {
        if (m_ctx)
            return LIBUSB_SUCCESS;
        return libusb_init(&m_ctx);
    }

    QList<UsbPrinterInfo> printers() override
    {
        QList<UsbPrinterInfo> found;
        if (init() != LIBUSB_SUCCESS)
            return found;
        libusb_device **list = nullptr;
        const ssize_t count = libusb_get_device_list(m_ctx, &list);
        for (ssize_t i = 0; i < count; ++i) {
            libusb_device *dev = list[i];
            libusb_device_descriptor desc{};
            if (libusb_get_device_descriptor(dev, &desc) != LIBUSB_SUCCESS)
                continue;
            libusb_config_descriptor *config = nullptr;
            if (libusb_get_active_config_descriptor(dev, &config) != LIBUSB_SUCCESS
                && libusb_get_config_descriptor(dev, 0, &config) != LIBUSB_SUCCESS)
                continue;
            const bool profiled = Profiles::forUsb(desc.idVendor, desc.idProduct).has_value();
            for (int n = 0; n < config->bNumInterfaces; ++n) {
                const libusb_interface &itf = config->interface[n];
                if (itf.num_altsetting < 1)
                    continue;
                const libusb_interface_descriptor &alt = itf.altsetting[0];
                if (alt.bInterfaceClass != printerClass && !(profiled && alt.bInterfaceClass == LIBUSB_CLASS_VENDOR_SPEC))
                    continue;
                UsbPrinterInfo p;
                p.vendorId = desc.idVendor;
                p.productId = desc.idProduct;
                p.bus = libusb_get_bus_number(dev);
                p.address = libusb_get_device_address(dev);
                p.interfaceNumber = alt.bInterfaceNumber;
                p.interfaceClass = alt.bInterfaceClass;
                for (int e = 0; e < alt.bNumEndpoints; ++e) {
                    const libusb_endpoint_descriptor &ep = alt.endpoint[e];
                    if ((ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK)
                        continue;
                    ((ep.bEndpointAddress & LIBUSB_ENDPOINT_IN) ? p.bulkIn : p.bulkOut) = ep.bEndpointAddress;
                }
                if (!p.bulkOut)
                    continue;
                libusb_device_handle *h = nullptr;
                if (libusb_open(dev, &h) == LIBUSB_SUCCESS) { // names need access; ids don't
                    p.manufacturer = stringDescriptor(h, desc.iManufacturer);
                    p.product = stringDescriptor(h, desc.iProduct);
                    p.serialNumber = stringDescriptor(h, desc.iSerialNumber);
                    libusb_close(h);
                }
                found.append(p);
                break;
            }
            libusb_free_config_descriptor(config);
        }
        if (count >= 0)
            libusb_free_device_list(list, 1);
        return found;
    }

    int open(const UsbPrinterInfo &printer) override
    {
        if (int rc = init(); rc != LIBUSB_SUCCESS)
            return rc;
        libusb_device **list = nullptr;
        const ssize_t count = libusb_get_device_list(m_ctx, &list);
        int rc = LIBUSB_ERROR_NO_DEVICE;
        for (ssize_t i = 0; i < count; ++i) {
            if (libusb_get_bus_number(list[i]) == printer.bus && libusb_get_device_address(list[i]) == printer.address) {
                rc = libusb_open(list[i], &m_handle);
                break;
            }
        }
        if (count >= 0)
            libusb_free_device_list(list, 1);
        if (rc != LIBUSB_SUCCESS)
            return rc;
        // The kernel's usblp driver may hold the interface: let libusb take it over and give it back.
        libusb_set_auto_detach_kernel_driver(m_handle, 1);
        rc = libusb_claim_interface(m_handle, printer.interfaceNumber);
        if (rc != LIBUSB_SUCCESS) {
            libusb_close(m_handle);
            m_handle = nullptr;
            return rc;
        }
        m_interface = printer.interfaceNumber;
        return LIBUSB_SUCCESS;
    }

    int bulkWrite(quint8 endpoint, const QByteArray &bytes, int timeoutMs, int *written) override
    {
        if (!m_handle)
            return LIBUSB_ERROR_NO_DEVICE;
        return libusb_bulk_transfer(m_handle, endpoint,
                                    reinterpret_cast<unsigned char *>(const_cast<char *>(bytes.constData())),
                                    int(bytes.size()), written, unsigned(timeoutMs));
    }

    int clearHalt(quint8 endpoint) override
    {
        return m_handle ? libusb_clear_halt(m_handle, endpoint) : LIBUSB_ERROR_NO_DEVICE;
    }

    int bulkRead(quint8 endpoint, QByteArray &into, int maxBytes, int timeoutMs) override
    {
        if (!m_handle)
            return LIBUSB_ERROR_NO_DEVICE;
        into.resize(maxBytes);
        int got = 0;
        const int rc = libusb_bulk_transfer(m_handle, endpoint, reinterpret_cast<unsigned char *>(into.data()), maxBytes,
                                            &got, unsigned(timeoutMs));
        into.resize(rc == LIBUSB_SUCCESS ? got : 0);
        return rc;
    }

    void close() override
    {
        if (!m_handle)
            return;
        libusb_release_interface(m_handle, m_interface);
        libusb_close(m_handle);
        m_handle = nullptr;
    }

private:
    libusb_context *m_ctx = nullptr;
    libusb_device_handle *m_handle = nullptr;
    int m_interface = 0;
};

} // namespace

QString UsbPrinterInfo::uri() const
{
    return u"usb://%1:%2"_s.arg(vendorId, 4, 16, QChar(u'0')).arg(productId, 4, 16, QChar(u'0'))
        + (serialNumber.isEmpty() ? QString() : u"?serial="_s + serialNumber);
}

std::unique_ptr<UsbBackend> makeLibUsbBackend()
{
    return std::make_unique<LibUsbBackend>();
}

UsbTransport::UsbTransport(const PrinterUri &uri, std::unique_ptr<UsbBackend> backend, int timeoutMs)
    : m_uri(uri), m_backend(std::move(backend)), m_timeoutMs(timeoutMs)
{
}

UsbTransport::~UsbTransport()
{
    close();
}

QString UsbTransport::explain(int rc)
{
    switch (rc) {
    case LIBUSB_ERROR_ACCESS:
        return tr("permission denied: install the till's udev rules (60-guide-pos.rules, in the package) or add the user to the lp group, then replug the printer");
    case LIBUSB_ERROR_BUSY:
        return tr("the printer is busy: another program (or the usblp driver) holds it");
    case LIBUSB_ERROR_NO_DEVICE:
        return tr("the printer is not connected (unplugged or switched off)");
    case LIBUSB_ERROR_TIMEOUT:
        return tr("the printer stopped taking data (paper out, cover open, or offline)");
    case LIBUSB_ERROR_PIPE:
        return tr("the printer refused the data (endpoint stalled)");
    case LIBUSB_ERROR_IO:
        return tr("USB input/output error: check the cable");
    default:
        return tr("USB error: %1").arg(QString::fromUtf8(libusb_strerror(libusb_error(rc))));
    }
}

bool UsbTransport::open()
{
    if (int rc = m_backend->init(); rc != LIBUSB_SUCCESS)
        return fail(explain(rc));
    const QList<UsbPrinterInfo> printers = m_backend->printers();
    const UsbPrinterInfo *chosen = nullptr;
    for (const UsbPrinterInfo &p : printers) {
        const bool matches = m_uri.autoDetect
            || (p.vendorId == m_uri.vendorId && p.productId == m_uri.productId
                && (m_uri.serialNumber.isEmpty() || p.serialNumber == m_uri.serialNumber));
        if (matches) {
            chosen = &p;
            break;
        }
    }
    if (!chosen)
        return fail(m_uri.autoDetect ? tr("no USB receipt printer found")
                                     : tr("no USB printer %1 is connected").arg(m_uri.toString()));
    m_printer = *chosen;
    if (int rc = m_backend->open(m_printer); rc != LIBUSB_SUCCESS)
        return fail(explain(rc));
    m_open = true;
    return true;
}

bool UsbTransport::write(const QByteArray &bytes)
{
    if (!m_open)
        return fail(tr("the printer is not open"));
    // In pieces, so that a slow printer times out on a piece rather than on the whole job.
    constexpr int piece = 4096;
    for (qsizetype at = 0; at < bytes.size(); at += piece)
        if (!writePiece(bytes.mid(at, piece)))
            return false;
    return true;
}

bool UsbTransport::writePiece(QByteArray piece)
{
    bool stallCleared = false;
    while (!piece.isEmpty()) {
        int written = 0;
        int rc = m_backend->bulkWrite(m_printer.bulkOut, piece, m_timeoutMs, &written);
        written = qBound(0, written, int(piece.size()));
        piece.remove(0, written);
        if (written > 0 && (rc == LIBUSB_SUCCESS || rc == LIBUSB_ERROR_TIMEOUT))
            continue; // all of it, or part of it: a busy printer is still taking data
        if (rc == LIBUSB_SUCCESS)
            rc = LIBUSB_ERROR_TIMEOUT; // it took nothing at all
        if (rc == LIBUSB_ERROR_PIPE && !stallCleared) {
            // A stalled endpoint (some printers stall on a buffer overrun): clear it once.
            stallCleared = true;
            if (m_backend->clearHalt(m_printer.bulkOut) == LIBUSB_SUCCESS)
                continue;
        }
        return fail(explain(rc));
    }
    return true;
}

QByteArray UsbTransport::read(int maxBytes, int timeoutMs)
{
    QByteArray got;
    if (!m_open || !m_printer.bulkIn)
        return got;
    if (m_backend->bulkRead(m_printer.bulkIn, got, maxBytes, timeoutMs) != LIBUSB_SUCCESS)
        return {};
    return got;
}

void UsbTransport::close()
{
    if (m_open)
        m_backend->close();
    m_open = false;
}

} // namespace pos::printer
