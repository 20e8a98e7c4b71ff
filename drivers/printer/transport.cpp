#include "transport.h"

#include "filetransport.h"
#include "pngtransport.h"
#include "serialtransport.h"
#include "tcptransport.h"
#include "usbtransport.h"

#include "text/safetext.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>

namespace pos::printer {

using namespace Qt::Literals::StringLiterals;

namespace {


std::optional<quint16> hex16(const QString &s)
{
    bool ok = false;
    const uint v = s.toUInt(&ok, 16);
    if (!ok || s.size() != 4 || v > 0xffff)
        return std::nullopt;
    return quint16(v);
}

} // namespace

std::optional<PrinterUri> PrinterUri::parse(const QString &text, QString *error)
{
    auto bad = [&](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    PrinterUri uri;
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0)
        return bad(tr("\"%1\" is not a printer address (usb://…, tcp://…, file:…, serial:…, png:…)").arg(shownInput(text)));
    const QString scheme = text.left(colon).toLower();
    QString rest = text.mid(colon + 1);
    QString query;
    if (const qsizetype q = rest.indexOf(u'?'); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    const QUrlQuery params(query);
    if (scheme == u"usb"_s) {
        uri.kind = Kind::Usb;
        if (!rest.startsWith(u"//"_s))
            return bad(tr("a USB printer is usb://VID:PID or usb://auto"));
        rest = rest.mid(2);
        if (rest == u"auto"_s) {
            uri.autoDetect = true;
        } else {
            const QStringList ids = rest.split(u':');
            const auto vid = ids.size() == 2 ? hex16(ids[0]) : std::nullopt;
            const auto pid = ids.size() == 2 ? hex16(ids[1]) : std::nullopt;
            if (!vid || !pid)
                return bad(tr("a USB printer is usb://VID:PID with four hex digits each, e.g. usb://0416:5011"));
            uri.vendorId = *vid;
            uri.productId = *pid;
        }
        uri.serialNumber = params.queryItemValue(u"serial"_s);
    } else if (scheme == u"tcp"_s) {
        uri.kind = Kind::Tcp;
        const QUrl url(text);
        if (!url.isValid() || url.host().isEmpty())
            return bad(tr("a network printer is tcp://HOST or tcp://HOST:PORT"));
        uri.host = url.host();
        const int port = url.port(9100);
        if (port <= 0 || port > 65535)
            return bad(tr("the port must be 1–65535"));
        uri.port = quint16(port);
    } else if (scheme == u"file"_s || scheme == u"serial"_s || scheme == u"png"_s) {
        uri.kind = scheme == u"file"_s ? Kind::File : scheme == u"serial"_s ? Kind::Serial : Kind::Png;
        uri.path = rest.startsWith(u"//"_s) ? rest.mid(2) : rest;
        if (uri.path.isEmpty())
            return bad(tr("%1: needs a path").arg(scheme));
        if (uri.kind == Kind::Serial && params.hasQueryItem(u"baud"_s)) {
            bool ok = false;
            uri.baud = params.queryItemValue(u"baud"_s).toInt(&ok);
            if (!ok || uri.baud < 1200 || uri.baud > 921600)
                return bad(tr("baud must be a rate such as 9600, 19200, 38400 or 115200"));
        }
    } else {
        return bad(tr("unknown printer address \"%1\" (usb://…, tcp://…, file:…, serial:…, png:…)").arg(shownInput(text)));
    }
    return uri;
}

QString PrinterUri::toString() const
{
    switch (kind) {
    case Kind::Usb:
        return autoDetect ? u"usb://auto"_s
                          : u"usb://%1:%2"_s.arg(vendorId, 4, 16, QChar(u'0')).arg(productId, 4, 16, QChar(u'0'))
                                + (serialNumber.isEmpty() ? QString() : u"?serial="_s + serialNumber);
    case Kind::Tcp:
        return u"tcp://%1:%2"_s.arg(host).arg(port);
    case Kind::File:
        return u"file:"_s + path;
    case Kind::Serial:
        return u"serial:%1?baud=%2"_s.arg(path).arg(baud);
    case Kind::Png:
        return u"png:"_s + path;
    }
    return {};
}

std::unique_ptr<Transport> makeTransport(const PrinterUri &uri, const PrinterProfile &profile)
{
    switch (uri.kind) {
    case PrinterUri::Kind::Usb:
        return std::make_unique<UsbTransport>(uri);
    case PrinterUri::Kind::Tcp:
        return std::make_unique<TcpTransport>(uri.host, uri.port);
    case PrinterUri::Kind::File:
        return std::make_unique<FileTransport>(uri.path);
    case PrinterUri::Kind::Serial:
        return std::make_unique<SerialTransport>(uri.path, uri.baud);
    case PrinterUri::Kind::Png:
        return std::make_unique<PngTransport>(uri.path, profile);
    }
    return nullptr;
}

} // namespace pos::printer
