#include "jsonreader.h"

#include "text/safetext.h"

#include <QCoreApplication>

#include <charconv>

namespace pos::json {

namespace {

constexpr int maxDepth = 64;

QString tr(const char *text)
{
    return QCoreApplication::translate("pos::json::Reader", text);
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Length of a valid UTF-8 sequence starting at s[0], or 0 when it is not one.
size_t utf8SequenceLength(std::string_view s)
{
    const auto b0 = static_cast<unsigned char>(s[0]);
    size_t len = 0;
    char32_t cp = 0;
    if (b0 < 0x80)
        return 1;
    if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; }
    else return 0;
    if (s.size() < len)
        return 0;
    for (size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

} // namespace

bool Reader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

void Reader::skipSpace()
{
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            break;
        ++m_pos;
    }
}

bool Reader::parse(std::string_view text)
{
    m_text = text;
    m_pos = 0;
    m_nodes.clear();
    m_unescaped.clear();
    m_error.clear();
    skipSpace();
    if (parseValue(0) < 0)
        return false;
    skipSpace();
    if (m_pos != m_text.size())
        return fail(tr("malformed JSON: unexpected text after the value at column %1").arg(m_pos + 1));
    return true;
}

int Reader::parseValue(int depth)
{
    if (depth > maxDepth) {
        fail(tr("malformed JSON: nested too deeply"));
        return -1;
    }
    if (m_pos >= m_text.size()) {
        fail(tr("malformed JSON: unexpected end of line"));
        return -1;
    }
    const int index = int(m_nodes.size());
    m_nodes.emplace_back();
    const char c = m_text[m_pos];
    auto literal = [&](std::string_view word) {
        if (m_text.substr(m_pos, word.size()) != word)
            return false;
        m_pos += word.size();
        return true;
    };
    switch (c) {
    case '{':
    case '[':
        return parseContainer(index, depth) ? index : -1;
    case '"': {
        std::string_view s;
        if (!parseString(s))
            return -1;
        m_nodes[size_t(index)].type = Type::String;
        m_nodes[size_t(index)].text = s;
        return index;
    }
    case 't':
    case 'f':
        if (literal("true") || literal("false")) {
            m_nodes[size_t(index)].type = Type::Bool;
            m_nodes[size_t(index)].boolean = c == 't';
            return index;
        }
        break;
    case 'n':
        if (literal("null"))
            return index;
        break;
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            if (!parseNumber(m_nodes[size_t(index)]))
                return -1;
            return index;
        }
        break;
    }
    fail(tr("malformed JSON: unexpected character at column %1").arg(m_pos + 1));
    return -1;
}

// An object or an array: the same comma-separated loop, objects with "name": before each value.
bool Reader::parseContainer(int index, int depth)
{
    const bool object = m_text[m_pos] == '{';
    const char close = object ? '}' : ']';
    m_nodes[size_t(index)].type = object ? Type::Object : Type::Array;
    ++m_pos;
    skipSpace();
    if (m_pos < m_text.size() && m_text[m_pos] == close) {
        ++m_pos;
        return true;
    }
    for (int last = -1;;) {
        skipSpace();
        std::string_view key;
        if (object) {
            if (m_pos >= m_text.size() || m_text[m_pos] != '"' || !parseString(key))
                return fail(tr("malformed JSON: expected a member name at column %1").arg(m_pos + 1));
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                return fail(tr("malformed JSON: expected ':' at column %1").arg(m_pos + 1));
            ++m_pos;
            skipSpace();
        }
        const int child = parseValue(depth + 1);
        if (child < 0)
            return false;
        m_nodes[size_t(child)].key = key;
        (last < 0 ? m_nodes[size_t(index)].firstChild : m_nodes[size_t(last)].next) = child;
        last = child;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ',') {
            ++m_pos;
            continue;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == close) {
            ++m_pos;
            return true;
        }
        return fail(object ? tr("malformed JSON: expected ',' or '}' at column %1").arg(m_pos + 1)
                           : tr("malformed JSON: expected ',' or ']' at column %1").arg(m_pos + 1));
    }
}

bool Reader::parseString(std::string_view &out)
{
    ++m_pos; // opening quote
    const size_t start = m_pos;
    std::string *buffer = nullptr;
    size_t plainFrom = start;
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (c == '"') {
            if (buffer) {
                buffer->append(m_text.substr(plainFrom, m_pos - plainFrom));
                out = *buffer;
            } else {
                out = m_text.substr(start, m_pos - start);
            }
            ++m_pos;
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20)
            return fail(tr("malformed JSON: control character in a string at column %1").arg(m_pos + 1));
        if (static_cast<unsigned char>(c) >= 0x80) {
            const size_t len = utf8SequenceLength(m_text.substr(m_pos));
            if (len == 0)
                return fail(tr("malformed JSON: invalid UTF-8 at column %1").arg(m_pos + 1));
            m_pos += len;
            continue;
        }
        if (c != '\\') {
            ++m_pos;
            continue;
        }
        if (!buffer)
            buffer = &m_unescaped.emplace_back();
        buffer->append(m_text.substr(plainFrom, m_pos - plainFrom));
        if (m_pos + 1 >= m_text.size())
            break;
        const char e = m_text[m_pos + 1];
        m_pos += 2;
        switch (e) {
        case '"': buffer->push_back('"'); break;
        case '\\': buffer->push_back('\\'); break;
        case '/': buffer->push_back('/'); break;
        case 'b': buffer->push_back('\b'); break;
        case 'f': buffer->push_back('\f'); break;
        case 'n': buffer->push_back('\n'); break;
        case 'r': buffer->push_back('\r'); break;
        case 't': buffer->push_back('\t'); break;
        case 'u': {
            auto readHex4 = [&](char32_t &v) {
                if (m_pos + 4 > m_text.size())
                    return false;
                v = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hexValue(m_text[m_pos + size_t(i)]);
                    if (h < 0)
                        return false;
                    v = (v << 4) | char32_t(h);
                }
                m_pos += 4;
                return true;
            };
            char32_t cp = 0;
            if (!readHex4(cp))
                return fail(tr("malformed JSON: bad \\u escape at column %1").arg(m_pos + 1));
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                char32_t low = 0;
                if (m_text.substr(m_pos, 2) != "\\u")
                    return fail(tr("malformed JSON: unpaired surrogate at column %1").arg(m_pos + 1));
                m_pos += 2;
                if (!readHex4(low) || low < 0xDC00 || low > 0xDFFF)
                    return fail(tr("malformed JSON: unpaired surrogate at column %1").arg(m_pos + 1));
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail(tr("malformed JSON: unpaired surrogate at column %1").arg(m_pos + 1));
            }
            appendUtf8(*buffer, cp);
            break;
        }
        default:
            return fail(tr("malformed JSON: bad escape at column %1").arg(m_pos));
        }
        plainFrom = m_pos;
    }
    return fail(tr("malformed JSON: unterminated string"));
}

