#include "raster.h"

#include "textlayout.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <QFont>
#include <QPainter>

namespace pos::printer {

using namespace Qt::Literals::StringLiterals;

void drawCells(QPainter &painter, int x, int y, QStringView text, const TextStyle &style)
{
    const int sx = style.doubleWidth ? 2 : 1;
    const int sy = style.doubleHeight ? 2 : 1;
    QFont font(u"Noto Sans Mono CJK SC"_s);
    font.setStyleHint(QFont::Monospace);
    font.setPixelSize(cellHeight - 4); // room for descenders inside the 24-dot cell
    font.setBold(style.bold);
    painter.save();
    painter.setPen(Qt::black);
    painter.setFont(font);
    painter.translate(x, y);
    painter.scale(sx, sy);
    int col = 0;
    for (char32_t cp : text.toUcs4()) {
        const int w = charWidth(cp);
        if (w == 0)
            continue;
        const QRect cell(col * cellWidth, 0, w * cellWidth, cellHeight);
        painter.drawText(cell, Qt::AlignCenter | Qt::TextDontClip, QString::fromUcs4(&cp, 1));
        col += w;
    }
    if (style.underline)
        painter.fillRect(0, cellHeight - 2, col * cellWidth, 2, Qt::black);
    painter.restore();
}

QImage rasterizeLine(const QString &line, const TextStyle &style, int dots)
{
    const int sx = style.doubleWidth ? 2 : 1;
    const int sy = style.doubleHeight ? 2 : 1;
    QImage img(dots, cellHeight * sy, QImage::Format_RGB32);
    img.fill(Qt::white);
    const int width = displayWidth(line) * cellWidth * sx;
    QPainter painter(&img);
    drawCells(painter, alignedOffset(style.align, qMax(0, dots - width)), 0, line, style);
    painter.end();
    return toMonochrome(img, dots);
}

namespace {

QImage fromBitMatrix(const ZXing::BitMatrix &m, int scaleX, int height)
{
    const int rows = height > 0 ? height : m.height() * scaleX;
    QImage img(m.width() * scaleX, rows, QImage::Format_Mono);
    img.setColor(0, qRgb(255, 255, 255));
    img.setColor(1, qRgb(0, 0, 0));
    img.fill(0);
    for (int y = 0; y < rows; ++y) {
        const int my = height > 0 ? 0 : y / scaleX;
        for (int x = 0; x < img.width(); ++x)
            if (m.get(x / scaleX, my))
                img.setPixel(x, y, 1);
    }
    return img;
}

} // namespace

QImage qrImage(const QString &data, int moduleSize, int quietModules)
{
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEncoding(ZXing::CharacterSet::UTF8).setEccLevel(2).setMargin(quietModules);
        const ZXing::BitMatrix m = writer.encode(data.toStdWString(), 0, 0);
        return fromBitMatrix(m, qMax(1, moduleSize), 0);
    } catch (const std::exception &) {
        return {};
    }
}

QImage barcodeImage(const QString &data, BarcodeType type, int height, int moduleWidth)
{
    try {
        ZXing::MultiFormatWriter writer(type == BarcodeType::Ean13 ? ZXing::BarcodeFormat::EAN13
                                                                   : ZXing::BarcodeFormat::Code128);
        writer.setMargin(10);
        const ZXing::BitMatrix m = writer.encode(data.toStdWString(), 0, 1);
        return fromBitMatrix(m, qMax(1, moduleWidth), qMax(1, height));
    } catch (const std::exception &) {
        return {};
    }
}

QImage toMonochrome(const QImage &image, int maxWidth)
{
    QImage img = image;
    if (img.width() > maxWidth)
        img = img.scaledToWidth(maxWidth, Qt::SmoothTransformation);
    // Transparent parts are paper.
    QImage flat(img.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter(&flat).drawImage(0, 0, img);
    QImage mono = flat.convertToFormat(QImage::Format_Mono, Qt::MonoOnly | Qt::ThresholdDither);
    // Make bit 1 black whatever colour table the conversion chose.
    if (qGray(mono.color(1)) > qGray(mono.color(0))) {
        mono.invertPixels();
        mono.setColor(0, qRgb(255, 255, 255));
        mono.setColor(1, qRgb(0, 0, 0));
    }
    return mono;
}

QByteArray rasterCommands(const QImage &mono, int chunkRows)
{
    QByteArray out;
    const int bytesPerRow = (mono.width() + 7) / 8;
    const bool oneIsBlack = qGray(mono.color(1)) < qGray(mono.color(0));
    for (int top = 0; top < mono.height(); top += chunkRows) {
        const int rows = qMin(chunkRows, mono.height() - top);
        out += QByteArray::fromHex("1d763000");
        out += char(bytesPerRow & 0xff);
        out += char(bytesPerRow >> 8);
        out += char(rows & 0xff);
        out += char(rows >> 8);
        for (int y = top; y < top + rows; ++y) {
            const uchar *line = mono.constScanLine(y);
            for (int b = 0; b < bytesPerRow; ++b) {
                uchar v = line[b];
                if (!oneIsBlack)
                    v = uchar(~v);
                if (b == bytesPerRow - 1 && mono.width() % 8) // padding bits are paper
                    v &= uchar(0xff << (8 - mono.width() % 8));
                out += char(v);
            }
        }
    }
    return out;
}

} // namespace pos::printer
