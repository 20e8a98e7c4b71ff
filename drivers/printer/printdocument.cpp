#include "printdocument.h"

namespace pos::printer {

PrintDocument &PrintDocument::text(const QString &text, TextStyle style)
{
    Block b;
    b.kind = Block::Kind::Text;
    b.text = text;
    b.style = style;
    m_blocks.append(b);
    return *this;
}

PrintDocument &PrintDocument::columns(const QStringList &cells, const QList<Column> &columns, TextStyle style)
{
    Block b;
    b.kind = Block::Kind::Columns;
    b.cells = cells;
    b.columns = columns;
    b.style = style;
    m_blocks.append(b);
    return *this;
}

PrintDocument &PrintDocument::rule(QChar ch)
{
    Block b;
    b.kind = Block::Kind::Rule;
    b.ruleChar = ch;
    m_blocks.append(b);
    return *this;
}

PrintDocument &PrintDocument::qrCode(const QString &data, int moduleSize, Align align)
{
    Block b;
    b.kind = Block::Kind::QrCode;
    b.text = data;
    b.size = qBound(1, moduleSize, 16);
    b.style.align = align;
    m_blocks.append(b);
    return *this;
}

PrintDocument &PrintDocument::barcode(const QString &data, BarcodeType type)
{
    Block b;
    b.kind = Block::Kind::Barcode;
    b.text = data;
    b.barcode = type;
    b.style.align = Align::Center;
    m_blocks.append(b);
    return *this;
}

PrintDocument &PrintDocument::image(const QImage &image, Align align)
{
    Block b;
    b.kind = Block::Kind::Image;
    b.image = image;
    b.style.align = align;
    m_blocks.append(b);
    return *this;
}

PrintDocument &PrintDocument::feed(int lines)
{
    Block b;
    b.kind = Block::Kind::Feed;
    b.size = qBound(0, lines, 255);
    m_blocks.append(b);
    return *this;
}

PrintDocument &PrintDocument::cut(bool partial)
{
    Block b;
    b.kind = Block::Kind::Cut;
    b.partialCut = partial;
    m_blocks.append(b);
    return *this;
}

PrintDocument &PrintDocument::openDrawer()
{
    Block b;
    b.kind = Block::Kind::Drawer;
    m_blocks.append(b);
    return *this;
}

} // namespace pos::printer
