#include "textlayout.h"

#include "text/safetext.h"

namespace pos::printer {

using namespace Qt::Literals::StringLiterals;

QString printableText(QStringView text, LineBreaks breaks)
{
    if (!hasUnsafeChars(text))
        return text.toString();
    const QChar lineBreak = breaks == LineBreaks::Keep ? QChar(u'\n') : QChar(u' ');
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            const char32_t cp = QChar::surrogateToUcs4(c, text[i + 1]);
            if (!isUnsafeChar(cp)) // else a format character (tags): dropped
                out.append(text.sliced(i, 2));
            ++i;
            continue;
        }
        const char16_t u = c.unicode();
        if (!isUnsafeChar(u)) {
            out += c;
        } else if (u == u'\r') {
            out += lineBreak;
            if (i + 1 < text.size() && text[i + 1] == u'\n')
                ++i; // CR LF is one break
        } else if (u == u'\n' || u == 0x2028 || u == 0x2029) {
            out += lineBreak;
        } else if (u == u'\t' || u == 0x0b || u == 0x0c) {
            out += u' ';
        } else if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || c.isSurrogate()) {
            out += u'?';
        } // else a format character: dropped
    }
    return out;
}

int charWidth(char32_t cp)
{
    if (cp < 0x20 || cp == 0x7f)
        return 0;
    return cp < 0x80 ? 1 : 2;
}

int displayWidth(QStringView text)
{
    int w = 0;
    for (char32_t cp : text.toUcs4())
        w += charWidth(cp);
    return w;
}

namespace {

// The longest prefix of `text` (in UTF-16 units) that fits `width` columns.
qsizetype prefixFitting(QStringView text, int width)
{
    int used = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const bool pair = text[i].isHighSurrogate() && i + 1 < text.size();
        const char32_t cp = pair ? QChar::surrogateToUcs4(text[i], text[i + 1]) : text[i].unicode();
        const int w = charWidth(cp);
        if (used + w > width)
            break;
        used += w;
        i += pair ? 2 : 1;
    }
    return i;
}

} // namespace

QStringList wrapToWidth(const QString &text, int width)
{
    QStringList lines;
    for (const QString &paragraph : text.split(u'\n')) {
        QStringView rest(paragraph);
        if (rest.isEmpty())
            lines.append(QString());
        while (!rest.isEmpty()) {
            qsizetype cut = prefixFitting(rest, width);
            if (cut == 0)
                cut = 1; // a wide character on a one-column line: print it anyway
            if (cut < rest.size()) {
                // Break a Latin word at the last space, if there is one on this line.
                const qsizetype space = rest.first(cut + 1).lastIndexOf(u' ');
                if (space > 0 && rest[cut - 1].unicode() < 0x80 && rest[cut].unicode() < 0x80 && rest[cut] != u' ')
                    cut = space;
            }
            lines.append(rest.first(cut).toString());
            rest = rest.sliced(cut);
            while (!rest.isEmpty() && rest.front() == u' ')
                rest = rest.sliced(1);
        }
    }
    return lines;
}

QString fitToWidth(const QString &text, int width, Align align)
{
    QString cut = text.left(prefixFitting(text, width));
    const int gap = width - displayWidth(cut);
    switch (align) {
    case Align::Left:
        return cut + QString(gap, u' ');
    case Align::Right:
        return QString(gap, u' ') + cut;
    case Align::Center:
        return QString(gap / 2, u' ') + cut + QString(gap - gap / 2, u' ');
    }
    return cut;
}

QString layoutColumns(const QStringList &cells, const QList<Column> &columns, int width)
{
    int fixed = 0;
    int flexible = 0;
    for (const Column &c : columns) {
        fixed += c.width;
        flexible += c.width == 0 ? 1 : 0;
    }
    const int spare = qMax(0, width - fixed);
    QString line;
    int given = 0;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        int w = columns[i].width;
        if (w == 0)
            w = spare / flexible + (given++ < spare % flexible ? 1 : 0);
        line += fitToWidth(i < cells.size() ? cells[i] : QString(), w, columns[i].align);
    }
    return fitToWidth(line, width, Align::Left);
}

} // namespace pos::printer
