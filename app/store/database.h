#pragma once

#include "core/result.h"
#include "startupcheck.h"

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

class DirectWrites;

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

    // Opens (creating if needed, 0600) the file and brings its schema to the latest version.
    // `path` is a file, or an SQLite URI (file:/x/till.db?vfs=NAME) for a VFS of our own.
    // The file is checked (SQLite's quick_check) when the last process that had it open died
    // without closing it (a crash, a kill, a power cut), and at least once a day. Only real
    // damage (SQLite's CORRUPT or NOTADB, or a failed check) sets the file aside (Quarantine:
    // never deleted, never while another process has it open); a full disk, a read-only file
    // or a permission problem refuses the open with that reason and moves nothing. A path
    // with a file set aside is refused until a person decides (clearQuarantine).
    // Nothing here opens the database file other than through SQLite.
    Status open(const QString &path);
    // The same without migrating (for tests of the migrations themselves).
    Status openWithoutMigrating(const QString &path);
    void close();

    QSqlDatabase handle() const;
    const QString &path() const { return m_path; }
    // The database file itself (the path without a URI's scheme and query), canonical: the
    // same name however a link or a relative path reached it.
    static QString fileOf(const QString &path);
    QString filePath() const { return fileOf(m_path); }

    // Why the path is refused (the note left beside a database that failed its check, or
    // set-aside files beside a missing database). Empty when the path may be opened.
    static QString quarantineNote(const QString &path);
    // A person decided (a backup restored, or a new database to start): the till may open
    // the path again. The moved-aside files stay where they are.
    static Status clearQuarantine(const QString &path);
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

    // For a sale's inserts: a statement that returns no rows, kept prepared and run through
    // SQLite's own API (DirectWrites). Same binds, same errors as run().
    Status write(const QString &sql, std::initializer_list<QVariant> binds) const;

    // Copies committed pages from the WAL into the database file without blocking anyone,
    // once the WAL has grown past a few hundred pages. Run it when the till is idle (after a
    // sale is shown), never inside a sale's commit. Returns whether it checkpointed.
    bool checkpointIfDue() const;
    static constexpr int checkpointDueFrames = 1000;  // what SQLite itself would wait for
    static constexpr int checkpointForcedFrames = 20000; // if idle time never comes

    // Writes and syncs one small row, as a sale's commit would: a full disk or a failing one
    // shows here, before the customer pays, rather than after.
    Status probeWrite() const;

    // The default location: under the user's data directory, shared by pos-till and posctl.
    static QString defaultPath();
    // SQLite's message, turned into something a cashier or support engineer can act on.
    static QString describeError(const QSqlError &error);
    static QString describeError(int sqliteCode, const QString &text);

private:
    static Status prepare(QSqlQuery &q, const QString &sql);
    static Status execute(QSqlQuery &q, const QString &sql, std::initializer_list<QVariant> binds);
    static void bind(QSqlQuery &q, std::initializer_list<QVariant> binds);
    void closeConnection(); // close() without letting go of the open marker
    void watchWal(const QSqlDatabase &db);
    // SQLite's extended code of the last failure on this connection (0 when not open).
    int lastErrorCode() const;
    static bool isDamage(int sqliteCode);
    // quick_check's complaint ("" when the file is sound); a failure when it could not run.
    Result<QString> damageFound() const;
    static Status setAside(const QString &file, const QString &problem, const StartupCheck &startup);
    static Status cannotOpenNow(const QString &file, const QString &why);
    static bool looksLikeATillDatabase(const QString &file);
    static constexpr qint64 lowDiskBytes = 1024 * 1024; // below this, a failure to open is the disk's
    int m_openErrorCode = 0; // SQLite's code when openWithoutMigrating failed, and its words
    QString m_openError;
    StartupCheck::Marker m_openMarker; // held while this connection is open
    QString m_connection;
    QString m_path;
    mutable QHash<QString, QSqlQuery> m_prepared;
    mutable std::unique_ptr<DirectWrites> m_direct; // made on first use, gone before the connection
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

// SAVEPOINT … RELEASE inside a transaction the caller holds: one part of it that can fail
// alone. Unless released, it is rolled back to (undoing only what was done since) and
// released. SQLite checks foreign keys at each statement unless they are DEFERRABLE
// INITIALLY DEFERRED; this schema has none, because a deferred violation would surface only
// at COMMIT, where no savepoint could catch it.
class Savepoint
{
public:
    Savepoint(const Database &db, QString name);
    ~Savepoint();
    Savepoint(const Savepoint &) = delete;
    Savepoint &operator=(const Savepoint &) = delete;

    const Status &begun() const { return m_begun; }
    Status release();
    // Undoes what was done since the savepoint and lets it go.
    Status rollback();

private:
    const Database &m_db;
    QString m_name;
    Status m_begun;
    bool m_open = false;
};

} // namespace pos
