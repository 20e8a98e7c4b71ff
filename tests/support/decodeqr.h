#pragma once

#include <ZXing/ReadBarcode.h>

#include <QImage>
#include <QString>

namespace pos::test {

// What ZXing reads as a QR code in an image (empty when nothing): how a test checks that a
// printed receipt scans back. Tests using it link ZXing::ZXing.
inline QString decodeQr(const QImage &image)
{
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    const ZXing::ImageView view(grey.constBits(), grey.width(), grey.height(), ZXing::ImageFormat::Lum,
                                int(grey.bytesPerLine()));
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    const ZXing::Result r = ZXing::ReadBarcode(view, hints);
    return r.isValid() ? QString::fromStdWString(r.text()) : QString();
}

} // namespace pos::test
