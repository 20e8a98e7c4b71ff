#include "textcolumns.h"

#include "text/safetext.h"

#include <QList>

namespace pos {

namespace {
bool isWide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
           || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
           || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}
} // namespace

QString terminalText(const QString &text)
{
    return visibleText(text);
}

int displayWidth(const QString &text)
{
    int width = 0;
    for (const uint c : text.toUcs4())
        width += isWide(c) ? 2 : 1;
    return width;
}

QString padToWidth(const QString &text, int width, bool alignRight)
{
    const QString shown = terminalText(text);
    const int pad = qMax(0, width - displayWidth(shown));
    return alignRight ? QString(pad, u' ') + shown : shown + QString(pad, u' ');
}

} // namespace pos
