#include "hqstore.h"

#include "ingestcheck.h"

#include "core/attribution/replay.h"
#include "core/csvreader.h"
#include "core/showninput.h"
#include "store/privatefiles.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QTimeZone>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>

#include <set>

namespace pos::hq {

using namespace Qt::Literals::StringLiterals;

namespace {

// Each step runs in its own transaction; the same SQL on SQLite and PostgreSQL.
const QList<QStringList> &steps()
{
    static const QList<QStringList> all = {
        {
            u"CREATE TABLE stores (id TEXT PRIMARY KEY, name TEXT NOT NULL)"_s,
            uR"(CREATE TABLE terminals (
                store_id    TEXT NOT NULL REFERENCES stores(id),
                terminal_id TEXT NOT NULL,
                secret      TEXT,
                enrolled_at TEXT NOT NULL,
                revoked_at  TEXT,
                PRIMARY KEY (store_id, terminal_id)))"_s,
            uR"(CREATE TABLE enrolments (
                code_hash   TEXT PRIMARY KEY,
                store_id    TEXT NOT NULL REFERENCES stores(id),
                terminal_id TEXT NOT NULL,
                expires_ms  BIGINT NOT NULL,
                used_ms     BIGINT))"_s,
            uR"(CREATE TABLE events (
                id          TEXT PRIMARY KEY,
                store_id    TEXT NOT NULL,
                terminal_id TEXT NOT NULL,
                topic       TEXT NOT NULL,
                ref         TEXT NOT NULL,
                created_at  TEXT NOT NULL,
                received_at TEXT NOT NULL,
                payload     TEXT NOT NULL))"_s,
            uR"(CREATE TABLE orders (
                id             TEXT PRIMARY KEY,
                number         TEXT NOT NULL UNIQUE,
                store_id       TEXT NOT NULL,
                terminal_id    TEXT NOT NULL,
                business_date  TEXT NOT NULL,
                paid_at        TEXT NOT NULL,
                total_fen      BIGINT NOT NULL,
                member_id      TEXT,
                sales_guide_id TEXT,
                event_id       TEXT NOT NULL,
                payload        TEXT NOT NULL))"_s,
            u"CREATE INDEX orders_store_day ON orders(store_id, business_date)"_s,
            uR"(CREATE TABLE refunds (
                id            TEXT PRIMARY KEY,
                number        TEXT NOT NULL UNIQUE,
                order_id      TEXT NOT NULL,
                store_id      TEXT NOT NULL,
                terminal_id   TEXT NOT NULL,
                business_date TEXT NOT NULL,
                refunded_at   TEXT NOT NULL,
                amount_fen    BIGINT NOT NULL,
                event_id      TEXT NOT NULL,
                payload       TEXT NOT NULL))"_s,
            // Credits by guide, as the till worked them out (refunds negative): the chain's
            // leaderboards. HQ's own recomputation will add adjusting rows, never rewrite.
            uR"(CREATE TABLE credits (
                doc_id        TEXT NOT NULL,
                guide_id      TEXT NOT NULL,
                kind          TEXT NOT NULL,
                store_id      TEXT NOT NULL,
                business_date TEXT NOT NULL,
                channel       TEXT NOT NULL,
                amount_fen    BIGINT NOT NULL,
                is_refund     INTEGER NOT NULL,
                PRIMARY KEY (doc_id, guide_id, kind)))"_s,
            u"CREATE INDEX credits_store_day ON credits(store_id, business_date)"_s,
        },
        // 2: what flows down to the tills. `changes` is the feed the tills pull with a cursor
        // (store_id NULL: for every store); guides and members are HQ's master data; the
        // online feed keeps the web shop's attribution events (spec §10 lines) that HQ
        // replays with the tills' own engine.
        {
            uR"(CREATE TABLE changes (
                seq      BIGINT PRIMARY KEY,
                store_id TEXT,
                kind     TEXT NOT NULL,
                item     TEXT NOT NULL,
                data     TEXT NOT NULL,
                at       TEXT NOT NULL))"_s,
            u"CREATE INDEX changes_store ON changes(store_id, seq)"_s,
            uR"(CREATE TABLE guides (
                id          TEXT PRIMARY KEY,
                store_id    TEXT NOT NULL REFERENCES stores(id),
                name        TEXT NOT NULL,
                departed_at TEXT,
                heir        TEXT))"_s,
            uR"(CREATE TABLE members (
                id       TEXT PRIMARY KEY,
                phone    TEXT,
                name     TEXT NOT NULL,
                guide_id TEXT,
                bound_at TEXT,
                source   TEXT))"_s,
            uR"(CREATE TABLE online_feed (
                seq         BIGINT PRIMARY KEY,
                line        TEXT NOT NULL,
                received_at TEXT NOT NULL))"_s,
            // The chain's catalog as last imported; `data` is what the tills were sent.
            u"CREATE TABLE products (sku TEXT PRIMARY KEY, data TEXT NOT NULL)"_s,
            // What HQ's recomputation added on top of the tills' credits (never rewritten).
            uR"(CREATE TABLE adjustments (
                seq           BIGINT PRIMARY KEY,
                doc_id        TEXT NOT NULL,
                order_id      TEXT NOT NULL,
                guide_id      TEXT NOT NULL,
                kind          TEXT NOT NULL,
                store_id      TEXT NOT NULL,
                business_date TEXT NOT NULL,
                amount_fen    BIGINT NOT NULL,
                at            TEXT NOT NULL))"_s,
        },
        // 3: tokens for the chain's own reports over HTTPS (only their hashes are kept).
        {
            uR"(CREATE TABLE admin_tokens (
                token_hash TEXT PRIMARY KEY,
                name       TEXT NOT NULL,
                created_at TEXT NOT NULL,
                revoked_at TEXT))"_s,
        },
    };
    return all;
}

