#include "escposencoder.h"

#include "raster.h"
#include "textlayout.h"

#include <QStringEncoder>

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

} // namespace

QByteArray EscPosEncoder::encodeText(const QString &text) const
{
    QString printable = text;
    printable.replace(QChar(0x00a5), QChar(0xffe5)); // ¥ → ￥: GBK fonts only have the full-width sign
    if (m_profile.encoding == TextEncoding::None) {
        QByteArray ascii;
        for (QChar c : printable)
            ascii += c.unicode() < 0x80 ? char(c.unicode()) : '?';
        return ascii;
    }
    QStringEncoder encoder(codecName(m_profile.encoding));
    return encoder.encode(printable);
}

QByteArray EscPosEncoder::nativeQr(const QByteArray &utf8, int moduleSize)
{
    QByteArray out;
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
    const QByteArray data = b.text.toLatin1();
    out += alignCmd(b.style.align);
    out += cmd({GS, 'h', 80}) + cmd({GS, 'w', 2}) + cmd({GS, 'H', 2}) + cmd({GS, 'f', 0});
    if (b.barcode == BarcodeType::Ean13) {
        out += cmd({GS, 'k', 67, int(data.size())}) + data;
    } else {
        const QByteArray payload = "{B" + data;
        out += cmd({GS, 'k', 73, int(payload.size())}) + payload;
    }
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
        case Block::Kind::Text:
            appendText(out, wrapToWidth(b.text, width), b.style);
            break;
        case Block::Kind::Columns: {
            TextStyle style = b.style;
            style.align = Align::Left; // the columns carry their own alignment
            appendText(out, {layoutColumns(b.cells, b.columns, width)}, style);
            break;
        }
        case Block::Kind::Rule:
            appendText(out, {QString(columns / qMax(1, charWidth(b.ruleChar.unicode())), b.ruleChar)}, {});
            break;
        case Block::Kind::QrCode:
            if (m_profile.nativeQr) {
                out += alignCmd(b.style.align);
                out += nativeQr(b.text.toUtf8(), b.size);
                out += LF;
                out += alignCmd(Align::Left);
            } else {
                appendImage(out, qrImage(b.text, b.size), b.style.align);
            }
            break;
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
