#include "database.h"

#include "directwrites.h"
#include "migrations.h"

#include "core/showninput.h"

#include <QAtomicInt>
#include <QDir>
#include <QUrl>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlDriver>
#include <QStandardPaths>

#include <sqlite3.h>

#include <cerrno>
#include <csignal>

namespace pos {

using namespace Qt::Literals::StringLiterals;

// SQLite's own handle under Qt's connection (null if the driver is not SQLite): for the WAL
// hook and for DirectWrites.
static sqlite3 *sqliteOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.data());
}

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
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric);
    return describeError(numeric ? code : -1, error.databaseText().isEmpty() ? error.text() : error.databaseText());
}

QString Database::describeError(int sqliteCode, const QString &text)
{
    const int primary = sqliteCode < 0 ? -1 : (sqliteCode & 0xff); // extended codes keep it in the low byte
    if (primary == SQLITE_FULL || text.contains(u"disk is full"_s))
        return tr("The disk is full: nothing was saved. Free some space and try again.");
    if (primary == SQLITE_IOERR)
        return tr("The disk reported an I/O error: nothing was saved (%1).").arg(text);
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return tr("The database is busy with another program: nothing was saved. Try again.");
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        return tr("The database file is damaged or not a till database (%1).").arg(text);
    return text;
}

QString Database::fileOf(const QString &path)
{
    if (!path.startsWith(u"file:"_s))
        return path;
    return QUrl(path).path();
}

Status Database::openWithoutMigrating(const QString &path)
{
    close();
    const QFileInfo info(fileOf(path));
    if (!QDir().mkpath(info.absolutePath()))
        return Status::failure(tr("Cannot create the folder %1.").arg(shownPath(info.absolutePath())));

    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    if (path.startsWith(u"file:"_s))
        db.setConnectOptions(u"QSQLITE_OPEN_URI"_s);
    db.setDatabaseName(path);
    if (!db.open())
        return Status::failure(tr("Cannot open the database %1: %2")
                                   .arg(shownPath(path), describeError(db.lastError())));
    m_path = path;
    // A 16 MB page cache (SQLite's default is 2 MB) keeps the pages a sale touches — the ends of
    // a year's indexes, the catalog's upper levels — between sales, well inside the till's memory.
    for (const QString &pragma : {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s,
                                  u"PRAGMA foreign_keys=ON"_s, u"PRAGMA busy_timeout=5000"_s,
                                  u"PRAGMA cache_size=-16384"_s}) {
        if (auto r = exec(pragma); !r)
            return Status::failure(tr("Cannot open the database %1: %2").arg(shownPath(path), r.error()));
    }
    watchWal(db);
    // A file that isn't SQLite at all only shows itself on the first read.
    if (auto r = exec(u"SELECT count(*) FROM sqlite_master"_s); !r)
        return Status::failure(tr("Cannot open the database %1: %2").arg(shownPath(path), r.error()));
    return {};
}

Status Database::open(const QString &path)
{
    const QString file = fileOf(path);
    if (const QString note = quarantineNote(path); !note.isEmpty())
        return Status::failure(note, ErrorKind::System);
    const bool existed = QFileInfo(file).size() > 0;
    const bool check = existed && checkDue(file);
    Status opened = openWithoutMigrating(path);
    if (check || (existed && !opened)) {
        // A check that is due, or a file SQLite won't open: a damaged one is set aside before
        // anything is sold on it.
        QString problem = opened ? QString() : opened.error();
        if (opened) {
            auto check = exec(u"PRAGMA quick_check"_s);
            if (!check)
                problem = check.error();
            else if (check->next() && check->value(0).toString() != u"ok"_s)
                problem = check->value(0).toString();
        }
        QFile header(file);
        const bool isSqlite = header.open(QIODevice::ReadOnly) && header.read(16) == QByteArrayLiteral("SQLite format 3\0");
        header.close();
        if (!problem.isEmpty() && isSqlite) {
            close();
            return quarantine(file, problem);
        }
        if (problem.isEmpty()) {
            QFile checked(file + u".checked"_s);
            if (checked.open(QIODevice::WriteOnly))
                checked.write(QByteArray::number(QDateTime::currentMSecsSinceEpoch()));
        }
    }
    if (!opened)
        return opened;
    // Left behind only if this process dies with the file open: the next opener checks it.
    static QAtomicInt connections;
    m_openMarker = u"%1.open-%2-%3"_s.arg(file).arg(QCoreApplication::applicationPid()).arg(connections.fetchAndAddRelaxed(1));
    QFile marker(m_openMarker);
    if (!marker.open(QIODevice::WriteOnly))
        m_openMarker.clear(); // a read-only folder: no marker, the daily check still runs
    return Migrations::migrate(*this, Migrations::latestVersion());
}

