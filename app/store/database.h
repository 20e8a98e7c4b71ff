#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QHash>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <memory>

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

    // SQL NULL as a bind value (a null QString binds as '').
    static QVariant null() { return QVariant(); }
    // The value, or NULL when it is empty.
    static QVariant nullIfEmpty(const QString &s) { return s.isEmpty() ? null() : QVariant(s); }

    // Runs one statement; the error message names what failed.
    Result<QSqlQuery> exec(const QString &sql, std::initializer_list<QVariant> binds = {}) const;

    // For hot paths: runs a statement kept prepared on this connection, hands each result
    // row to `row`, then resets the statement (so no read snapshot stays open).
    Status run(const QString &sql, std::initializer_list<QVariant> binds = {},
               const std::function<void(const QSqlQuery &)> &row = {}) const;

    // Copies committed pages from the WAL into the database file without blocking anyone,
    // once the WAL has grown past a few hundred pages. Run it when the till is idle (after a
    // sale is shown), never inside a sale's commit. Returns whether it checkpointed.
    bool checkpointIfDue() const;
    static constexpr int checkpointDueFrames = 1000;  // what SQLite itself would wait for
    static constexpr int checkpointForcedFrames = 20000; // if idle time never comes

    // The default location: under the user's data directory, shared by pos-till and posctl.
    static QString defaultPath();
    // SQLite's message, turned into something a cashier or support engineer can act on.
    static QString describeError(const QSqlError &error);

private:
    static Status prepare(QSqlQuery &q, const QString &sql);
    static Status execute(QSqlQuery &q, const QString &sql, std::initializer_list<QVariant> binds);
    static void bind(QSqlQuery &q, std::initializer_list<QVariant> binds);
    void watchWal(const QSqlDatabase &db);
    QString m_connection;
    QString m_path;
    mutable QHash<QString, QSqlQuery> m_prepared;
    // Pages in the WAL after the last commit, as SQLite's WAL hook reports them.
    std::shared_ptr<int> m_walFrames = std::make_shared<int>(0);
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
