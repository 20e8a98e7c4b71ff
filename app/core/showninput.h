#pragma once

#include <QString>

namespace pos {

// What a person or a scanner typed, as a message quotes it back: at most `max` characters
// (a 10,000-character paste is not echoed whole) and control characters shown as '?'.
inline QString shownInput(const QString &input, qsizetype max = 40)
{
    QString shown = input.trimmed().left(max);
    for (QChar &c : shown)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = u'?';
    return input.trimmed().size() > max ? shown + QChar(0x2026) : shown;
}

} // namespace pos
