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
    const ZXing::ImageView view(grey.constBits(), grey.width(), grey.height(), ZXing::ImageFormat::Lum,
                                int(grey.bytesPerLine()));
    ZXing::DecodeHints hints;
    hints.setTryHarder(true);
    hints.setTryRotate(true);
    hints.setTryDownscale(true);
    hints.setReturnErrors(false);
    for (const ZXing::Result &r : ZXing::ReadBarcodes(view, hints)) {
        if (!r.isValid())
            continue;
        const auto &raw = r.bytes();
        found.append({QString::fromStdString(ZXing::ToString(r.format())), payloadOf(r),
                      QString::fromStdString(r.symbologyIdentifier()),
                      QByteArray(reinterpret_cast<const char *>(raw.data()), qsizetype(raw.size()))});
    }
    return found;
}

} // namespace pos::scanner
