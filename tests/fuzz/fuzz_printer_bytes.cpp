// libFuzzer: bytes coming back from a printer (status answers) and bytes going to one, read
// back by the ESC/POS renderer the receipt previews use. Garbage from a cable or a firmware
// must not crash the till.
#include "printer/escposrenderer.h"
#include "printer/printerprofile.h"
#include "printer/printerstatus.h"

#include <QGuiApplication>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static QGuiApplication app(*argc, *argv); // the renderer draws text with fonts
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 4) {
        const auto *c = reinterpret_cast<const char *>(data);
        const pos::printer::PrinterStatus status = pos::printer::statusFromBytes(c[0], c[1], c[2], c[3]);
        (void)status.describe();
    }
    if (size > 64 * 1024)
        return 0; // a receipt is a few kilobytes
    static const pos::printer::PrinterProfile profile = pos::printer::Profiles::generic(58);
    pos::printer::EscPosRenderer renderer(profile);
    (void)renderer.render(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