bool Database::checkDue(const QString &file)
{
    const QFileInfo info(file);
    bool due = false;
    const QString prefix = info.fileName() + u".open-"_s;
    for (const QFileInfo &marker : info.dir().entryInfoList({prefix + u'*'}, QDir::Files)) {
        const qint64 pid = marker.fileName().mid(prefix.size()).section(u'-', 0, 0).toLongLong();
        if (pid > 0 && (pid == QCoreApplication::applicationPid() || ::kill(pid_t(pid), 0) == 0 || errno == EPERM))
            continue; // still open somewhere (it checked the file when it opened it)
        QFile::remove(marker.absoluteFilePath());
        due = true;
    }
    QFile checked(file + u".checked"_s);
    const qint64 lastMs = checked.open(QIODevice::ReadOnly) ? checked.readAll().trimmed().toLongLong() : 0;
    return due || QDateTime::currentMSecsSinceEpoch() - lastMs > checkEveryMs;
}

Status Database::probeWrite() const
{
    Transaction tx(*this);
    if (!tx.begun())
        return tx.begun();
    // A count, not the time: SQLite skips rewriting a row whose bytes are unchanged, and two
    // probes in the same millisecond would then write nothing and prove nothing.
    if (Status s = run(u"INSERT INTO settings (key, value) VALUES ('till.write_probe', '1') "
                       "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"_s);
        !s)
        return s;
    return tx.commit();
}

QString Database::quarantineNote(const QString &path)
{
    QFile note(fileOf(path) + u".quarantined"_s);
    if (!note.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(note.readAll());
}

Status Database::clearQuarantine(const QString &path)
{
    const QString note = fileOf(path) + u".quarantined"_s;
    if (QFile::exists(note) && !QFile::remove(note))
        return Status::failure(tr("Cannot remove %1.").arg(note), ErrorKind::System);
    return {};
}

Status Database::quarantine(const QString &file, const QString &problem)
{
    const QString aside = file + u".damaged-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
        if (QFile::exists(file + suffix) && !QFile::rename(file + suffix, aside + suffix))
            return Status::failure(tr("The database %1 failed its check (%2) and could not be moved aside: the till "
                                      "will not sell on it. Call support.")
                                       .arg(file, problem),
                                   ErrorKind::System);
    }
    const QString note = tr("The database %1 failed its check at start (%2). It was moved to %3 — nothing was deleted. "
                            "The till will not sell until a manager decides: restore a backup to %1, or start a new "
                            "database with: posctl quarantine --clear")
                             .arg(file, problem.left(200), aside);
    QFile marker(file + u".quarantined"_s);
    if (!marker.open(QIODevice::WriteOnly) || marker.write(note.toUtf8()) < 0 || !marker.flush())
        return Status::failure(note + u' ' + tr("(The note %1 could not be written.)").arg(marker.fileName()), ErrorKind::System);
    return Status::failure(note, ErrorKind::System);
}

void Database::close()
{
    if (!m_openMarker.isEmpty())
        QFile::remove(std::exchange(m_openMarker, {}));
    m_prepared.clear(); // statements go before their connection
    m_direct.reset();
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
        q.setForwardOnly(true); // rows go to the callback once; Qt need not keep a copy
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

Status Database::write(const QString &sql, std::initializer_list<QVariant> binds) const
{
    if (!m_direct) {
        sqlite3 *db = sqliteOf(handle());
        if (!db)
            return run(sql, binds); // not SQLite underneath: the Qt path
        m_direct = std::make_unique<DirectWrites>(db);
    }
    const DirectWrites::Outcome done = m_direct->run(sql, binds);
    if (done.ok())
        return {};
    qCWarning(lcStore) << "write failed:" << sql << done.message;
    return Status::failure(describeError(done.code, done.message));
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
    if (sqlite3 *sqlite = sqliteOf(db))
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
