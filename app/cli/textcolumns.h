#pragma once

#include <QString>

namespace pos {

// Data as posctl shows it to a person: a name, a reference, a note in the audit log, a
// setting's value, HQ's last error — anything from the database, a scanner, a file or HQ.
// Control and format characters (ESC and the rest of C0, DEL, C1 such as CSI 0x9b, a bidi
// override, a line break inside a field) are shown as escapes (\x1b, \u202e, \n), so nothing
// in the data acts on the terminal or breaks a table's line. Every human output of posctl
// passes its data through this (padToWidth does it itself); JSON output is escaped by
// jsonLine() instead, and error lines by fail().
QString terminalText(const QString &text);

// Terminal column arithmetic where a Chinese character takes two columns.
int displayWidth(const QString &text);
// The text as terminalText() shows it, padded to `width` columns.
QString padToWidth(const QString &text, int width, bool alignRight = false);

} // namespace pos
