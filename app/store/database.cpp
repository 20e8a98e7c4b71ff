#include "database.h"

#include "directwrites.h"
#include "migrations.h"
#include "privatefiles.h"
#include "quarantine.h"
#include "startupcheck.h"

#include "core/showninput.h"

#include <QAtomicInt>
#include <QDir>
#include <QUrl>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlDriver>
#include <QStandardPaths>
#include <QStorageInfo>

#include <sqlite3.h>

#include <cstring>


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
    const QString file = path.startsWith(u"file:"_s) ? QUrl(path).path() : path;
    // One name per file, whatever link or relative path reached it: the till's lock, the open
    // markers and the set-aside files must be the same for everyone who opens it.
    const QFileInfo info(file);
    if (const QString canonical = info.canonicalFilePath(); !canonical.isEmpty())
        return canonical;
    if (const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath(); !folder.isEmpty())
        return folder + u'/' + info.fileName();
    return info.absoluteFilePath();
}

Status Database::openWithoutMigrating(const QString &path)
{
    closeConnection();
    m_openErrorCode = 0;
    m_openError.clear();
    const QString file = fileOf(path);
    // The folder and the file are made (0600) before SQLite sees them; SQLite gives the -wal and
    // -shm the database's own mode.
    if (const QString failed = PrivateFiles::prepareDatabase(file); !failed.isEmpty())
        return Status::failure(failed, ErrorKind::System);

    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    if (path.startsWith(u"file:"_s))
        db.setConnectOptions(u"QSQLITE_OPEN_URI"_s);
    db.setDatabaseName(path);
    if (!db.open()) {
        m_openErrorCode = db.lastError().nativeErrorCode().toInt();
        m_openError = describeError(db.lastError());
        return Status::failure(tr("Cannot open the database %1: %2").arg(shownPath(path), m_openError), ErrorKind::System);
    }
    m_path = path;
    // A 16 MB page cache (SQLite's default is 2 MB) keeps the pages a sale touches — the ends of
    // a year's indexes, the catalog's upper levels — between sales, well inside the till's memory.
    // The first read comes with journal_mode: a file that isn't SQLite at all shows itself here.
    for (const QString &pragma : {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s,
                                  u"PRAGMA foreign_keys=ON"_s, u"PRAGMA busy_timeout=5000"_s,
                                  u"PRAGMA cache_size=-16384"_s, u"SELECT count(*) FROM sqlite_master"_s}) {
        if (auto r = exec(pragma); !r) {
            m_openErrorCode = lastErrorCode();
            m_openError = r.error();
            if (const int os = sqlite3_system_errno(sqliteOf(db)); os != 0 && (m_openErrorCode & 0xff) == SQLITE_CANTOPEN)
                m_openError += u" ("_s + QString::fromLocal8Bit(std::strerror(os)) + u')';
            return Status::failure(tr("Cannot open the database %1: %2").arg(shownPath(path), m_openError), ErrorKind::System);
        }
    }
    watchWal(db);
    // SQLite has taken it as a database: now it is ours to narrow (an older till's 0644).
    PrivateFiles::narrowDatabase(file);
    return {};
}

int Database::lastErrorCode() const
{
    sqlite3 *db = sqliteOf(handle());
    return db ? sqlite3_extended_errcode(db) : 0;
}

