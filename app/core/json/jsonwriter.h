#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace pos::json {

// Compact JSON text written straight into bytes, for the few documents made inside a sale's
// commit, where building a QJsonObject first costs several times as much. Commas are
// placed for the caller; nesting is the caller's to balance.
class Writer
{
public:
    Writer &beginObject() { return open('{'); }
    Writer &endObject() { return close('}'); }
    Writer &beginArray() { return open('['); }
    Writer &endArray() { return close(']'); }

    // A member name; the value follows.
    Writer &key(QLatin1StringView name);

    Writer &value(const QString &text);
    Writer &value(QLatin1StringView text);
    Writer &value(qint64 number);
    Writer &value(int number) { return value(qint64(number)); }
    Writer &null();
    // The text, or null when it is empty.
    Writer &textOrNull(const QString &text) { return text.isEmpty() ? null() : value(text); }

    const QByteArray &bytes() const { return m_out; }

private:
    Writer &open(char bracket);
    Writer &close(char bracket);
    void separate();
    void quoted(const QByteArray &utf8);

    QByteArray m_out;
    bool m_first = true;    // nothing yet at this level: no comma before the next item
    bool m_afterKey = false; // a key was just written: its value takes no comma
};

} // namespace pos::json
