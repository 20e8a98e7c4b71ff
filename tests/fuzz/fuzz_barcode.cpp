// libFuzzer: whatever a scanner (or a person) can send as one code goes through the parser the
// till uses for every scan: no crash, no sanitizer report, and an answer that makes sense.
#include "scanner/barcodeparser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const pos::scanner::BarcodeParser parser;
    const QString raw = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const pos::scanner::ScanCode code = parser.parse(raw);
    // An invalid code always says why; a valid one never carries an error.
    if ((code.kind == pos::scanner::ScanCode::Kind::Invalid) == code.error.isEmpty())
        std::abort();
    return 0;
}
