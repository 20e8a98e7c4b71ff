#pragma once

#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

namespace pos::printer {

enum class Align : quint8 { Left, Center, Right };

struct TextStyle
{
    Align align = Align::Left;
    bool bold = false;
    bool underline = false;
    bool doubleWidth = false;
    bool doubleHeight = false;

    friend bool operator==(const TextStyle &, const TextStyle &) = default;
};

// A column of a Columns block, in character columns of the normal font; width 0 takes what
// the others leave. A Chinese character takes two columns.
struct Column
{
    int width = 0;
    Align align = Align::Left;
};

enum class BarcodeType : quint8 { Code128, Ean13 };

// One thing on the paper, in order.
struct Block
{
    enum class Kind : quint8 { Text, Columns, Rule, QrCode, Barcode, Image, Feed, Cut, Drawer };
    Kind kind = Kind::Text;
    // Every member has an initialiser, so a block can be written naming only what it uses.
    TextStyle style = {};
    QString text = {};          // Text (wrapped at the paper width), QrCode and Barcode data
    QStringList cells = {};     // Columns
    QList<Column> columns = {}; // Columns
    QChar ruleChar = u'-';
    int size = 0;          // QrCode: module size in dots (1–16); Feed: lines
    BarcodeType barcode = BarcodeType::Code128;
    QImage image = {};     // Image (a logo): scaled down to the head width, never up
    bool partialCut = true;
};

// What to print, independent of any printer: the encoder turns it into a model's bytes.
// Knows nothing of orders (the receipt layout in app/services builds one from an order).
class PrintDocument
{
public:
    PrintDocument &text(const QString &text, TextStyle style = {});
    PrintDocument &columns(const QStringList &cells, const QList<Column> &columns, TextStyle style = {});
    PrintDocument &rule(QChar ch = u'-');
    PrintDocument &qrCode(const QString &data, int moduleSize = 6, Align align = Align::Center);
    PrintDocument &barcode(const QString &data, BarcodeType type = BarcodeType::Code128);
    PrintDocument &image(const QImage &image, Align align = Align::Center);
    PrintDocument &feed(int lines = 1);
    PrintDocument &cut(bool partial = true);
    PrintDocument &openDrawer();

    const QList<Block> &blocks() const { return m_blocks; }

private:
    QList<Block> m_blocks;
};

} // namespace pos::printer
