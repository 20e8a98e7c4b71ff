#include "safetext.h"

#include <QChar>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

// One character of the text: a code point, or a lone surrogate as itself (unsafe).
struct Unit
{
    char32_t code;
    qsizetype length; // in UTF-16 units
};

Unit unitAt(QStringView text, qsizetype i)
{
    const QChar c = text[i];
    if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
        return {QChar::surrogateToUcs4(c, text[i + 1]), 2};
    return {c.unicode(), 1};
}

QString escaped(char32_t c)
{
    switch (c) {
    case U'\n': return u"\\n"_s;
    case U'\r': return u"\\r"_s;
    case U'\t': return u"\\t"_s;
    default: break;
    }
    if (c < 0x100)
        return u"\\x%1"_s.arg(uint(c), 2, 16, QChar(u'0'));
    if (c < 0x10000)
        return u"\\u%1"_s.arg(uint(c), 4, 16, QChar(u'0'));
    return u"\\U%1"_s.arg(uint(c), 8, 16, QChar(u'0'));
}

// The visible form of one character.
QString piece(QStringView text, Unit u, qsizetype at)
{
    return isUnsafeChar(u.code) ? escaped(u.code) : text.sliced(at, u.length).toString();
}

} // namespace

bool isUnsafeChar(char32_t c)
{
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return true;
    if (c < 0xa0)
        return false;
    if (c >= 0xd800 && c <= 0xdfff) // only ever seen alone here
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return false;
    }
}

bool hasUnsafeChars(QStringView text)
{
    for (qsizetype i = 0; i < text.size();) {
        const Unit u = unitAt(text, i);
        if (isUnsafeChar(u.code))
            return true;
        i += u.length;
    }
    return false;
}

QString visibleText(QStringView text)
{
    if (!hasUnsafeChars(text))
        return text.toString();
    QString out;
    out.reserve(text.size() + 16);
    for (qsizetype i = 0; i < text.size();) {
        const Unit u = unitAt(text, i);
        if (isUnsafeChar(u.code))
            out += escaped(u.code);
        else
            out += text.sliced(i, u.length);
        i += u.length;
    }
    return out;
}

QString shownInput(QStringView input, qsizetype max)
{
    const QStringView text = input.trimmed();
    QString shown;
    for (qsizetype i = 0; i < text.size();) {
        const Unit u = unitAt(text, i);
        const QString p = piece(text, u, i);
        if (shown.size() + p.size() > max)
            return shown + QChar(0x2026);
        shown += p;
        i += u.length;
    }
    return shown;
}

QString shownPath(QStringView path, qsizetype max)
{
    const QStringView text = path.trimmed();
    QString shown;
    for (qsizetype end = text.size(); end > 0;) {
        const bool pair = end >= 2 && text[end - 1].isLowSurrogate() && text[end - 2].isHighSurrogate();
        const qsizetype at = end - (pair ? 2 : 1);
        const QString p = piece(text, unitAt(text, at), at);
        if (shown.size() + p.size() > max)
            return QChar(0x2026) + shown;
        shown.prepend(p);
        end = at;
    }
    return shown;
}

} // namespace pos
