#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>

namespace pos {

// One SQLite connection of this thread, opened with the pragmas a till needs:
// WAL (a back-office reader never blocks the till), synchronous=FULL (a committed sale
// survives power loss), foreign keys, and a busy timeout.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating if needed) the file and brings its schema to the latest version.
    Status open(const QString &path);
    // The same without migrating (for tests of the migrations themselves).
    Status openWithoutMigrating(const QString &path);
    void close();

    QSqlDatabase handle() const;
    const QString &path() const { return m_path; }
    int schemaVersion() const;

    // Runs one statement; the error message names what failed.
    Result<QSqlQuery> exec(const QString &sql, std::initializer_list<QVariant> binds = {}) const;

    // The default location: under the user's data directory, shared by pos-till and posctl.
    static QString defaultPath();
    // SQLite's message, turned into something a cashier or support engineer can act on.
    static QString describeError(const QSqlError &error);

private:
    QString m_connection;
    QString m_path;
};

// BEGIN IMMEDIATE … COMMIT, rolled back unless committed: takes the write lock up front so
// a commit can't fail half-way for lack of it.
class Transaction
{
public:
    explicit Transaction(const Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    const Status &begun() const { return m_begun; }
    Status commit();

private:
    const Database &m_db;
    Status m_begun;
    bool m_open = false;
};

} // namespace pos
