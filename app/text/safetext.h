#pragma once

#include <QString>
#include <QStringView>

namespace pos {

// A character that must not reach a terminal, a printer or a log line as it is: C0 controls
// (ESC, GS, FS, DLE, CR, LF, tab… — NUL to 0x1f), DEL, the C1 controls 0x80–0x9f (0x9b is a
// terminal's CSI), Unicode format characters (bidi embeddings, overrides and isolates,
// LRM/RLM, zero-width characters, the BOM, soft hyphen, tags), the line and paragraph
// separators U+2028/U+2029, and a lone surrogate (half of a character).
bool isUnsafeChar(char32_t c);
bool hasUnsafeChars(QStringView text);

// The text with every unsafe character shown as a visible escape — \n, \r, \t, \x1b, \x9b,
// \u202e, \U000e0001 — so it shows on one line, nothing in it acts on the terminal and
// support can read what was there. Everything else (Chinese, emoji, a backslash) is kept.
QString visibleText(QStringView text);

// What a person, a scanner, a file or HQ gave, as a message quotes it back: trimmed, shown
// as visibleText(), and at most `max` characters of that (an escape is never cut in half),
// with '…' when something was left out — a 30,000-character argument is not echoed whole.
QString shownInput(QStringView input, qsizetype max = 40);

// A file name or address in a message: like shownInput(), but a long one keeps its end
// ("…/guide-pos/till.db"), where the part that tells paths apart usually is.
QString shownPath(QStringView path, qsizetype max = 40);

} // namespace pos
