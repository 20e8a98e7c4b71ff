#pragma once

#include <QHash>
#include <QString>
#include <QVariant>

#include <initializer_list>

struct sqlite3;
struct sqlite3_stmt;

namespace pos {

// Statements that return no rows, run through SQLite's own API on Qt's connection and kept
// prepared. A sale's commit is ten-odd inserts; through QSqlQuery each one spends about as
// long in Qt's binding as in SQLite. Binds follow Database's rules: an invalid QVariant is
// NULL, a null QString is ''.
class DirectWrites
{
public:
    explicit DirectWrites(sqlite3 *db) : m_db(db) {}
    ~DirectWrites();
    DirectWrites(const DirectWrites &) = delete;
    DirectWrites &operator=(const DirectWrites &) = delete;

    // SQLite's result code (SQLITE_DONE when it worked) and, on failure, its message.
    struct Outcome
    {
        int code = 0;
        QString message;
        bool ok() const;
    };
    Outcome run(const QString &sql, std::initializer_list<QVariant> binds);

private:
    sqlite3 *m_db;
    QHash<QString, sqlite3_stmt *> m_statements;
};

} // namespace pos
