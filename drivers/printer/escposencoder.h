#pragma once

#include "printdocument.h"
#include "printerprofile.h"

#include <QByteArray>

namespace pos::printer {

// A print document as the ESC/POS bytes one family of printers needs (its profile): text in
// its double-byte code inside Chinese mode, or as images when it has no Chinese font; QR
// codes native or as images; its cut and drawer pulse.
class EscPosEncoder
{
public:
    explicit EscPosEncoder(PrinterProfile profile) : m_profile(std::move(profile)) {}

    QByteArray encode(const PrintDocument &document) const;

    // The single commands, for tests and for the status/drawer paths.
    static QByteArray initialize() { return QByteArray::fromHex("1b40"); }
    static QByteArray nativeQr(const QByteArray &utf8, int moduleSize);
    QByteArray drawerPulse() const;
    QByteArray encodeText(const QString &text) const; // in the profile's code, ¥ as ￥

private:
    void appendText(QByteArray &out, const QStringList &lines, const TextStyle &style) const;
    void appendImage(QByteArray &out, const QImage &image, Align align) const;
    void appendBarcode(QByteArray &out, const Block &block) const;
    PrinterProfile m_profile;
};

} // namespace pos::printer
