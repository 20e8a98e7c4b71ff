#pragma once

// Key presses as a keyboard's input device reports them (input_event records), for tests
// that stand a FIFO in for /dev/input/eventN.
#include <QByteArray>
#include <QString>

#include <linux/input.h>

namespace pos::test {

inline QByteArray keyEvent(int code, int value)
{
    input_event ev{};
    ev.type = EV_KEY;
    ev.code = quint16(code);
    ev.value = value;
    input_event sync{};
    sync.type = EV_SYN;
    return QByteArray(reinterpret_cast<const char *>(&ev), sizeof ev) + QByteArray(reinterpret_cast<const char *>(&sync), sizeof sync);
}

inline QByteArray press(int code, bool shift = false)
{
    QByteArray out;
    if (shift)
        out += keyEvent(KEY_LEFTSHIFT, 1);
    out += keyEvent(code, 1) + keyEvent(code, 0);
    if (shift)
        out += keyEvent(KEY_LEFTSHIFT, 0);
    return out;
}

// Digits typed on the main row, then Enter: how a wedge scanner sends a GTIN.
inline QByteArray typedDigits(const QString &digits)
{
    static constexpr int row[] = {KEY_0, KEY_1, KEY_2, KEY_3, KEY_4, KEY_5, KEY_6, KEY_7, KEY_8, KEY_9};
    QByteArray out;
    for (QChar c : digits)
        out += press(row[c.digitValue()]);
    return out + press(KEY_ENTER);
}

} // namespace pos::test
