#include "store/database.h"
#include "store/migrations.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

namespace {

// Every table, index and trigger with its SQL: two databases with equal schemas give equal lists.
QStringList schemaOf(const Database &db)
{
    QStringList rows;
    auto q = db.exec(u"SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"_s);
    while (q && q->next())
        rows.append(q->value(0).toString() + u' ' + q->value(1).toString() + u' ' + q->value(2).toString());
    return rows;
}

// Rows as a till at `version` would have written them, in that version's own columns.
void writeDataOfVersion(const Database &db, int version)
{
    if (version >= 1) {
        QVERIFY(db.exec(u"INSERT INTO products (sku, name, pinyin, price_fen) VALUES ('A1', '连衣裙', 'LYQ', 29900)"_s));
        QVERIFY(db.exec(u"INSERT INTO barcodes (code, sku) VALUES ('6901234567892', 'A1')"_s));
        QVERIFY(db.exec(u"INSERT INTO guides (id, name, store_id) VALUES ('G01', '小野', 'S01')"_s));
        QVERIFY(db.exec(u"INSERT INTO members (id, phone, name, exclusive_guide_id) VALUES ('M1', '13800000000', '王静', 'G01')"_s));
    }
    if (version >= 2) {
        QVERIFY(db.exec(uR"(INSERT INTO orders (id, number, store_id, terminal_id, seq, paid_at, paid_at_utc_ms,
            business_date, subtotal_fen, discount_fen, total_fen, paid_fen, change_fen)
            VALUES ('u1', 'S01-T01-000001', 'S01', 'T01', 1, '2026-11-01T10:00:00+08:00', 0, '2026-11-01', 29900, 0, 29900, 30000, 100))"_s));
        QVERIFY(db.exec(u"INSERT INTO payments (order_id, seq, method, tendered_fen, amount_fen) VALUES ('u1', 1, 'cash', 30000, 29900)"_s));
    }
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT
private slots:
    void freshDatabaseIsLatest()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(dir.filePath(u"t.db"_s)).ok());
        QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
        auto mode = db.exec(u"PRAGMA journal_mode"_s);
        QVERIFY(mode && mode->next());
        QCOMPARE(mode->value(0).toString(), u"wal"_s);
        auto sync = db.exec(u"PRAGMA synchronous"_s);
        QVERIFY(sync && sync->next());
        QCOMPARE(sync->value(0).toInt(), 2); // FULL
        auto fk = db.exec(u"PRAGMA foreign_keys"_s);
        QVERIFY(fk && fk->next());
        QCOMPARE(fk->value(0).toInt(), 1);
    }

    // Sync applies each change from HQ in a savepoint of its own, which catches a foreign key
    // that fails at its statement. A key DEFERRABLE INITIALLY DEFERRED would fail only at
    // COMMIT, taking the whole page (and the changes after the bad one) with it: none may be.
    void foreignKeysAreCheckedAtEachStatement()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(dir.filePath(u"t.db"_s)).ok());
        int keys = 0;
        auto tables = db.exec(u"SELECT name, sql FROM sqlite_master WHERE type = 'table'"_s);
        QVERIFY(tables);
        QStringList names;
        while (tables->next()) {
            names.append(tables->value(0).toString());
            QVERIFY2(!tables->value(1).toString().contains(u"INITIALLY DEFERRED"_s, Qt::CaseInsensitive),
                     qPrintable(tables->value(0).toString()));
        }
        for (const QString &table : std::as_const(names)) {
            auto fks = db.exec(u"SELECT count(*) FROM pragma_foreign_key_list(?)"_s, {table});
            QVERIFY(fks && fks->next());
            keys += fks->value(0).toInt();
        }
        QVERIFY(keys > 0); // members → guides among them
        auto deferred = db.exec(u"PRAGMA defer_foreign_keys"_s);
        QVERIFY(deferred && deferred->next());
        QCOMPARE(deferred->value(0).toInt(), 0);
    }

    void upgradeFromEveryVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 0; v < Migrations::latestVersion(); ++v)
            QTest::addRow("from v%d", v) << v;
    }
    void upgradeFromEveryVersion()
    {
        QFETCH(int, from);
        QTemporaryDir dir;
        QStringList freshSchema;
        {
            Database fresh;
            QVERIFY(fresh.open(dir.filePath(u"fresh.db"_s)).ok());
            freshSchema = schemaOf(fresh);
        }
        Database db;
        QVERIFY(db.openWithoutMigrating(dir.filePath(u"old.db"_s)).ok());
        QVERIFY(Migrations::migrate(db, from).ok());
        QCOMPARE(db.schemaVersion(), from);
        writeDataOfVersion(db, from);
        db.close();

        QVERIFY(db.open(dir.filePath(u"old.db"_s)).ok()); // what the till does at start
        QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
        QCOMPARE(schemaOf(db), freshSchema);
        if (from >= 1) {
            auto q = db.exec(u"SELECT name FROM products WHERE sku = 'A1'"_s);
            QVERIFY(q && q->next());
            QCOMPARE(q->value(0).toString(), u"连衣裙"_s);
        }
        if (from >= 2) {
            auto q = db.exec(u"SELECT total_fen FROM orders WHERE number = 'S01-T01-000001'"_s);
            QVERIFY(q && q->next());
            QCOMPARE(q->value(0).toLongLong(), 29900);
        }
    }

    void failingStepRollsBack()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.openWithoutMigrating(dir.filePath(u"t.db"_s)).ok());
        const int rebuild = 10; // the step that rebuilds print_jobs in four statements
        const int before = rebuild - 1;
        QVERIFY(Migrations::migrate(db, before).ok());
        // Something in the way of that step's second statement (the rows it copies have a
        // column too many): the step must fail whole, its first table too, and leave the version.
        QVERIFY(db.exec(u"ALTER TABLE print_jobs ADD COLUMN in_the_way TEXT"_s));
        const Status s = Migrations::migrate(db, Migrations::latestVersion());
        QVERIFY(!s.ok());
        QVERIFY(s.error().contains(QString::number(rebuild)));
        QCOMPARE(db.schemaVersion(), before);
        auto table = db.exec(u"SELECT count(*) FROM sqlite_master WHERE name = 'print_jobs_v10'"_s);
        QVERIFY(table && table->next());
        QCOMPARE(table->value(0).toInt(), 0);
    }

    void newerDatabaseIsRefused()
    {
        QTemporaryDir dir;
        {
            Database db;
            QVERIFY(db.open(dir.filePath(u"t.db"_s)).ok());
            QVERIFY(db.exec(u"PRAGMA user_version = 999"_s));
        }
        Database db;
        const Status s = db.open(dir.filePath(u"t.db"_s));
        QVERIFY(!s.ok());
        QVERIFY(s.error().contains(u"999"_s));
    }

    void notADatabaseIsReported()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(u"junk.db"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        Database db;
        const Status s = db.open(f.fileName());
        QVERIFY(!s.ok());
        QVERIFY(s.error().contains(u"junk.db"_s));
        // Somebody's other file given by mistake: refused, never overwritten, moved or narrowed.
        QVERIFY2(s.error().contains(u"not a till database"_s), qPrintable(s.error()));
        QCOMPARE(f.size(), 8192);
        QVERIFY(QDir(dir.path()).entryList({u"junk.db.damaged-*"_s}, QDir::Files).isEmpty());
        QVERIFY(!QFile::exists(f.fileName() + u".quarantined"_s));
        // A till's database whose first page is gone (its check stamp beside it) is damage: set aside whole.
        QFile stamp(f.fileName() + u".checked"_s);
        QVERIFY(stamp.open(QIODevice::WriteOnly));
        stamp.close();
        QVERIFY(!Database().open(f.fileName()));
        const QStringList aside = QDir(dir.path()).entryList({u"junk.db.damaged-*"_s}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QFile kept(dir.filePath(aside.front()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray(8192, 'x'));
        QVERIFY(!Database().open(f.fileName()));
        QVERIFY(!QFile::exists(f.fileName()));
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