bool Reader::parseNumber(Node &n)
{
    const size_t start = m_pos;
    if (m_text[m_pos] == '-')
        ++m_pos;
    auto digits = [&] {
        const size_t from = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
            ++m_pos;
        return m_pos - from;
    };
    const size_t intStart = m_pos;
    const size_t intDigits = digits();
    if (intDigits == 0 || (intDigits > 1 && m_text[intStart] == '0'))
        return fail(tr("malformed JSON: bad number at column %1").arg(start + 1));
    bool isInteger = true;
    if (m_pos < m_text.size() && m_text[m_pos] == '.') {
        ++m_pos;
        if (digits() == 0)
            return fail(tr("malformed JSON: bad number at column %1").arg(start + 1));
        isInteger = false;
    }
    if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
            ++m_pos;
        if (digits() == 0)
            return fail(tr("malformed JSON: bad number at column %1").arg(start + 1));
        isInteger = false;
    }
    n.text = m_text.substr(start, m_pos - start);
    n.type = Type::Number;
    if (isInteger) {
        const auto [ptr, ec] = std::from_chars(n.text.data(), n.text.data() + n.text.size(), n.integer);
        if (ec == std::errc() && ptr == n.text.data() + n.text.size())
            n.type = Type::Integer; // out of range stays a Number: not a usable integer
    }
    return true;
}

int Reader::member(int object, std::string_view key) const
{
    int found = -1;
    for (int c = node(object).firstChild; c >= 0; c = node(c).next) {
        if (node(c).key == key)
            found = c;
    }
    return found;
}

namespace {

// The character whose UTF-8 starts at s[i] (a byte of 0x80 or more), if it is one a terminal
// must not get raw — a C1 control (0x9b is CSI), a bidi override or another format character
// — with its length in bytes; 0 for any other character (Chinese, emoji…) or a broken
// sequence (copied as it is, as before).
size_t unsafeSequenceAt(std::string_view s, size_t i, char32_t &code)
{
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char lead = b(0);
    const size_t length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 0;
    if (length == 0 || i + length > s.size())
        return 0;
    char32_t cp = lead & (length == 2 ? 0x1f : length == 3 ? 0x0f : 0x07);
    for (size_t k = 1; k < length; ++k) {
        if ((b(k) & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (b(k) & 0x3f);
    }
    if (!isUnsafeChar(cp))
        return 0;
    code = cp;
    return length;
}

} // namespace

void appendString(std::string &out, std::string_view s)
{
    static constexpr char hex[] = "0123456789abcdef";
    const auto appendUnit = [&](char32_t unit) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4)
            out.push_back(hex[(unit >> shift) & 0xF]);
    };
    out.push_back('"');
    // Plain characters are copied in runs; only the few that need escaping go one by one:
    // C0 controls, '"' and '\\' as JSON requires, and DEL, C1 controls and format characters
    // (a bidi override) as \uXXXX too, so a line of this JSON on a terminal can't act on it.
    size_t runStart = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7f)
            continue;
        if (c >= 0x80) {
            char32_t code = 0;
            const size_t length = unsafeSequenceAt(s, i, code);
            if (length == 0)
                continue;
            out.append(s.data() + runStart, i - runStart);
            if (code >= 0x10000) {
                appendUnit(0xd800 + ((code - 0x10000) >> 10));
                appendUnit(0xdc00 + ((code - 0x10000) & 0x3ff));
            } else {
                appendUnit(code);
            }
            i += length - 1;
            runStart = i + 1;
            continue;
        }
        out.append(s.data() + runStart, i - runStart);
        runStart = i + 1;
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
            out.append("\\u00");
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
        }
    }
    out.append(s.data() + runStart, s.size() - runStart);
    out.push_back('"');
}

void appendString(std::string &out, const QString &s)
{
    // Ids and times are plain ASCII: written straight from UTF-16, without a UTF-8 copy.
    const size_t start = out.size();
    out.push_back('"');
    for (const QChar ch : s) {
        const char16_t c = ch.unicode();
        if (c < 0x20 || c >= 0x80 || c == u'"' || c == u'\\') {
            out.resize(start);
            const QByteArray utf8 = s.toUtf8();
            appendString(out, std::string_view(utf8.constData(), size_t(utf8.size())));
            return;
        }
        out.push_back(char(c));
    }
    out.push_back('"');
}

} // namespace pos::json
