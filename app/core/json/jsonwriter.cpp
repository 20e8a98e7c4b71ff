#include "jsonwriter.h"

namespace pos::json {

void Writer::separate()
{
    if (m_afterKey)
        m_afterKey = false;
    else if (!m_first)
        m_out += ',';
    m_first = false;
}

Writer &Writer::open(char bracket)
{
    separate();
    m_out += bracket;
    m_first = true;
    return *this;
}

Writer &Writer::close(char bracket)
{
    m_out += bracket;
    m_first = false;
    return *this;
}

Writer &Writer::key(QLatin1StringView name)
{
    separate();
    quoted(QByteArray(name.data(), name.size()));
    m_out += ':';
    m_afterKey = true;
    return *this;
}

Writer &Writer::value(const QString &text)
{
    separate();
    quoted(text.toUtf8());
    return *this;
}

Writer &Writer::value(QLatin1StringView text)
{
    separate();
    quoted(QByteArray(text.data(), text.size()));
    return *this;
}

Writer &Writer::value(qint64 number)
{
    separate();
    m_out += QByteArray::number(number);
    return *this;
}

Writer &Writer::null()
{
    separate();
    m_out += "null";
    return *this;
}

void Writer::quoted(const QByteArray &utf8)
{
    static constexpr char hex[] = "0123456789abcdef";
    m_out.reserve(m_out.size() + utf8.size() + 2);
    m_out += '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            m_out += '\\';
            m_out += c;
        } else if (u < 0x20) {
            // Control characters (a serial scanner's garbage in a name) as \u00XX: valid JSON.
            m_out += "\\u00";
            m_out += hex[u >> 4];
            m_out += hex[u & 0x0F];
        } else {
            m_out += c; // UTF-8 passes through as it is
        }
    }
    m_out += '"';
}

} // namespace pos::json
