#pragma once

#include <QImage>
#include <QList>
#include <QString>

namespace pos::scanner {

// A barcode found in a picture (a camera frame or an image file).
struct DecodedBarcode
{
    QString format;      // "QRCode", "EAN-13", "DataMatrix"…
    QString text;        // the payload; GS1 separators kept as GS (0x1D)
    QString symbology;   // the AIM id (]Q1, ]E0, ]d2…)
    QByteArray bytes;    // the raw payload bytes
};

// ZXing-C++ over QImage: every symbology a store sees, tried harder on rotated, skewed,
// blurred or noisy photos.
class ImageDecoder
{
public:
    // All the barcodes in the picture (empty: none found).
    static QList<DecodedBarcode> decode(const QImage &image);
};

} // namespace pos::scanner