QString isoNow(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString codeHash(const QString &code)
{
    QString normal = code.toUpper();
    normal.remove(u'-').remove(u' ');
    return QString::fromLatin1(QCryptographicHash::hash(normal.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString &text, QString *error)
{
    DatabaseUrl url;
    if (text.startsWith(u"sqlite:"_s)) {
        url.kind = Kind::Sqlite;
        url.path = text.mid(7);
        if (url.path.startsWith(u"//"_s))
            url.path = url.path.mid(2);
        if (!url.path.isEmpty())
            return url;
    } else if (text.startsWith(u"postgresql://"_s) || text.startsWith(u"postgres://"_s)) {
        const QUrl u(text);
        url.kind = Kind::Postgres;
        url.host = u.host().isEmpty() ? u"localhost"_s : u.host();
        url.port = u.port(5432);
        url.user = u.userName();
        url.password = u.password();
        url.name = u.path().mid(1);
        if (u.isValid() && !url.name.isEmpty())
            return url;
    }
    if (error)
        *error = HqStore::tr("A database is sqlite:PATH or postgresql://USER:PASSWORD@HOST:PORT/NAME, not \"%1\".").arg(shownInput(text));
    return std::nullopt;
}

QString DatabaseUrl::defaultUrl()
{
    return u"sqlite:"_s + QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/guide-pos/hq.db"_s;
}

HqStore::HqStore(QString connectionName) : m_connection(std::move(connectionName)) {}

HqStore::~HqStore()
{
    m_prepared.clear(); // before the connection they were prepared on
    m_adHoc.reset();
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

Status HqStore::open(const DatabaseUrl &url)
{
    m_url = url;
    QSqlDatabase db;
    if (url.kind == DatabaseUrl::Kind::Sqlite) {
        // Every terminal's secret is in here: the file and its -wal/-shm are the service user's alone.
        if (const QString failed = PrivateFiles::prepareDatabase(url.path); !failed.isEmpty())
            return Status::failure(failed, ErrorKind::System);
        db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(url.path);
    } else {
        if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
            return Status::failure(tr("PostgreSQL needs Qt's driver (Debian: libqt6sql6-psql)."), ErrorKind::System);
        db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connection);
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setUserName(url.user);
        db.setPassword(url.password);
        db.setDatabaseName(url.name);
    }
    if (!db.open())
        return Status::failure(tr("Cannot open the HQ database: %1").arg(db.lastError().text()), ErrorKind::System);
    if (url.kind == DatabaseUrl::Kind::Sqlite) {
        // Acknowledged means on disk: WAL with a full sync at every commit.
        for (const QString &pragma : {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s, u"PRAGMA foreign_keys=ON"_s,
                                      u"PRAGMA busy_timeout=5000"_s})
            if (Status s = run(pragma); !s)
                return s;
    }
    return migrate();
}

int HqStore::schemaVersion() const
{
    int version = 0;
    select(u"SELECT value FROM hq_meta WHERE key = 'schema_version'"_s, {},
           [&](const QSqlQuery &q) { version = q.value(0).toInt(); });
    return version;
}

Status HqStore::migrate()
{
    if (Status s = run(u"CREATE TABLE IF NOT EXISTS hq_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s); !s)
        return s;
    const int current = schemaVersion();
    if (current > steps().size())
        return Status::failure(tr("The HQ database was written by a newer pos-hq (schema %1, this one knows %2).")
                                   .arg(current).arg(steps().size()), ErrorKind::System);
    for (int version = current + 1; version <= steps().size(); ++version) {
        Status s = transaction([&]() -> Status {
            for (const QString &sql : steps()[version - 1])
                if (Status r = run(sql); !r)
                    return r;
            return run(u"INSERT INTO hq_meta (key, value) VALUES ('schema_version', ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
                       {QString::number(version)});
        });
        if (!s)
            return Status::failure(tr("Upgrading the HQ database to version %1 failed: %2").arg(version).arg(s.error()),
                                   ErrorKind::System);
    }
    return {};
}

// Statements with values stay prepared on the connection (one round trip each on PostgreSQL
// instead of prepare-execute-deallocate); those without run as they are, since PostgreSQL
// can't PREPARE schema changes.
QSqlQuery *HqStore::execute(const QString &sql, const QVariantList &values, QString *error) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (values.isEmpty()) {
        m_adHoc = std::make_unique<QSqlQuery>(db);
        m_adHoc->setForwardOnly(true);
        if (!m_adHoc->exec(sql)) {
            *error = m_adHoc->lastError().text();
            return nullptr;
        }
        return m_adHoc.get();
    }
    std::unique_ptr<QSqlQuery> &q = m_prepared[sql];
    if (!q) {
        q = std::make_unique<QSqlQuery>(db);
        q->setForwardOnly(true);
        if (!q->prepare(sql)) {
            *error = q->lastError().text();
            q.reset();
            return nullptr;
        }
    }
    for (int i = 0; i < values.size(); ++i)
        q->bindValue(i, values[i]);
    if (!q->exec()) {
        *error = q->lastError().text();
        return nullptr;
    }
    return q.get();
}

Status HqStore::run(const QString &sql, const QVariantList &values, int *affected) const
{
    QString error;
    QSqlQuery *q = execute(sql, values, &error);
    if (!q)
        return Status::failure(error, ErrorKind::System);
    if (affected)
        *affected = q->numRowsAffected();
    q->finish();
    return {};
}

Status HqStore::select(const QString &sql, const QVariantList &values, const std::function<void(const QSqlQuery &)> &row) const
{
    QString error;
    QSqlQuery *q = execute(sql, values, &error);
    if (!q)
        return Status::failure(error, ErrorKind::System);
    while (q->next())
        row(*q);
    q->finish();
    return {};
}

Status HqStore::transaction(const std::function<Status()> &work)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return Status::failure(db.lastError().text(), ErrorKind::System);
    Status s = work();
    if (!s) {
        db.rollback();
        return s;
    }
    if (!db.commit()) {
        const QString why = db.lastError().text();
        db.rollback();
        return Status::failure(why, ErrorKind::System);
    }
    return {};
}

Status HqStore::addStore(const QString &id, const QString &name)
{
    static const QRegularExpression valid(u"^[A-Z0-9]{1,8}$"_s);
    if (!valid.match(id).hasMatch())
        return Status::failure(tr("A store id is 1 to 8 capital letters or digits (like S01), not \"%1\".").arg(shownInput(id)));
    return run(u"INSERT INTO stores (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name"_s,
               {id, name.isEmpty() ? id : name});
}

QList<std::pair<QString, QString>> HqStore::stores() const
{
    QList<std::pair<QString, QString>> all;
    select(u"SELECT id, name FROM stores ORDER BY id"_s, {},
           [&](const QSqlQuery &q) { all.append({q.value(0).toString(), q.value(1).toString()}); });
    return all;
}

Result<QString> HqStore::createEnrolment(const QString &store, const QString &terminal, qint64 nowMs, qint64 expiresMs)
{
    bool known = false;
    select(u"SELECT 1 FROM stores WHERE id = ?"_s, {store}, [&](const QSqlQuery &) { known = true; });
    if (!known)
        return Result<QString>::failure(tr("There is no store %1 (add it first: pos-hq stores add %1 NAME).").arg(shownInput(store)));
    static const QRegularExpression valid(u"^[A-Z0-9]{1,8}$"_s);
    if (!valid.match(terminal).hasMatch())
        return Result<QString>::failure(tr("A terminal id is 1 to 8 capital letters or digits (like T01), not \"%1\".").arg(shownInput(terminal)));
    // Letters and digits that can't be mistaken for each other when read out over the phone.
    static constexpr char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    QString code;
    for (int i = 0; i < 12; ++i) {
        if (i > 0 && i % 4 == 0)
            code += u'-';
        code += QChar::fromLatin1(alphabet[QRandomGenerator::system()->bounded(int(sizeof alphabet) - 1)]);
    }
    Q_UNUSED(nowMs);
    if (Status s = run(u"INSERT INTO enrolments (code_hash, store_id, terminal_id, expires_ms) VALUES (?, ?, ?, ?)"_s,
                       {codeHash(code), store, terminal, expiresMs});
        !s)
        return Result<QString>::failure(s.error(), ErrorKind::System);
    return code;
}

Result<Terminal> HqStore::redeem(const QString &code, const QString &store, const QString &terminalId, qint64 nowMs)
{
    Terminal t;
    QByteArray secret(32, '\0');
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(secret.data()),
                                         reinterpret_cast<quint32 *>(secret.data() + secret.size()));
    bool found = false;
    QString mismatch;
    Status s = transaction([&]() -> Status {
        const QString hash = codeHash(code);
        select(u"SELECT store_id, terminal_id FROM enrolments WHERE code_hash = ? AND used_ms IS NULL AND expires_ms > ?"_s,
               {hash, nowMs}, [&](const QSqlQuery &q) {
                   if ((!store.isEmpty() && q.value(0).toString() != store) || (!terminalId.isEmpty() && q.value(1).toString() != terminalId))
                       mismatch = tr("the code is for %1/%2, not for %3/%4").arg(q.value(0).toString(), q.value(1).toString(), shownInput(store), shownInput(terminalId));
               });
        if (!mismatch.isEmpty())
            return {};
        int used = 0;
        // Used once: the row is claimed by the UPDATE that finds it unused and unexpired.
        if (Status r = run(u"UPDATE enrolments SET used_ms = ? WHERE code_hash = ? AND used_ms IS NULL AND expires_ms > ?"_s,
                           {nowMs, hash, nowMs}, &used);
            !r)
            return r;
        if (used != 1)
            return {};
        select(u"SELECT store_id, terminal_id FROM enrolments WHERE code_hash = ?"_s, {hash}, [&](const QSqlQuery &q) {
            t.store = q.value(0).toString();
            t.terminal = q.value(1).toString();
        });
        found = true;
        t.secret = secret;
        t.enrolledAt = isoNow(nowMs);
        return run(u"INSERT INTO terminals (store_id, terminal_id, secret, enrolled_at) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (store_id, terminal_id) DO UPDATE SET secret = excluded.secret, "
                   "enrolled_at = excluded.enrolled_at, revoked_at = NULL"_s,
                   {t.store, t.terminal, QString::fromLatin1(secret.toBase64()), t.enrolledAt});
    });
    if (!s)
        return Result<Terminal>::failure(s.error(), ErrorKind::System);
    if (!mismatch.isEmpty())
        return Result<Terminal>::failure(mismatch);
    if (!found)
        return Result<Terminal>::failure(tr("The enrolment code is wrong, already used or expired."));
    return t;
}

std::optional<Terminal> HqStore::terminal(const QString &store, const QString &terminalId) const
{
    std::optional<Terminal> t;
    select(u"SELECT store_id, terminal_id, coalesce(secret, ''), enrolled_at, coalesce(revoked_at, '') "
           "FROM terminals WHERE store_id = ? AND terminal_id = ?"_s,
           {store, terminalId}, [&](const QSqlQuery &q) {
               t = Terminal{q.value(0).toString(), q.value(1).toString(), QByteArray::fromBase64(q.value(2).toString().toLatin1()),
                            q.value(3).toString(), q.value(4).toString()};
           });
    if (t && !t->revokedAt.isEmpty())
        t->secret.clear();
    return t;
}

QList<Terminal> HqStore::terminals() const
{
    QList<Terminal> all;
    select(u"SELECT store_id, terminal_id, enrolled_at, coalesce(revoked_at, '') FROM terminals ORDER BY store_id, terminal_id"_s, {},
           [&](const QSqlQuery &q) {
               all.append({q.value(0).toString(), q.value(1).toString(), {}, q.value(2).toString(), q.value(3).toString()});
           });
    return all;
}

Status HqStore::revoke(const QString &store, const QString &terminalId, qint64 nowMs)
{
    int changed = 0;
    if (Status s = run(u"UPDATE terminals SET secret = NULL, revoked_at = ? WHERE store_id = ? AND terminal_id = ?"_s,
                       {isoNow(nowMs), store, terminalId}, &changed);
        !s)
        return s;
    if (changed == 0)
        return Status::failure(tr("There is no terminal %1/%2.").arg(shownInput(store), shownInput(terminalId)));
    return {};
}

Result<QJsonArray> HqStore::ingest(const Terminal &from, const QJsonArray &events, qint64 nowMs)
{
    QJsonArray results;
    const QString receivedAt = isoNow(nowMs);
    // One transaction for the batch: the answer goes out only once all of it is on disk.
    Status s = transaction([&]() -> Status {
        for (const QJsonValue &v : events) {
            const QJsonObject event = v.toObject();
            QString status;
            const QString error = ingestOne(from, event, receivedAt, &status);
            if (status.isEmpty())
                return Status::failure(error, ErrorKind::System); // the database failed
            QJsonObject result{{u"id"_s, event.value(u"id"_s).toString()}, {u"status"_s, status}};
            if (!error.isEmpty())
                result.insert(u"error"_s, error);
            results.append(result);
        }
        return {};
    });
    if (!s)
        return Result<QJsonArray>::failure(s.error(), ErrorKind::System);
    return results;
}

// Keeps the event under its till-minted id: true when new, false when HQ had it already.
Result<bool> HqStore::insertEvent(const Terminal &from, const QJsonObject &event, const QString &payload, const QString &receivedAt)
{
    int inserted = 0;
    if (Status s = run(u"INSERT INTO events (id, store_id, terminal_id, topic, ref, created_at, received_at, payload) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"_s,
                       {event.value(u"id"_s).toString(), from.store, from.terminal, event.value(u"topic"_s).toString(),
                        event.value(u"ref"_s).toString(), event.value(u"created_at"_s).toString(), receivedAt, payload},
                       &inserted);
        !s)
        return Result<bool>::failure(s.error(), ErrorKind::System);
    return inserted > 0;
}

// What is left to refund of `order` of `store` (nothing when HQ has no such order), not
// counting the refund `refundId` itself (a resend of it must still find room).
Result<std::optional<qint64>> HqStore::refundableLeft(const QString &store, const QString &order, const QString &refundId) const
{
    using R = Result<std::optional<qint64>>;
    std::optional<qint64> total;
    if (Status s = select(u"SELECT total_fen FROM orders WHERE id = ? AND store_id = ?"_s, {order, store},
                          [&](const QSqlQuery &q) { total = q.value(0).toLongLong(); });
        !s)
        return R::failure(s.error(), ErrorKind::System);
    if (!total)
        return std::optional<qint64>();
    qint64 refunded = 0;
    if (Status s = select(u"SELECT COALESCE(SUM(amount_fen), 0) FROM refunds WHERE order_id = ? AND id <> ?"_s, {order, refundId},
                          [&](const QSqlQuery &q) { refunded = q.value(0).toLongLong(); });
        !s)
        return R::failure(s.error(), ErrorKind::System);
    return std::optional<qint64>(*total - refunded);
}

// The result of one event: status "accepted", "duplicate" or "rejected" (with the reason
// returned); an empty status when the database failed (the reason returned).
QString HqStore::ingestOne(const Terminal &from, const QJsonObject &event, const QString &receivedAt, QString *status)
{
    auto reject = [&](const QString &why) {
        *status = u"rejected"_s;
        return why;
    };
    auto failed = [&](const Status &s) {
        status->clear();
        return s.error();
    };
    const QString id = event.value(u"id"_s).toString();
    const QString topic = event.value(u"topic"_s).toString();
    const QString ref = event.value(u"ref"_s).toString();
    const QJsonObject payload = event.value(u"payload"_s).toObject();
    if (id.isEmpty() || ref.isEmpty() || payload.isEmpty())
        return reject(tr("an event needs id, topic, ref and payload"));
    if (const QString why = IngestCheck::envelope(event); !why.isEmpty())
        return reject(why);

    if (topic == u"binding.created"_s)
        return ingestBinding(from, event, receivedAt, status);
    // Records HQ keeps as they come (the tills' audit log, shift closes, Z reports).
    if (topic == u"audit.entry"_s || topic == u"shift.closed"_s || topic == u"z.report"_s) {
        const auto inserted = insertEvent(from, event, compact(payload), receivedAt);
        if (!inserted)
            return failed(Status::failure(inserted.error()));
        *status = *inserted ? u"accepted"_s : u"duplicate"_s;
        return {};
    }
    const bool isOrder = topic == u"order.paid"_s;
    const bool isRefund = topic == u"order.refunded"_s;
    if (!isOrder && !isRefund)
        return reject(tr("unknown topic \"%1\"").arg(shownInput(topic)));
    const QString docKey = isOrder ? u"order"_s : u"refund"_s;
    const QString number = payload.value(u"number"_s).toString();
    const QString day = payload.value(u"business_date"_s).toString();
    const QString store = payload.value(u"store"_s).toString(from.store);
    const QString terminal = payload.value(u"terminal"_s).toString(from.terminal);
    const QJsonValue amount = payload.value(isOrder ? u"total"_s : u"amount"_s);
    if (payload.value(docKey).toString() != ref)
        return reject(tr("payload.%1 is not the event's ref").arg(docKey));
    if (number.isEmpty() || day.size() != 10 || !amount.isDouble())
        return reject(tr("payload needs number, business_date and %1").arg(isOrder ? u"total"_s : u"amount"_s));
    if (store != from.store || terminal != from.terminal)
        return reject(tr("%1 %2 belongs to %3/%4, not to the terminal that sent it (%5/%6)")
                          .arg(docKey, shownInput(number), shownInput(store), shownInput(terminal), from.store, from.terminal));

    // An enrolled till is still not trusted: the document must hold together, and a refund
    // must be of an order of this store, for no more than is left of it.
    if (isOrder) {
        if (const QString why = IngestCheck::order(payload, event); !why.isEmpty())
            return reject(why);
    } else {
        const auto left = refundableLeft(from.store, payload.value(u"order"_s).toString(), ref);
        if (!left)
            return failed(Status::failure(left.error()));
        if (const QString why = IngestCheck::refund(payload, event, *left); !why.isEmpty())
            return reject(why);
    }

    // The happy path is two statements: the event id, then the document, each inserted only
    // if new. A conflict on either is a resend (or the same document under another event id).
    const QString payloadText = compact(payload);
    const auto newEvent = insertEvent(from, event, payloadText, receivedAt);
    if (!newEvent)
        return failed(Status::failure(newEvent.error()));
    if (!*newEvent) {
        *status = u"duplicate"_s;
        return {};
    }
    int inserted = 0;
    Status stored = isOrder
        ? run(u"INSERT INTO orders (id, number, store_id, terminal_id, business_date, paid_at, total_fen, member_id, "
              "sales_guide_id, event_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"_s,
              {ref, number, store, terminal, day, payload.value(u"paid_at"_s).toString(), amount.toInteger(),
               payload.value(u"member"_s).toString(), payload.value(u"sales_guide"_s).toString(), id, payloadText},
              &inserted)
        : run(u"INSERT INTO refunds (id, number, order_id, store_id, terminal_id, business_date, refunded_at, amount_fen, "
              "event_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"_s,
              {ref, number, payload.value(u"order"_s).toString(), store, terminal, day,
               payload.value(u"refunded_at"_s).toString(), amount.toInteger(), id, payloadText},
              &inserted);
    if (!stored)
        return failed(stored);
    if (inserted == 0) {
        // Not stored: the same document already came under another event id (a duplicate),
        // or its number belongs to another document (refused). The event row goes either way.
        if (Status s = run(u"DELETE FROM events WHERE id = ?"_s, {id}); !s)
            return failed(s);
        const QString table = isOrder ? u"orders"_s : u"refunds"_s;
        bool same = false;
        select(u"SELECT 1 FROM "_s + table + u" WHERE id = ?"_s, {ref}, [&](const QSqlQuery &) { same = true; });
        if (!same)
            return reject(tr("number %1 is already used by another %2").arg(shownInput(number), docKey));
        *status = u"duplicate"_s;
        return {};
    }
    for (const QJsonValue &c : payload.value(u"credits"_s).toArray()) {
        const QJsonObject credit = c.toObject();
        if (Status s = run(u"INSERT INTO credits (doc_id, guide_id, kind, store_id, business_date, channel, amount_fen, is_refund) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id, guide_id, kind) DO NOTHING"_s,
                           {ref, credit.value(u"guide"_s).toString(), credit.value(u"kind"_s).toString(), store, day,
                            payload.value(u"channel"_s).toString(u"store"_s), credit.value(u"amount"_s).toInteger(),
                            isRefund ? 1 : 0});
            !s)
            return failed(s);
    }
    *status = u"accepted"_s;
    return {};
}

// One writer at a time per HQ: the next sequence number is read inside the transaction.
Status HqStore::publish(const QString &store, const QString &kind, const QString &item, const QJsonObject &data, qint64 nowMs)
{
    qint64 seq = 0;
    if (Status s = select(u"SELECT coalesce(max(seq), 0) + 1 FROM changes"_s, {}, [&](const QSqlQuery &q) { seq = q.value(0).toLongLong(); });
        !s)
        return s;
    return run(u"INSERT INTO changes (seq, store_id, kind, item, data, at) VALUES (?, ?, ?, ?, ?, ?)"_s,
               {seq, store.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(store), kind, item, compact(data), isoNow(nowMs)});
}

Status HqStore::addGuide(const QString &id, const QString &name, const QString &store, qint64 nowMs)
{
    static const QRegularExpression valid(u"^[A-Za-z0-9_]{1,16}$"_s);
    if (!valid.match(id).hasMatch() || name.trimmed().isEmpty())
        return Status::failure(tr("A guide needs an id (letters and digits, like G07) and a name."));
    bool knownStore = false;
    select(u"SELECT 1 FROM stores WHERE id = ?"_s, {store}, [&](const QSqlQuery &) { knownStore = true; });
    if (!knownStore)
        return Status::failure(tr("There is no store %1 (add it first: pos-hq stores add %1 NAME).").arg(shownInput(store)));
    return transaction([&]() -> Status {
        if (Status s = run(u"INSERT INTO guides (id, store_id, name) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                           "store_id = excluded.store_id, name = excluded.name"_s,
                           {id, store, name.trimmed()});
            !s)
            return s;
        // Every till learns every guide: a member of this store may be bound to a guide of another.
        return publish({}, u"guide"_s, id, {{u"id"_s, id}, {u"name"_s, name.trimmed()}, {u"store"_s, store}, {u"active"_s, true}}, nowMs);
    });
}

Status HqStore::departGuide(const QString &id, const QString &heir, qint64 nowMs)
{
    QString store, name;
    select(u"SELECT store_id, name FROM guides WHERE id = ? AND departed_at IS NULL"_s, {id}, [&](const QSqlQuery &q) {
        store = q.value(0).toString();
        name = q.value(1).toString();
    });
    if (store.isEmpty())
        return Status::failure(tr("There is no guide %1 still employed.").arg(shownInput(id)));
    bool heirOk = heir.isEmpty();
    select(u"SELECT 1 FROM guides WHERE id = ? AND departed_at IS NULL AND id <> ?"_s, {heir, id}, [&](const QSqlQuery &) { heirOk = true; });
    if (!heirOk)
        return Status::failure(tr("The heir %1 is not an employed guide.").arg(shownInput(heir)));
    const QString at = isoNow(nowMs);
    return transaction([&]() -> Status {
        if (Status s = run(u"UPDATE guides SET departed_at = ?, heir = ? WHERE id = ?"_s, {at, heir, id}); !s)
            return s;
        if (Status s = publish({}, u"guide"_s, id,
                               {{u"id"_s, id}, {u"name"_s, name}, {u"store"_s, store}, {u"active"_s, false},
                                {u"departed_at"_s, at}, {u"heir"_s, heir}},
                               nowMs);
            !s)
            return s;
        if (heir.isEmpty())
            return {};
        // 离职继承 (spec §5): the departed guide's customers pass to the heir, and every till hears.
        QList<QJsonObject> inherited;
        select(u"SELECT id, coalesce(phone, ''), name FROM members WHERE guide_id = ?"_s, {id}, [&](const QSqlQuery &q) {
            inherited.append({{u"id"_s, q.value(0).toString()}, {u"phone"_s, q.value(1).toString()}, {u"name"_s, q.value(2).toString()},
                              {u"binding"_s, QJsonObject{{u"guide"_s, heir}, {u"at"_s, at}, {u"source"_s, u"assign"_s},
                                                          {u"inherited_from"_s, id}}}});
        });
        for (const QJsonObject &m : std::as_const(inherited)) {
            if (Status s = run(u"UPDATE members SET guide_id = ?, bound_at = ?, source = 'assign' WHERE id = ?"_s,
                               {heir, at, m.value(u"id"_s).toString()});
                !s)
                return s;
            if (Status s = publish({}, u"member"_s, m.value(u"id"_s).toString(), m, nowMs); !s)
                return s;
        }
        return {};
    });
}

Status HqStore::addMember(const QString &id, const QString &phone, const QString &name, const QString &guide, qint64 nowMs)
{
    static const QRegularExpression valid(u"^M\\d{4,10}$"_s);
    if (!valid.match(id).hasMatch())
        return Status::failure(tr("A member id is M and 4 to 10 digits (like M0042), not \"%1\".").arg(shownInput(id)));
    if (!guide.isEmpty()) {
        bool known = false;
        select(u"SELECT 1 FROM guides WHERE id = ? AND departed_at IS NULL"_s, {guide}, [&](const QSqlQuery &) { known = true; });
        if (!known)
            return Status::failure(tr("There is no guide %1 still employed.").arg(shownInput(guide)));
    }
    const QString at = isoNow(nowMs);
    return transaction([&]() -> Status {
        if (Status s = run(u"INSERT INTO members (id, phone, name, guide_id, bound_at, source) VALUES (?, ?, ?, ?, ?, 'assign') "
                           "ON CONFLICT (id) DO UPDATE SET phone = excluded.phone, name = excluded.name, "
                           "guide_id = excluded.guide_id, bound_at = excluded.bound_at, source = excluded.source"_s,
                           {id, phone, name, guide, at});
            !s)
            return s;
        QJsonObject data{{u"id"_s, id}, {u"phone"_s, phone}, {u"name"_s, name}};
        if (!guide.isEmpty())
            data.insert(u"binding"_s, QJsonObject{{u"guide"_s, guide}, {u"at"_s, at}, {u"source"_s, u"assign"_s}});
        return publish({}, u"member"_s, id, data, nowMs); // members are the chain's: every store gets them
    });
}

Result<HqStore::FeedResult> HqStore::importOnlineFeed(const QStringList &lines, qint64 nowMs)
{
    using R = Result<FeedResult>;
    QStringList kept;
    select(u"SELECT line FROM online_feed ORDER BY seq"_s, {}, [&](const QSqlQuery &q) { kept.append(q.value(0).toString()); });
    // Everything HQ has, then the new lines: the engine needs the whole history (bindings,
    // clicks) and keeps time order across imports.
    attribution::Replay replay(false);
    std::string out;
    int number = 0;
    // HQ's own guides first (guide lines carry no time), so the shop's feed need not repeat them.
    QStringList declared;
    select(u"SELECT id, store_id, name FROM guides ORDER BY id"_s, {}, [&](const QSqlQuery &q) {
        declared.append(compact({{u"type"_s, u"guide"_s}, {u"id"_s, q.value(0).toString()}, {u"store"_s, q.value(1).toString()},
                                 {u"name"_s, q.value(2).toString()}}));
    });
    for (const QString &line : std::as_const(declared))
        replay.feed(line.toStdString(), ++number, out);
    for (const QString &line : std::as_const(kept))
        replay.feed(line.toStdString(), ++number, out);
    const int firstNew = number + 1;
    for (const QString &line : lines)
        replay.feed(line.toStdString(), ++number, out);
    FeedResult result;
    QSet<int> badLines;
    QList<QJsonObject> credits;
    for (const QByteArray &raw : QByteArray::fromStdString(out).split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(raw).object();
        const QString type = o.value(u"type"_s).toString();
        if (type == u"error"_s && o.value(u"line"_s).toInt() >= firstNew) {
            badLines.insert(o.value(u"line"_s).toInt());
            result.errors.append(tr("line %1: %2").arg(o.value(u"line"_s).toInt() - firstNew + 1).arg(o.value(u"message"_s).toString()));
        } else if (type == u"credit"_s && o.value(u"channel"_s).toString() == u"online"_s) {
            credits.append(o);
        }
    }
    Status s = transaction([&]() -> Status {
        qint64 seq = 0;
        select(u"SELECT coalesce(max(seq), 0) FROM online_feed"_s, {}, [&](const QSqlQuery &q) { seq = q.value(0).toLongLong(); });
        for (int i = 0; i < lines.size(); ++i) {
            if (badLines.contains(firstNew + i) || lines[i].trimmed().isEmpty())
                continue;
            if (Status r = run(u"INSERT INTO online_feed (seq, line, received_at) VALUES (?, ?, ?)"_s, {++seq, lines[i], isoNow(nowMs)}); !r)
                return r;
            ++result.accepted;
        }
        // Credits HQ has not recorded yet: recorded, and sent to the store's tills.
        for (const QJsonObject &c : std::as_const(credits)) {
            const QString dayInItsOffset = c.value(u"at"_s).toString().left(10); // the order's local day
            int inserted = 0;
            const qint64 amount = c.value(u"amount"_s).toInteger();
            if (Status r = run(u"INSERT INTO credits (doc_id, guide_id, kind, store_id, business_date, channel, amount_fen, is_refund) "
                               "VALUES (?, ?, ?, ?, ?, 'online', ?, ?) ON CONFLICT (doc_id, guide_id, kind) DO NOTHING"_s,
                               {c.value(u"doc"_s).toString(), c.value(u"guide"_s).toString(), c.value(u"kind"_s).toString(),
                                c.value(u"store"_s).toString(), dayInItsOffset, amount, amount < 0 ? 1 : 0},
                               &inserted);
                !r)
                return r;
            if (inserted == 0)
                continue;
            ++result.newCredits;
            QJsonObject data = c;
            data.remove(u"type"_s);
            data.insert(u"business_date"_s, dayInItsOffset);
            if (Status r = publish(c.value(u"store"_s).toString(), u"online_credit"_s, c.value(u"doc"_s).toString(), data, nowMs); !r)
                return r;
        }
        return {};
    });
    if (!s)
        return R::failure(s.error(), ErrorKind::System);
    return result;
}

Result<HqStore::CatalogResult> HqStore::importCatalog(const QString &csv, qint64 nowMs)
{
    using R = Result<CatalogResult>;
    const CsvReader reader(csv);
    for (const char *column : {"sku", "barcodes", "name", "price_fen"})
        if (!reader.header().contains(QString::fromLatin1(column)))
            return R::failure(tr("The catalog needs the columns sku, barcodes, name, category, price_fen, commission_bp "
                                 "(and optionally active); \"%1\" is missing.").arg(QString::fromLatin1(column)));
    CatalogResult result;
    QList<QJsonObject> items;
    int row = 1;
    for (const auto &r : reader.records()) {
        ++row;
        bool priceOk = false, bpOk = true;
        const qint64 price = r.value(u"price_fen"_s).toLongLong(&priceOk);
        const int bp = r.value(u"commission_bp"_s, u"0"_s).toInt(&bpOk);
        const QString sku = r.value(u"sku"_s).trimmed();
        if (sku.isEmpty() || r.value(u"name"_s).trimmed().isEmpty() || !priceOk || price < 0 || !bpOk || bp < 0 || bp > 10000) {
            result.errors.append(tr("line %1: needs a sku, a name, price_fen ≥ 0 and commission_bp 0–10000").arg(row));
            continue;
        }
        QJsonArray barcodes;
        for (const QString &code : r.value(u"barcodes"_s).split(u'|', Qt::SkipEmptyParts))
            barcodes.append(code.trimmed());
        items.append({{u"sku"_s, sku}, {u"name"_s, r.value(u"name"_s).trimmed()}, {u"category"_s, r.value(u"category"_s).trimmed()},
                      {u"price_fen"_s, price}, {u"commission_bp"_s, bp}, {u"barcodes"_s, barcodes},
                      {u"active"_s, r.value(u"active"_s, u"1"_s).trimmed() != u"0"_s}});
    }
    Status s = transaction([&]() -> Status {
        for (const QJsonObject &item : std::as_const(items)) {
            const QString data = compact(item);
            QString before;
            select(u"SELECT data FROM products WHERE sku = ?"_s, {item.value(u"sku"_s).toString()},
                   [&](const QSqlQuery &q) { before = q.value(0).toString(); });
            if (before == data) {
                ++result.unchanged;
                continue; // the tills have it already
            }
            if (Status r = run(u"INSERT INTO products (sku, data) VALUES (?, ?) ON CONFLICT (sku) DO UPDATE SET data = excluded.data"_s,
                               {item.value(u"sku"_s).toString(), data});
                !r)
                return r;
            if (Status r = publish({}, u"product"_s, item.value(u"sku"_s).toString(), item, nowMs); !r)
                return r;
            ++result.changed;
        }
        return {};
    });
    if (!s)
        return R::failure(s.error(), ErrorKind::System);
    return result;
}

Status HqStore::setPolicy(const QString &json, qint64 nowMs)
{
    const QByteArray utf8 = json.toUtf8();
    const auto policy = attribution::policyFromJson(std::string_view(utf8.constData(), size_t(utf8.size())));
    if (!policy)
        return Status::failure(tr("Not a policy: %1").arg(policy.error()));
    const QString canonical = QString::fromStdString(attribution::policyToJson(*policy));
    return transaction([&]() -> Status {
        if (Status s = run(u"INSERT INTO hq_meta (key, value) VALUES ('policy', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
                           {canonical});
            !s)
            return s;
        return publish({}, u"policy"_s, u"policy"_s, QJsonDocument::fromJson(canonical.toUtf8()).object(), nowMs);
    });
}

QString HqStore::policy() const
{
    QString value;
    select(u"SELECT value FROM hq_meta WHERE key = 'policy'"_s, {}, [&](const QSqlQuery &q) { value = q.value(0).toString(); });
    return value;
}

Result<HqStore::ReconcileResult> HqStore::reconcile(qint64 nowMs)
{
    using R = Result<ReconcileResult>;
    const QString policyJson = policy();
    if (policyJson.isEmpty())
        return R::failure(tr("Set the chain's attribution policy first (pos-hq policy set FILE.json): HQ must use the tills' rules."));
    // Everything as spec §10 lines in time order: the members HQ has bound, the bindings the
    // tills made, the tills' orders and refunds, the web shop's events.
    struct Timed
    {
        qint64 ms;
        QString line;
    };
    QList<Timed> timed;
    QMap<QString, QString> guides; // id → store
    auto ms = [](const QString &iso) { return QDateTime::fromString(iso, Qt::ISODateWithMs).toMSecsSinceEpoch(); };
    select(u"SELECT id, store_id FROM guides"_s, {}, [&](const QSqlQuery &q) { guides.insert(q.value(0).toString(), q.value(1).toString()); });
    select(u"SELECT id, guide_id, bound_at FROM members WHERE guide_id IS NOT NULL AND guide_id <> '' AND source = 'assign'"_s, {},
           [&](const QSqlQuery &q) {
               const QString at = q.value(2).toString();
               timed.append({ms(at), compact({{u"type"_s, u"bind"_s}, {u"at"_s, at}, {u"customer"_s, q.value(0).toString()},
                                              {u"guide"_s, q.value(1).toString()}, {u"source"_s, u"assign"_s}})});
           });
    QHash<QString, QString> orderStore, orderDay;
    select(u"SELECT topic, store_id, payload FROM events WHERE topic IN ('binding.created', 'order.paid', 'order.refunded')"_s, {},
           [&](const QSqlQuery &q) {
               const QString topic = q.value(0).toString();
               const QString store = q.value(1).toString();
               const QJsonObject p = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
               if (topic == u"binding.created"_s) {
                   const QString guide = p.value(u"guide"_s).toString();
                   if (!guides.contains(guide))
                       guides.insert(guide, store);
                   timed.append({ms(p.value(u"at"_s).toString()),
                                 compact({{u"type"_s, u"bind"_s}, {u"at"_s, p.value(u"at"_s)}, {u"customer"_s, p.value(u"member"_s)},
                                          {u"guide"_s, guide}, {u"source"_s, p.value(u"source"_s)}})});
               } else if (topic == u"order.paid"_s) {
                   const QString guide = p.value(u"sales_guide"_s).toString();
                   if (!guide.isEmpty() && !guides.contains(guide))
                       guides.insert(guide, store);
                   QJsonArray lines;
                   for (const QJsonValue &l : p.value(u"lines"_s).toArray())
                       lines.append(QJsonObject{{u"sku"_s, l[u"sku"_s]}, {u"amount"_s, l[u"amount"_s]}, {u"commission_bp"_s, l[u"commission_bp"_s]}});
                   const QString id = p.value(u"order"_s).toString();
                   orderStore.insert(id, store);
                   orderDay.insert(id, p.value(u"business_date"_s).toString());
                   timed.append({ms(p.value(u"paid_at"_s).toString()),
                                 compact({{u"type"_s, u"order"_s}, {u"at"_s, p.value(u"paid_at"_s)}, {u"id"_s, id}, {u"store"_s, store},
                                          {u"channel"_s, u"store"_s}, {u"customer"_s, p.value(u"member"_s)},
                                          {u"sales_guide"_s, p.value(u"sales_guide"_s)}, {u"lines"_s, lines}})});
               } else {
                   const QString id = p.value(u"refund"_s).toString();
                   orderStore.insert(id, store);
                   orderDay.insert(id, p.value(u"business_date"_s).toString());
                   timed.append({ms(p.value(u"refunded_at"_s).toString()),
                                 compact({{u"type"_s, u"refund"_s}, {u"at"_s, p.value(u"refunded_at"_s)}, {u"id"_s, id},
                                          {u"order"_s, p.value(u"order"_s)}, {u"amount"_s, p.value(u"amount"_s)}})});
               }
           });
    select(u"SELECT line FROM online_feed ORDER BY seq"_s, {}, [&](const QSqlQuery &q) {
        const QString line = q.value(0).toString();
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value(u"type"_s).toString() != u"guide"_s && o.value(u"type"_s).toString() != u"policy"_s)
            timed.append({ms(o.value(u"at"_s).toString()), line});
    });
    std::stable_sort(timed.begin(), timed.end(), [](const Timed &a, const Timed &b) { return a.ms < b.ms; });

    attribution::Replay replay(false);
    std::string out;
    int number = 0;
    QJsonObject policyLine = QJsonDocument::fromJson(policyJson.toUtf8()).object();
    policyLine.insert(u"type"_s, u"policy"_s);
    replay.feed(compact(policyLine).toStdString(), ++number, out);
    for (auto it = guides.cbegin(); it != guides.cend(); ++it)
        replay.feed(compact({{u"type"_s, u"guide"_s}, {u"id"_s, it.key()}, {u"store"_s, it.value()}}).toStdString(), ++number, out);
    for (const Timed &t : std::as_const(timed))
        replay.feed(t.line.toStdString(), ++number, out);

    ReconcileResult result;
    result.orders = int(orderStore.size());
    QMap<std::tuple<QString, QString, QString>, qint64> desired; // (doc, guide, kind) → amount
    QHash<QString, QString> docOrder;
    for (const QByteArray &raw : QByteArray::fromStdString(out).split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(raw).object();
        if (o.value(u"type"_s).toString() == u"error"_s)
            result.errors.append(o.value(u"message"_s).toString());
        if (o.value(u"type"_s).toString() != u"credit"_s || o.value(u"channel"_s).toString() != u"store"_s)
            continue;
        const QString doc = o.value(u"doc"_s).toString();
        desired[{doc, o.value(u"guide"_s).toString(), o.value(u"kind"_s).toString()}] += o.value(u"amount"_s).toInteger();
        docOrder.insert(doc, o.value(u"order"_s).toString());
    }
    // What the tills credited, and what HQ already adjusted.
    QMap<std::tuple<QString, QString, QString>, qint64> current;
    select(u"SELECT doc_id, guide_id, kind, amount_fen FROM credits WHERE channel = 'store'"_s, {}, [&](const QSqlQuery &q) {
        current[{q.value(0).toString(), q.value(1).toString(), q.value(2).toString()}] += q.value(3).toLongLong();
    });
    select(u"SELECT doc_id, guide_id, kind, amount_fen, order_id FROM adjustments"_s, {}, [&](const QSqlQuery &q) {
        current[{q.value(0).toString(), q.value(1).toString(), q.value(2).toString()}] += q.value(3).toLongLong();
        docOrder.insert(q.value(0).toString(), q.value(4).toString());
    });
    std::set<std::tuple<QString, QString, QString>> keys;
    for (auto it = desired.cbegin(); it != desired.cend(); ++it)
        keys.insert(it.key());
    for (auto it = current.cbegin(); it != current.cend(); ++it)
        if (orderStore.contains(std::get<0>(it.key()))) // only documents HQ replayed
            keys.insert(it.key());
    const QList<std::tuple<QString, QString, QString>> sorted(keys.cbegin(), keys.cend()); // in key order
    Status s = transaction([&]() -> Status {
        qint64 seq = 0;
        select(u"SELECT coalesce(max(seq), 0) FROM adjustments"_s, {}, [&](const QSqlQuery &q) { seq = q.value(0).toLongLong(); });
        for (const auto &key : std::as_const(sorted)) {
            const qint64 delta = desired.value(key) - current.value(key);
            if (delta == 0)
                continue;
            const auto &[doc, guide, kind] = key;
            const QString store = orderStore.value(doc);
            const QString day = orderDay.value(doc);
            const QString order = docOrder.value(doc, doc);
            if (Status r = run(u"INSERT INTO adjustments (seq, doc_id, order_id, guide_id, kind, store_id, business_date, amount_fen, at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                               {++seq, doc, order, guide, kind, store, day, delta, isoNow(nowMs)});
                !r)
                return r;
            if (Status r = run(u"INSERT INTO credits (doc_id, guide_id, kind, store_id, business_date, channel, amount_fen, is_refund) "
                               "VALUES (?, ?, ?, ?, ?, 'store', ?, 0)"_s,
                               {QString(u"adj:"_s + QString::number(seq)), guide, kind, store, day, delta});
                !r)
                return r;
            if (Status r = publish(store, u"credit_adjustment"_s, doc,
                                   {{u"adjustment"_s, seq}, {u"doc"_s, doc}, {u"order"_s, order}, {u"guide"_s, guide},
                                    {u"kind"_s, kind}, {u"amount"_s, delta}, {u"business_date"_s, day}, {u"at"_s, isoNow(nowMs)},
                                    {u"store"_s, store}},
                                   nowMs);
                !r)
                return r;
            ++result.adjustments;
        }
        return {};
    });
    if (!s)
        return R::failure(s.error(), ErrorKind::System);
    return result;
}

Result<QString> HqStore::createAdminToken(const QString &name, qint64 nowMs)
{
    if (name.trimmed().isEmpty())
        return Result<QString>::failure(tr("Name the token after who or what uses it (e.g. bi-dashboard)."));
    QByteArray raw(32, '\0');
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(raw.data()), reinterpret_cast<quint32 *>(raw.data() + raw.size()));
    const QString token = QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    if (Status s = run(u"INSERT INTO admin_tokens (token_hash, name, created_at) VALUES (?, ?, ?)"_s,
                       {codeHash(token), name.trimmed(), isoNow(nowMs)});
        !s)
        return Result<QString>::failure(s.error(), ErrorKind::System);
    return token;
}

bool HqStore::adminTokenValid(const QString &token) const
{
    if (token.isEmpty())
        return false;
    bool valid = false;
    select(u"SELECT 1 FROM admin_tokens WHERE token_hash = ? AND revoked_at IS NULL"_s, {codeHash(token)},
           [&](const QSqlQuery &) { valid = true; });
    return valid;
}

QList<QJsonObject> HqStore::ledger(const QString &store, const QString &from, const QString &to) const
{
    QList<QJsonObject> rows;
    select(u"SELECT doc_id, guide_id, kind, channel, amount_fen, business_date, is_refund FROM credits "
           "WHERE store_id = ? AND business_date >= ? AND business_date <= ? ORDER BY business_date, doc_id, guide_id, kind"_s,
           {store, from, to}, [&](const QSqlQuery &q) {
               const QString doc = q.value(0).toString();
               rows.append({{u"doc"_s, doc}, {u"guide"_s, q.value(1).toString()}, {u"kind"_s, q.value(2).toString()},
                            {u"channel"_s, q.value(3).toString()}, {u"amount_fen"_s, q.value(4).toLongLong()},
                            {u"business_date"_s, q.value(5).toString()}, {u"refund"_s, q.value(6).toInt() != 0},
                            {u"adjustment"_s, doc.startsWith(u"adj:"_s)}});
           });
    return rows;
}

QJsonArray HqStore::changes(const QString &store, qint64 cursor, int limit, bool *more) const
{
    QJsonArray out;
    select(u"SELECT seq, kind, data FROM changes WHERE seq > ? AND (store_id = ? OR store_id IS NULL) ORDER BY seq LIMIT ?"_s,
           {cursor, store, limit + 1}, [&](const QSqlQuery &q) {
               out.append(QJsonObject{{u"seq"_s, q.value(0).toLongLong()},
                                      {u"kind"_s, q.value(1).toString()},
                                      {u"data"_s, QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object()}});
           });
    *more = out.size() > limit;
    if (*more)
        out.removeLast();
    return out;
}

// A binding made at a till (a member registered with a guide, a guide's badge scanned): the
// member as HQ knows them changes, and every store hears of it — the two-store story.
QString HqStore::ingestBinding(const Terminal &from, const QJsonObject &event, const QString &receivedAt, QString *status)
{
    const QString id = event.value(u"id"_s).toString();
    const QJsonObject p = event.value(u"payload"_s).toObject();
    const QString member = p.value(u"member"_s).toString();
    const QString guide = p.value(u"guide"_s).toString();
    const QString outcome = p.value(u"outcome"_s).toString();
    const QString at = p.value(u"at"_s).toString();
    static const QStringList binding{u"bound"_s, u"renewed"_s, u"rebound"_s, u"assigned"_s};
    static const QStringList other{u"ignored"_s, u"kept"_s};
    if (member.isEmpty() || guide.isEmpty() || at.isEmpty() || !(binding.contains(outcome) || other.contains(outcome))) {
        *status = u"rejected"_s;
        return tr("a binding needs member, guide, at and an outcome");
    }
    const auto inserted = insertEvent(from, event, compact(p), receivedAt);
    if (!inserted) {
        status->clear();
        return inserted.error();
    }
    *status = *inserted ? u"accepted"_s : u"duplicate"_s;
    if (!*inserted)
        return {};
    const QString phone = p.value(u"member_phone"_s).toString();
    const QString name = p.value(u"member_name"_s).toString();
    const bool binds = binding.contains(outcome);
    Status s = binds ? run(u"INSERT INTO members (id, phone, name, guide_id, bound_at, source) VALUES (?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (id) DO UPDATE SET phone = excluded.phone, name = excluded.name, "
                           "guide_id = excluded.guide_id, bound_at = excluded.bound_at, source = excluded.source"_s,
                           {member, phone, name, guide, at, p.value(u"source"_s).toString()})
                     : run(u"INSERT INTO members (id, phone, name) VALUES (?, ?, ?) "
                           "ON CONFLICT (id) DO UPDATE SET phone = excluded.phone, name = excluded.name"_s,
                           {member, phone, name});
    if (s && binds)
        s = publish({}, u"member"_s, member,
                    {{u"id"_s, member}, {u"phone"_s, phone}, {u"name"_s, name},
                     {u"binding"_s, QJsonObject{{u"guide"_s, guide}, {u"at"_s, at}, {u"source"_s, p.value(u"source"_s).toString()}}}},
                    QDateTime::fromString(receivedAt, Qt::ISODateWithMs).toMSecsSinceEpoch());
    if (!s) {
        status->clear();
        return s.error();
    }
    return {};
}

int HqStore::eventCount(const QString &topic, const QString &store) const
{
    int n = 0;
    select(u"SELECT count(*) FROM events WHERE topic = ? AND store_id = ?"_s, {topic, store},
           [&](const QSqlQuery &q) { n = q.value(0).toInt(); });
    return n;
}

QList<QJsonObject> HqStore::orders(const QString &store, const QString &date) const
{
    QList<QJsonObject> all;
    const QString sql = u"SELECT payload FROM orders WHERE store_id = ?"_s + (date.isEmpty() ? QString() : u" AND business_date = ?"_s)
                        + u" ORDER BY paid_at, number"_s;
    QVariantList values{store};
    if (!date.isEmpty())
        values.append(date);
    select(sql, values, [&](const QSqlQuery &q) {
        all.append(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
    });
    return all;
}

QList<QJsonObject> HqStore::leaderboard(const QString &store, const QString &date) const
{
    struct Row
    {
        qint64 storeFen = 0, onlineFen = 0;
        QSet<QString> orders;
    };
    QMap<QString, Row> byGuide;
    select(u"SELECT guide_id, channel, amount_fen, doc_id, is_refund FROM credits WHERE store_id = ? AND business_date = ?"_s,
           {store, date}, [&](const QSqlQuery &q) {
               Row &r = byGuide[q.value(0).toString()];
               (q.value(1).toString() == u"online"_s ? r.onlineFen : r.storeFen) += q.value(2).toLongLong();
               if (q.value(4).toInt() == 0)
                   r.orders.insert(q.value(3).toString());
           });
    QList<QJsonObject> rows;
    for (auto it = byGuide.cbegin(); it != byGuide.cend(); ++it)
        rows.append({{u"guide"_s, it.key()}, {u"store_fen"_s, it->storeFen}, {u"online_fen"_s, it->onlineFen},
                     {u"total_fen"_s, it->storeFen + it->onlineFen}, {u"orders"_s, int(it->orders.size())}});
    std::sort(rows.begin(), rows.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const qint64 x = a.value(u"total_fen"_s).toInteger(), y = b.value(u"total_fen"_s).toInteger();
        return x != y ? x > y : a.value(u"guide"_s).toString() < b.value(u"guide"_s).toString();
    });
    for (int i = 0; i < rows.size(); ++i)
        rows[i].insert(u"rank"_s, i + 1);
    return rows;
}

} // namespace pos::hq
