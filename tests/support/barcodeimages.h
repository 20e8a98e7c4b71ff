#pragma once

// Barcode pictures for tests: drawn by ZXing's writer, then "photographed" badly.
#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <QImage>
#include <QPainter>
#include <QRandomGenerator>

namespace pos::test {

inline QImage render(ZXing::BarcodeFormat format, const QString &text, int width, int height)
{
    const ZXing::BitMatrix m = ZXing::MultiFormatWriter(format).setEncoding(ZXing::CharacterSet::UTF8).setMargin(10)
                                   .encode(text.toStdString(), width, height);
    // A quiet zone of our own: the writer leaves none around DataMatrix and PDF417, and they
    // are not read without one.
    constexpr int quiet = 24;
    QImage img(m.width() + 2 * quiet, m.height() + 2 * quiet, QImage::Format_Grayscale8);
    img.fill(255);
    for (int y = 0; y < m.height(); ++y)
        for (int x = 0; x < m.width(); ++x)
            if (m.get(x, y))
                img.setPixel(x + quiet, y + quiet, qRgb(0, 0, 0));
    return img;
}

// The code on a grey counter top, turned and slightly out of focus, as a camera sees it.
inline QImage photographed(const QImage &code, double degrees, bool blur, int noise)
{
    QImage frame(1280, 720, QImage::Format_RGB32);
    frame.fill(QColor(180, 176, 170));
    QPainter p(&frame);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.translate(640, 360);
    p.rotate(degrees);
    p.shear(0.08, 0.0);
    if (!code.isNull())
        p.drawImage(-code.width() / 2, -code.height() / 2, code);
    p.end();
    if (blur) // down and up again: a soft focus
        frame = frame.scaled(640, 360, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                    .scaled(1280, 720, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QRandomGenerator rng(7);
    for (int i = 0; i < noise; ++i) {
        const int x = rng.bounded(frame.width());
        const int y = rng.bounded(frame.height());
        const int v = rng.bounded(256);
        frame.setPixel(x, y, qRgb(v, v, v));
    }
    return frame;
}

} // namespace pos::test
