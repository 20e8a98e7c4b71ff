#pragma once

#include "printdocument.h"

#include <QByteArray>
#include <QImage>
#include <QString>

class QPainter;

namespace pos::printer {

// The normal font's character cell: 12 × 24 dots on every head width we support.
constexpr int cellWidth = 12;
constexpr int cellHeight = 24;

// Where something starts on a line with `freeSpace` dots to spare, as aligned.
constexpr int alignedOffset(Align align, int freeSpace)
{
    return align == Align::Center ? freeSpace / 2 : align == Align::Right ? freeSpace : 0;
}

// Draws text in fixed cells (one or two per character, as the printer's font does) at
// (x, y) = top-left, in black. Shared by the raster fallback and the PNG renderer, so the
// preview's columns line up exactly where the printer's will.
void drawCells(QPainter &painter, int x, int y, QStringView text, const TextStyle &style);

// One line of text as the printer would print it, as a bitmap `dots` wide (for printers
// without a Chinese font).
QImage rasterizeLine(const QString &line, const TextStyle &style, int dots);

// Symbols as black-on-white images, through ZXing's writers. Empty on data they can't hold.
QImage qrImage(const QString &data, int moduleSize, int quietModules = 2);
QImage barcodeImage(const QString &data, BarcodeType type, int height, int moduleWidth);

// An image as the printer will see it: at most `maxWidth` dots wide (scaled down, never up),
// black and white.
QImage toMonochrome(const QImage &image, int maxWidth);

// GS v 0 commands for a monochrome image, in chunks of at most `chunkRows` rows so that no
// printer's input buffer overflows; each header states its own chunk's size exactly.
QByteArray rasterCommands(const QImage &mono, int chunkRows = 64);

} // namespace pos::printer
