#include "printdocument.h"

namespace pos::printer {

using Kind = Block::Kind;

PrintDocument &PrintDocument::text(const QString &text, TextStyle style)
{
    m_blocks.append({.kind = Kind::Text, .style = style, .text = text});
    return *this;
}

PrintDocument &PrintDocument::columns(const QStringList &cells, const QList<Column> &columns, TextStyle style)
{
    m_blocks.append({.kind = Kind::Columns, .style = style, .cells = cells, .columns = columns});
    return *this;
}

PrintDocument &PrintDocument::rule(QChar ch)
{
    m_blocks.append({.kind = Kind::Rule, .ruleChar = ch});
    return *this;
}

PrintDocument &PrintDocument::qrCode(const QString &data, int moduleSize, Align align)
{
    m_blocks.append({.kind = Kind::QrCode, .style = {.align = align}, .text = data, .size = qBound(1, moduleSize, 16)});
    return *this;
}

PrintDocument &PrintDocument::barcode(const QString &data, BarcodeType type)
{
    m_blocks.append({.kind = Kind::Barcode, .style = {.align = Align::Center}, .text = data, .barcode = type});
    return *this;
}

PrintDocument &PrintDocument::image(const QImage &image, Align align)
{
    m_blocks.append({.kind = Kind::Image, .style = {.align = align}, .image = image});
    return *this;
}

PrintDocument &PrintDocument::feed(int lines)
{
    m_blocks.append({.kind = Kind::Feed, .size = qBound(0, lines, 255)});
    return *this;
}

PrintDocument &PrintDocument::cut(bool partial)
{
    m_blocks.append({.kind = Kind::Cut, .partialCut = partial});
    return *this;
}

PrintDocument &PrintDocument::openDrawer()
{
    m_blocks.append({.kind = Kind::Drawer});
    return *this;
}

} // namespace pos::printer
