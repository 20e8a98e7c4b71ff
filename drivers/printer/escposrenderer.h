#pragma once

#include "printerprofile.h"

#include <QByteArray>
#include <QImage>
#include <QStringList>

namespace pos::printer {

// Draws what a printer of this profile would print for a stream of ESC/POS bytes: it reads
// the bytes (not the document they came from), so the preview shows the real output —
// Chinese decoded from the printer's code, QR codes and barcodes from their commands, raster
// images, cuts as dashed lines. Commands that print nothing (drawer pulse, status requests)
// are listed in events().
class EscPosRenderer
{
public:
    explicit EscPosRenderer(PrinterProfile profile) : m_profile(std::move(profile)) {}

    QImage render(const QByteArray &bytes);
    // "drawer pin 0 100/500 ms", "cut partial", "status request 1", "unknown 1b 7f" …
    const QStringList &events() const { return m_events; }

private:
    PrinterProfile m_profile;
    QStringList m_events;
};

} // namespace pos::printer
