#pragma once

#include <QString>
#include <QtGlobal>

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace pos::json {

// A strict, allocation-light JSON reader for one line of an event stream. QJsonDocument
// can't tell 100 from 100.0 and loses integers past 2^53; the attribution contract needs
// exact integers and a clear "ill-typed" for 1.5 or 1e3, and the replay must read a
// million lines a second.
// The tree is flat (indices, not pointers) and reused from one parse to the next.
class Reader
{
public:
    enum class Type : quint8 { Null, Bool, Integer, Number, String, Array, Object };

    struct Node
    {
        Type type = Type::Null;
        bool boolean = false;
        qint64 integer = 0;          // Type::Integer only
        std::string_view text;       // String: the decoded UTF-8; Number: the token
        std::string_view key;        // the member name when the parent is an object
        int firstChild = -1;
        int next = -1;
    };

    // Parses text (one JSON value, surrounding whitespace allowed). The root is node 0.
    bool parse(std::string_view text);
    const QString &error() const { return m_error; }

    const Node &node(int index) const { return m_nodes[size_t(index)]; }
    static constexpr int root = 0;
    // The member named key of an object node (the last one if repeated), or -1.
    int member(int object, std::string_view key) const;

private:
    int parseValue(int depth);
    bool parseContainer(int index, int depth);
    bool parseString(std::string_view &out);
    bool parseNumber(Node &n);
    void skipSpace();
    bool fail(const QString &message);

    std::string_view m_text;
    size_t m_pos = 0;
    std::vector<Node> m_nodes;
    std::deque<std::string> m_unescaped; // stable storage for strings that had escapes
    QString m_error;
};

// Appends s to out as a JSON string literal (UTF-8, quotes included).
void appendString(std::string &out, std::string_view s);
void appendString(std::string &out, const QString &s);

} // namespace pos::json
