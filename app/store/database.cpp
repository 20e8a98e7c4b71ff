#include "database.h"

#include "migrations.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlDriver>
#include <QStandardPaths>

#include <sqlite3.h>

namespace pos {

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcStore, "pos.store")

namespace {
QAtomicInt connectionCounter;
}

Database::Database()
    : m_connection(u"pos-"_s + QString::number(connectionCounter.fetchAndAddRelaxed(1)))
{
}

Database::~Database()
{
    close();
}

QString Database::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
           + u"/guide-pos/till.db"_s;
}

QString Database::describeError(const QSqlError &error)
{
    const QString native = error.nativeErrorCode();
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (native == u"13"_s || text.contains(u"disk is full"_s))
        return tr("The disk is full: nothing was saved. Free some space and try again.");
    if (native == u"10"_s)
        return tr("The disk reported an I/O error: nothing was saved (%1).").arg(text);
    if (native == u"5"_s || native == u"6"_s)
        return tr("The database is busy with another program: nothing was saved. Try again.");
    if (native == u"11"_s || native == u"26"_s)
        return tr("The database file is damaged or not a till database (%1).").arg(text);
    return text;
}

Status Database::openWithoutMigrating(const QString &path)
{
    close();
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Status::failure(tr("Cannot create the folder %1.").arg(info.absolutePath()));

    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(path);
    if (!db.open())
        return Status::failure(tr("Cannot open the database %1: %2")
                                   .arg(path, describeError(db.lastError())));
    m_path = path;
    for (const QString &pragma : {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s,
                                  u"PRAGMA foreign_keys=ON"_s, u"PRAGMA busy_timeout=5000"_s}) {
        if (auto r = exec(pragma); !r)
            return Status::failure(tr("Cannot open the database %1: %2").arg(path, r.error()));
    }
    watchWal(db);
    // A file that isn't SQLite at all only shows itself on the first read.
    if (auto r = exec(u"SELECT count(*) FROM sqlite_master"_s); !r)
        return Status::failure(tr("Cannot open the database %1: %2").arg(path, r.error()));
    return {};
}

Status Database::open(const QString &path)
{
    if (Status s = openWithoutMigrating(path); !s)
        return s;
    return Migrations::migrate(*this, Migrations::latestVersion());
}

void Database::close()
{
    m_prepared.clear(); // statements go before their connection
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_path.clear();
}

QSqlDatabase Database::handle() const
{
    return QSqlDatabase::database(m_connection, false);
}

int Database::schemaVersion() const
{
    auto r = exec(u"PRAGMA user_version"_s);
    return r && r->next() ? r->value(0).toInt() : -1;
}

Result<QSqlQuery> Database::exec(const QString &sql, std::initializer_list<QVariant> binds) const
{
    QSqlQuery q(handle());
    if (Status s = prepare(q, sql); !s)
        return Result<QSqlQuery>::failure(s.error());
    if (Status s = execute(q, sql, binds); !s)
        return Result<QSqlQuery>::failure(s.error());
    return q;
}

Status Database::prepare(QSqlQuery &q, const QString &sql)
{
    if (q.prepare(sql))
        return {};
    qCWarning(lcStore) << "prepare failed:" << sql << q.lastError().text();
    return Status::failure(describeError(q.lastError()));
}

Status Database::execute(QSqlQuery &q, const QString &sql, std::initializer_list<QVariant> binds)
{
    bind(q, binds);
    if (q.exec())
        return {};
    qCWarning(lcStore) << "exec failed:" << sql << q.lastError().text();
    return Status::failure(describeError(q.lastError()));
}

void Database::bind(QSqlQuery &q, std::initializer_list<QVariant> binds)
{
    int i = 0;
    for (const QVariant &b : binds) {
        // Qt SQL binds a null QString as NULL; only an invalid QVariant (Database::null())
        // means NULL here, so an empty text never trips a NOT NULL column.
        if (b.typeId() == QMetaType::QString && b.toString().isNull())
            q.bindValue(i++, QString(u""_s));
        else
            q.bindValue(i++, b);
    }
}

Status Database::run(const QString &sql, std::initializer_list<QVariant> binds,
                     const std::function<void(const QSqlQuery &)> &row) const
{
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        QSqlQuery q(handle());
        if (Status s = prepare(q, sql); !s)
            return s;
        it = m_prepared.insert(sql, q);
    }
    QSqlQuery &q = *it;
    const Status executed = execute(q, sql, binds);
    if (executed && row) {
        while (q.next())
            row(q);
    }
    q.finish();
    return executed;
}

bool Database::checkpointIfDue() const
{
    if (*m_walFrames < checkpointDueFrames)
        return false;
    if (!run(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
        return false;
    *m_walFrames = 0;
    return true;
}

// SQLite calls this after every commit with the WAL's size. It replaces SQLite's own
// auto-checkpoint, which would run inside the committing sale (a p99 spike every ~100
// sales); checkpoints happen in idle time instead, and here only as a last resort.
static int onWalCommit(void *frames, sqlite3 *db, const char *schema, int pages)
{
    *static_cast<int *>(frames) = pages;
    if (pages >= Database::checkpointForcedFrames)
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

void Database::watchWal(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return;
    if (auto *sqlite = *static_cast<sqlite3 *const *>(handle.data()))
        sqlite3_wal_hook(sqlite, &onWalCommit, m_walFrames.get());
}

Transaction::Transaction(const Database &db) : m_db(db)
{
    m_begun = m_db.run(u"BEGIN IMMEDIATE"_s);
    m_open = m_begun.ok();
}

Transaction::~Transaction()
{
    if (m_open)
        m_db.run(u"ROLLBACK"_s);
}

Status Transaction::commit()
{
    if (!m_open)
        return m_begun.ok() ? Status::failure(Database::tr("No transaction is open.")) : m_begun;
    if (Status s = m_db.run(u"COMMIT"_s); !s)
        return s; // the destructor rolls back
    m_open = false;
    return {};
}

} // namespace pos
