#include "imagedecoder.h"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

namespace pos::scanner {

namespace {

// What ZXing sends as text: UTF-8, except that for GS1 symbols it drops the GS separators,
// which the element string needs (FACTS.md); those are rebuilt from the raw bytes.
QString payloadOf(const ZXing::Result &r)
{
    const std::string &text = r.text();
    const auto &raw = r.bytes();
    const bool gs1 = r.symbologyIdentifier() == "]C1" || r.symbologyIdentifier() == "]e0"
                     || r.symbologyIdentifier() == "]d2" || r.symbologyIdentifier() == "]Q3";
    if (gs1 && !raw.empty())
        return QString::fromLatin1(reinterpret_cast<const char *>(raw.data()), qsizetype(raw.size()));
    return QString::fromStdString(text);
}

} // namespace

QList<DecodedBarcode> ImageDecoder::decode(const QImage &image)
{
    QList<DecodedBarcode> found;
    if (image.isNull())
        return found;
    // 8-bit grey is what ZXing reads fastest; everything converts to it.
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    auto read = [&](const QImage &img, ZXing::BarcodeFormats formats, bool downscale, int maxSymbols) {
        const ZXing::ImageView view(img.constBits(), img.width(), img.height(), ZXing::ImageFormat::Lum,
                                    int(img.bytesPerLine()));
        ZXing::DecodeHints hints;
        hints.setFormats(formats);
        hints.setTryHarder(true);
        hints.setTryRotate(true);
        hints.setTryDownscale(downscale);
        hints.setMaxNumberOfSymbols(maxSymbols);
        for (const ZXing::Result &r : ZXing::ReadBarcodes(view, hints)) {
            const QString text = payloadOf(r);
            if (!r.isValid() || std::any_of(found.cbegin(), found.cend(), [&](const auto &f) { return f.text == text; }))
                continue;
            const auto &raw = r.bytes();
            found.append({QString::fromStdString(ZXing::ToString(r.format())), text,
                          QString::fromStdString(r.symbologyIdentifier()),
                          QByteArray(reinterpret_cast<const char *>(raw.data()), qsizetype(raw.size()))});
        }
    };
    // Matrix codes: ZXing's own multi-scale search.
    read(grey, ZXing::BarcodeFormat::MatrixCodes, true, 255);
    // Linear codes one at a time and without ZXing's downscaling: the Debian build of 1.4
    // keeps its assertions, and merging a linear code found on two scales aborts the process
    // (zxing-cpp issue #740). The smaller scale is tried here instead, only when needed.
    const qsizetype before = found.size();
    read(grey, ZXing::BarcodeFormat::LinearCodes, false, 1);
    if (found.size() == before && grey.width() > 800)
        read(grey.scaled(grey.width() / 2, grey.height() / 2, Qt::KeepAspectRatio, Qt::SmoothTransformation),
             ZXing::BarcodeFormat::LinearCodes, false, 1);
    return found;
}

} // namespace pos::scanner
