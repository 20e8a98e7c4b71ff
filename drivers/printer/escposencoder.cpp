#include "escposencoder.h"

#include "raster.h"
#include "textlayout.h"

#include "text/safetext.h"

#include <QStringEncoder>

#include <optional>

namespace pos::printer {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr char ESC = 0x1b;
constexpr char GS = 0x1d;
constexpr char FS = 0x1c;
constexpr char LF = 0x0a;

QByteArray cmd(std::initializer_list<int> bytes)
{
    QByteArray out;
    for (int b : bytes)
        out += char(b);
    return out;
}

QByteArray alignCmd(Align a)
{
    return cmd({ESC, 'a', a == Align::Left ? 0 : a == Align::Center ? 1 : 2});
}


bool isAscii(const QString &s)
{
    for (QChar c : s)
        if (c.unicode() >= 0x80)
            return false;
    return true;
}

// The most a QR symbol holds in byte mode at error correction M (version 40): a longer
// payload could not print, and its length would not fit the command's two length bytes.
constexpr qsizetype maxQrBytes = 2331;

// A Code 128 payload for GS k 73 (code set B), or nothing when the data is not printable
// ASCII or too long for the command's one length byte. '{' starts a code-set command inside
// the payload, so a literal one goes out as "{{".
std::optional<QByteArray> code128Payload(const QString &text)
{
    QByteArray payload = "{B";
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return std::nullopt;
        payload += char(c.unicode());
        if (c == u'{')
            payload += '{';
    }
    return payload.size() <= 255 ? std::optional(payload) : std::nullopt;
}

// EAN-13 data for GS k 67: 12 digits (the printer adds the check digit) or 13.
std::optional<QByteArray> ean13Payload(const QString &text)
{
    if (text.size() != 12 && text.size() != 13)
        return std::nullopt;
    for (QChar c : text)
        if (c < u'0' || c > u'9')
            return std::nullopt;
    return text.toLatin1();
}

} // namespace

QByteArray EscPosEncoder::encodeText(const QString &text) const
{
    QString printable = printableText(text, LineBreaks::AsSpace); // one line: no control, no format character
    printable.replace(QChar(0x00a5), QChar(0xffe5)); // ¥ → ￥: GBK fonts only have the full-width sign
    QByteArray bytes;
    if (m_profile.encoding == TextEncoding::None) {
        for (QChar c : printable)
            bytes += c.unicode() < 0x80 ? char(c.unicode()) : '?';
    } else {
        QStringEncoder encoder(codecName(m_profile.encoding));
        bytes = encoder.encode(printable);
    }
    // The double-byte codes never put a byte below 0x20 or a DEL inside a character (their
    // second bytes start at 0x30), so such a byte here could only be a character the code
    // lacks, written as the codec's substitute (SUB is 0x1a): it prints as '?', and the text
    // carries nothing a printer would read as a command.
    for (char &b : bytes)
        if (uchar(b) < 0x20 || uchar(b) == 0x7f)
            b = '?';
    return bytes;
}

QByteArray EscPosEncoder::nativeQr(const QByteArray &utf8, int moduleSize)
{
    QByteArray out;
    if (utf8.size() > maxQrBytes)
        return out; // more than a symbol holds (and than the length bytes could say)
    out += cmd({GS, '(', 'k', 4, 0, 49, 65, 50, 0});                 // model 2
    out += cmd({GS, '(', 'k', 3, 0, 49, 67, qBound(1, moduleSize, 16)}); // module size
    out += cmd({GS, '(', 'k', 3, 0, 49, 69, 49});                    // error correction M
    const int len = int(utf8.size()) + 3;
    out += cmd({GS, '(', 'k', len & 0xff, (len >> 8) & 0xff, 49, 80, 48});
    out += utf8;
    out += cmd({GS, '(', 'k', 3, 0, 49, 81, 48});                    // print
    return out;
}

QByteArray EscPosEncoder::drawerPulse() const
{
    return cmd({ESC, 'p', m_profile.drawerPin, m_profile.drawerOnMs / 2, m_profile.drawerOffMs / 2});
}

