#include "printerprofile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace pos::printer {

using namespace Qt::Literals::StringLiterals;

namespace {

std::optional<TextEncoding> encodingFromKey(const QString &key)
{
    if (key == u"gb18030"_s)
        return TextEncoding::Gb18030;
    if (key == u"gbk"_s)
        return TextEncoding::Gbk;
    if (key == u"big5"_s)
        return TextEncoding::Big5;
    if (key == u"none"_s)
        return TextEncoding::None;
    return std::nullopt;
}

QList<PrinterProfile> loadCompiledIn()
{
    QList<PrinterProfile> out;
    const QDir dir(u":/printer-profiles"_s);
    for (const QString &name : dir.entryList({u"*.json"_s}, QDir::Files)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        QString error;
        if (auto p = Profiles::fromJson(f.readAll(), &error))
            out.append(*p);
        else
            qWarning("printer profile %s: %s", qPrintable(name), qPrintable(error));
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    return out;
}

} // namespace

const char *codecName(TextEncoding e)
{
    switch (e) {
    case TextEncoding::Gb18030:
        return "GB18030";
    case TextEncoding::Gbk:
        return "GBK";
    case TextEncoding::Big5:
        return "Big5";
    case TextEncoding::None:
        break;
    }
    return "ISO-8859-1";
}

namespace Profiles {

const QList<PrinterProfile> &all()
{
    static const QList<PrinterProfile> profiles = loadCompiledIn();
    return profiles;
}

std::optional<PrinterProfile> byId(const QString &id)
{
    for (const PrinterProfile &p : all())
        if (p.id == id)
            return p;
    return std::nullopt;
}

std::optional<PrinterProfile> forUsb(quint16 vendorId, quint16 productId)
{
    const QString exact = u"%1:%2"_s.arg(vendorId, 4, 16, QChar(u'0')).arg(productId, 4, 16, QChar(u'0'));
    const QString anyProduct = u"%1:*"_s.arg(vendorId, 4, 16, QChar(u'0'));
    for (const PrinterProfile &p : all())
        if (p.usbIds.contains(exact))
            return p;
    for (const PrinterProfile &p : all())
        if (p.usbIds.contains(anyProduct))
            return p;
    return std::nullopt;
}

PrinterProfile generic(int paperMm)
{
    if (auto p = byId(paperMm <= 58 ? u"generic-58"_s : u"generic-80"_s))
        return *p;
    PrinterProfile p; // the built-in defaults are an 80 mm GB18030 printer
    if (paperMm <= 58) {
        p.dots = 384;
        p.columns = 32;
    }
    return p;
}

std::optional<PrinterProfile> fromJson(const QByteArray &json, QString *error)
{
    auto failed = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return failed(parseError.errorString());
    const QJsonObject o = doc.object();
    PrinterProfile p;
    p.id = o.value(u"id"_s).toString();
    p.name = o.value(u"name"_s).toString();
    if (p.id.isEmpty())
        return failed(u"no id"_s);
    for (const QJsonValue &v : o.value(u"usb"_s).toArray())
        p.usbIds.append(v.toString().toLower());
    p.dots = o.value(u"dots"_s).toInt(p.dots);
    p.columns = o.value(u"columns"_s).toInt(p.columns);
    if (p.dots < 8 || p.dots > 832 || p.columns < 16 || p.columns > 80)
        return failed(u"dots or columns out of range"_s);
    const auto encoding = encodingFromKey(o.value(u"encoding"_s).toString(u"gb18030"_s));
    if (!encoding)
        return failed(u"unknown encoding"_s);
    p.encoding = *encoding;
    p.nativeQr = o.value(u"native_qr"_s).toBool(true);
    if (o.contains(u"full_cut"_s))
        p.fullCut = QByteArray::fromHex(o.value(u"full_cut"_s).toString().toLatin1());
    if (o.contains(u"partial_cut"_s))
        p.partialCut = QByteArray::fromHex(o.value(u"partial_cut"_s).toString().toLatin1());
    const QJsonObject drawer = o.value(u"drawer"_s).toObject();
    p.drawerPin = drawer.value(u"pin"_s).toInt(p.drawerPin);
    p.drawerOnMs = drawer.value(u"on_ms"_s).toInt(p.drawerOnMs);
    p.drawerOffMs = drawer.value(u"off_ms"_s).toInt(p.drawerOffMs);
    if (p.drawerPin < 0 || p.drawerPin > 1 || p.drawerOnMs < 2 || p.drawerOnMs > 510 || p.drawerOffMs < 2
        || p.drawerOffMs > 510)
        return failed(u"drawer pulse out of range (pin 0 or 1, 2–510 ms)"_s);
    p.feedBeforeCut = o.value(u"feed_before_cut"_s).toInt(p.feedBeforeCut);
    return p;
}

} // namespace Profiles

} // namespace pos::printer
