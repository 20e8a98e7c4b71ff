#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pos::printer {

// How a model family prints Chinese: the double-byte code it understands, or none (then
// Chinese text is sent as a raster image).
enum class TextEncoding : quint8 { None, Gb18030, Gbk, Big5 };

// The codec name QStringEncoder/QStringDecoder know the encoding by.
const char *codecName(TextEncoding encoding);

// What the bytes must look like for one family of printers. Profiles are data files
// (drivers/printer/profiles/*.json, compiled in), so a new model is a new file.
struct PrinterProfile
{
    QString id;
    QString name;
    QStringList usbIds;    // "VVVV:PPPP" or "VVVV:*", lower-case hex
    int dots = 576;        // printable head width in dots (384 at 58 mm, 576 at 80 mm)
    int columns = 48;      // characters of the normal font (12 × 24 dots) per line
    TextEncoding encoding = TextEncoding::Gb18030;
    bool nativeQr = true;  // understands GS ( k; otherwise QR codes go as raster images
    QByteArray fullCut = QByteArray::fromHex("1d564100");
    QByteArray partialCut = QByteArray::fromHex("1d564200");
    int drawerPin = 0;     // ESC p m: 0 = pin 2, 1 = pin 5
    int drawerOnMs = 100;
    int drawerOffMs = 500;
    int feedBeforeCut = 3; // lines, so the last line clears the cutter

    int paperMm() const { return dots <= 384 ? 58 : 80; }
    bool printsChinese() const { return encoding != TextEncoding::None; }
};


namespace Profiles {
// Every profile compiled in, sorted by id.
const QList<PrinterProfile> &all();
std::optional<PrinterProfile> byId(const QString &id);
// The profile for a USB device, if a family claims its ids.
std::optional<PrinterProfile> forUsb(quint16 vendorId, quint16 productId);
// The generic Chinese printer of a paper width (58 or 80).
PrinterProfile generic(int paperMm);
// A profile from its JSON text; the error says what is wrong.
std::optional<PrinterProfile> fromJson(const QByteArray &json, QString *error = nullptr);
} // namespace Profiles

} // namespace pos::printer