void EscPosEncoder::appendText(QByteArray &out, const QStringList &lines, const TextStyle &style) const
{
    const bool chinese = m_profile.printsChinese();
    for (const QString &line : lines) {
        if (!chinese && !isAscii(line)) {
            appendImage(out, rasterizeLine(line, style, m_profile.dots), Align::Left);
            continue;
        }
        out += alignCmd(style.align);
        if (style.bold)
            out += cmd({ESC, 'E', 1});
        if (style.underline)
            out += cmd({ESC, '-', 1});
        const int size = (style.doubleWidth ? 0x10 : 0) | (style.doubleHeight ? 0x01 : 0);
        if (size) {
            out += cmd({GS, '!', size});
            if (chinese) // the Chinese font has its own size switch
                out += cmd({FS, '!', (style.doubleWidth ? 0x04 : 0) | (style.doubleHeight ? 0x08 : 0)});
        }
        out += encodeText(line);
        out += LF;
        if (size) {
            out += cmd({GS, '!', 0});
            if (chinese)
                out += cmd({FS, '!', 0});
        }
        if (style.underline)
            out += cmd({ESC, '-', 0});
        if (style.bold)
            out += cmd({ESC, 'E', 0});
        if (style.align != Align::Left)
            out += alignCmd(Align::Left);
    }
}

void EscPosEncoder::appendImage(QByteArray &out, const QImage &image, Align align) const
{
    if (image.isNull())
        return;
    out += alignCmd(align);
    out += rasterCommands(toMonochrome(image, m_profile.dots));
    if (align != Align::Left)
        out += alignCmd(Align::Left);
}

void EscPosEncoder::appendBarcode(QByteArray &out, const Block &b) const
{
    // Data a barcode can't carry (not digits for EAN-13, not printable ASCII or too long for
    // Code 128) prints no barcode: one that scanned as something else would be worse.
    const bool ean = b.barcode == BarcodeType::Ean13;
    const std::optional<QByteArray> payload = ean ? ean13Payload(b.text) : code128Payload(b.text);
    if (!payload)
        return;
    out += alignCmd(b.style.align);
    out += cmd({GS, 'h', 80}) + cmd({GS, 'w', 2}) + cmd({GS, 'H', 2}) + cmd({GS, 'f', 0});
    out += cmd({GS, 'k', ean ? 67 : 73, int(payload->size())}) + *payload;
    out += LF;
    out += alignCmd(Align::Left);
}

QByteArray EscPosEncoder::encode(const PrintDocument &doc) const
{
    QByteArray out = initialize();
    if (m_profile.printsChinese())
        out += cmd({FS, '&'}); // Chinese mode for the whole document; ASCII prints as ASCII in it
    const int columns = m_profile.columns;
    for (const Block &b : doc.blocks()) {
        const int width = b.style.doubleWidth ? columns / 2 : columns;
        switch (b.kind) {
        // Every text from the document goes through printableText() first (and encodeText()
        // again): whatever a name, a reference or a footer holds prints as text, never as a command.
        case Block::Kind::Text:
            appendText(out, wrapToWidth(printableText(b.text, LineBreaks::Keep), width), b.style);
            break;
        case Block::Kind::Columns: {
            TextStyle style = b.style;
            style.align = Align::Left; // the columns carry their own alignment
            QStringList cells;
            for (const QString &cell : b.cells)
                cells.append(printableText(cell, LineBreaks::AsSpace));
            appendText(out, {layoutColumns(cells, b.columns, width)}, style);
            break;
        }
        case Block::Kind::Rule: {
            const QChar ch = isUnsafeChar(b.ruleChar.unicode()) || b.ruleChar.isSpace() ? QChar(u'-') : b.ruleChar;
            appendText(out, {QString(columns / qMax(1, charWidth(ch.unicode())), ch)}, {});
            break;
        }
        case Block::Kind::QrCode: {
            const QString data = printableText(b.text, LineBreaks::AsSpace);
            const QByteArray utf8 = data.toUtf8();
            if (utf8.isEmpty() || utf8.size() > maxQrBytes)
                break; // nothing to encode, or more than a symbol holds: no QR code
            if (m_profile.nativeQr) {
                out += alignCmd(b.style.align);
                out += nativeQr(utf8, b.size);
                out += LF;
                out += alignCmd(Align::Left);
            } else {
                appendImage(out, qrImage(data, b.size), b.style.align);
            }
            break;
        }
        case Block::Kind::Barcode:
            appendBarcode(out, b);
            break;
        case Block::Kind::Image:
            appendImage(out, b.image, b.style.align);
            break;
        case Block::Kind::Feed:
            out += cmd({ESC, 'd', b.size});
            break;
        case Block::Kind::Cut:
            out += cmd({ESC, 'd', m_profile.feedBeforeCut});
            out += b.partialCut ? m_profile.partialCut : m_profile.fullCut;
            break;
        case Block::Kind::Drawer:
            out += drawerPulse();
            break;
        }
    }
    if (m_profile.printsChinese())
        out += cmd({FS, '.'});
    return out;
}

} // namespace pos::printer
