#pragma once

#include "printdocument.h"

#include <QString>
#include <QStringList>

namespace pos::printer {

// Columns a text takes on a receipt printer: an ASCII character one, anything else (a
// Chinese character, ￥, ×, ·) two — that is how double-byte fonts print them.
int displayWidth(QStringView text);
int charWidth(char32_t codePoint);

// The text cut into lines of at most `width` columns, breaking Latin words at spaces when
// it can; explicit newlines are kept.
QStringList wrapToWidth(const QString &text, int width);

// Exactly `width` columns: cut (never half a wide character) or padded as aligned.
QString fitToWidth(const QString &text, int width, Align align);

// The cells of a Columns block laid out on one line of `width` columns.
QString layoutColumns(const QStringList &cells, const QList<Column> &columns, int width);

} // namespace pos::printer
