#pragma once

#include "printdocument.h"

#include <QString>
#include <QStringList>

namespace pos::printer {

// What any text of a print document — a text block, a column cell, a QR payload — may put on
// paper. The encoder applies it to every one of them whatever its source (a product or guide
// name, a payment reference, the receipt's header and footer, anything from HQ), so no byte
// sequence from data can become a printer command:
//   - a line break (LF, CR LF, CR, U+2028, U+2029) ends the line in a text block (Keep) and is
//     one space in a column cell or a QR payload (AsSpace), which are one line each;
//   - a tab, vertical tab or form feed is one space;
//   - any other control character — C0 (NUL, ESC, GS, FS, DLE, …), DEL, C1 (0x80–0x9f) — and
//     half of a surrogate pair print as '?', so the paper shows that something was there;
//   - format characters (bidi embeddings, overrides and isolates, LRM/RLM, zero-width
//     characters, BOM, soft hyphen, tags) are dropped: they have no glyph, and a receipt
//     printer prints left to right whatever they say.
enum class LineBreaks : quint8 { Keep, AsSpace };
QString printableText(QStringView text, LineBreaks breaks = LineBreaks::AsSpace);

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