bool Database::isDamage(int sqliteCode)
{
    const int primary = sqliteCode & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

bool Database::looksLikeATillDatabase(const QString &file)
{
    // The files a till or posctl leaves beside a database it has used: a file with none of
    // them that SQLite calls "not a database" is somebody's other file, not damage.
    for (const QString &companion : {u".checked"_s, u".pepper"_s, u".hq-secret"_s, u".till-lock"_s})
        if (QFileInfo::exists(file + companion))
            return true;
    return false;
}

Status Database::open(const QString &path)
{
    close();
    const QString file = fileOf(path);
    if (const QString failed = PrivateFiles::prepareFolder(QFileInfo(file).absolutePath()); !failed.isEmpty())
        return Status::failure(failed, ErrorKind::System);
    if (const QString refused = Quarantine::refusal(file); !refused.isEmpty())
        return Status::failure(refused, ErrorKind::System);
    const bool existed = QFileInfo(file).size() > 0;
    const StartupCheck startup(file);
    // Marked open before SQLite opens it, so nobody sets it aside under this connection's feet.
    m_openMarker = StartupCheck::markOpen(file);
    Status opened = openWithoutMigrating(path);
    // Set aside meanwhile by another process: this connection must not create a new file there.
    if (opened && !existed)
        if (const QString refused = Quarantine::refusal(file); !refused.isEmpty())
            opened = Status::failure(refused, ErrorKind::System);
    if (!opened) {
        const int code = m_openErrorCode;
        close();
        // Only damage is set aside. A full disk, a read-only file or a permission problem is
        // "cannot open now": the file is fine and will open once that is fixed.
        if (!existed || !isDamage(code))
            return m_openError.isEmpty() ? opened : cannotOpenNow(file, m_openError);
        if ((code & 0xff) == SQLITE_NOTADB && !looksLikeATillDatabase(file))
            return Status::failure(tr("%1 is not a till database (or its first page is damaged). Nothing was changed or "
                                      "moved: give the till its own database file with --db.").arg(file),
                                   ErrorKind::System);
        return setAside(file, m_openError, startup);
    }
    if (existed && startup.due()) {
        // A process died with it open, or a day has passed: checked before anything is sold on it.
        const Result<QString> damage = damageFound();
        if (!damage) {
            close();
            return cannotOpenNow(file, tr("its check could not run (%1)").arg(damage.error()));
        }
        if (!damage->isEmpty()) {
            close();
            return setAside(file, *damage, startup);
        }
        startup.passed();
    }
    return Migrations::migrate(*this, Migrations::latestVersion());
}

Status Database::cannotOpenNow(const QString &file, const QString &why)
{
    // SQLite says "I/O error" when it cannot grow the -shm on a full disk: say what it is.
    const QStorageInfo disk(QFileInfo(file).absolutePath());
    const qint64 freeBytes = disk.isValid() ? disk.bytesAvailable() : -1;
    QString reason = freeBytes >= 0 && freeBytes < lowDiskBytes ? tr("the disk is full (%1 KB free)").arg(freeBytes / 1024) : why;
    while (reason.endsWith(u'.'))
        reason.chop(1);
    return Status::failure(tr("The till cannot open %1 now: %2. Nothing was changed or moved; it opens as soon as "
                              "that is put right.").arg(file, reason),
                           ErrorKind::System);
}

Status Database::setAside(const QString &file, const QString &problem, const StartupCheck &startup)
{
    // Never pulled from under anyone who has it open (the till, while posctl ran the day's
    // check; a worker of this very process): they would go on writing to a file no longer at
    // its path. Asked afresh now, after the check, not before it.
    const QString firstLine = problem.section(u'\n', 0, 0).left(200);
    if (const QList<qint64> openers = StartupCheck::openers(file); !openers.isEmpty()) {
        QStringList pids;
        for (qint64 pid : openers)
            pids.append(QString::number(pid));
        return Status::failure(tr("The database %1 failed its check (%2). Another program (process %3) has it open, so it "
                                  "was not moved: close the till and posctl, then start the till again to set it aside.")
                                   .arg(file, firstLine, pids.join(u", "_s)),
                               ErrorKind::System);
    }
    const Status aside = Quarantine::moveAside(file, firstLine);
    if (!QFileInfo::exists(file))
        startup.forgetDeadMarkers();
    return aside;
}

Result<QString> Database::damageFound() const
{
    auto check = exec(u"PRAGMA quick_check"_s);
    if (!check)
        return isDamage(lastErrorCode()) ? Result<QString>(check.error()) : Result<QString>::failure(check.error());
    const QString first = check->next() ? check->value(0).toString() : QString();
    return first == u"ok"_s ? QString() : first;
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
    return Quarantine::refusal(fileOf(path));
}

Status Database::clearQuarantine(const QString &path)
{
    return Quarantine::clear(fileOf(path));
}

void Database::close()
{
    closeConnection();
    StartupCheck::unmarkOpen(m_openMarker); // only once the connection is gone
}

void Database::closeConnection()
{
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

Savepoint::Savepoint(const Database &db, QString name) : m_db(db), m_name(std::move(name))
{
    m_begun = m_db.run(u"SAVEPOINT "_s + m_name);
    m_open = m_begun.ok();
}

Savepoint::~Savepoint()
{
    if (m_open)
        rollback();
}

Status Savepoint::release()
{
    if (!m_open)
        return m_begun.ok() ? Status::failure(Database::tr("No savepoint is open.")) : m_begun;
    if (Status s = m_db.run(u"RELEASE "_s + m_name); !s)
        return s;
    m_open = false;
    return {};
}

Status Savepoint::rollback()
{
    if (!m_open)
        return m_begun.ok() ? Status::failure(Database::tr("No savepoint is open.")) : m_begun;
    m_open = false;
    if (Status s = m_db.run(u"ROLLBACK TO "_s + m_name); !s)
        return s;
    return m_db.run(u"RELEASE "_s + m_name);
}

} // namespace pos
