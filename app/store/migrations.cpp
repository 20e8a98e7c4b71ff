#include "migrations.h"

#include "database.h"

#include <QStringList>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

// Never edit a released step: add a new one.
const QList<QStringList> &steps()
{
    static const QList<QStringList> all = {
        // 1: the store, its catalog, guides and members.
        {
            uR"(CREATE TABLE settings (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL))"_s,
            uR"(CREATE TABLE stores (
                id        TEXT PRIMARY KEY,
                name      TEXT NOT NULL,
                address   TEXT NOT NULL DEFAULT '',
                phone     TEXT NOT NULL DEFAULT '',
                time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai'))"_s,
            uR"(CREATE TABLE products (
                sku           TEXT PRIMARY KEY,
                name          TEXT NOT NULL,
                pinyin        TEXT NOT NULL DEFAULT '',
                category      TEXT NOT NULL DEFAULT '',
                price_fen     INTEGER NOT NULL CHECK (price_fen >= 0),
                commission_bp INTEGER NOT NULL DEFAULT 0 CHECK (commission_bp BETWEEN 0 AND 10000),
                active        INTEGER NOT NULL DEFAULT 1))"_s,
            uR"(CREATE TABLE barcodes (
                code TEXT PRIMARY KEY,
                sku  TEXT NOT NULL REFERENCES products(sku) ON DELETE CASCADE)
                WITHOUT ROWID)"_s,
            u"CREATE INDEX barcodes_sku ON barcodes(sku)"_s,
            u"CREATE INDEX products_pinyin ON products(pinyin)"_s,
            uR"(CREATE TABLE guides (
                id          TEXT PRIMARY KEY,
                name        TEXT NOT NULL,
                store_id    TEXT NOT NULL,
                active      INTEGER NOT NULL DEFAULT 1,
                departed_at TEXT))"_s,
            uR"(CREATE TABLE members (
                id                 TEXT PRIMARY KEY,
                phone              TEXT UNIQUE,
                name               TEXT NOT NULL DEFAULT '',
                exclusive_guide_id TEXT REFERENCES guides(id)))"_s,
        },
        // 2: sales. Orders, lines and payments are append-only (triggers refuse UPDATE and
        // DELETE); the outbox row for HQ is written in the sale's own transaction.
        {
            uR"(CREATE TABLE order_counters (
                terminal_id TEXT PRIMARY KEY,
                last_seq    INTEGER NOT NULL))"_s,
            uR"(CREATE TABLE orders (
                id                 TEXT PRIMARY KEY,
                number             TEXT NOT NULL UNIQUE,
                store_id           TEXT NOT NULL,
                terminal_id        TEXT NOT NULL,
                seq                INTEGER NOT NULL,
                paid_at            TEXT NOT NULL,
                paid_at_utc_ms     INTEGER NOT NULL,
                business_date      TEXT NOT NULL,
                member_id          TEXT,
                sales_guide_id     TEXT,
                exclusive_guide_id TEXT,
                subtotal_fen       INTEGER NOT NULL,
                discount_fen       INTEGER NOT NULL,
                total_fen          INTEGER NOT NULL,
                paid_fen           INTEGER NOT NULL,
                change_fen         INTEGER NOT NULL,
                UNIQUE (terminal_id, seq)))"_s,
            u"CREATE INDEX orders_business_date ON orders(business_date, paid_at_utc_ms)"_s,
            uR"(CREATE TABLE order_lines (
                order_id           TEXT NOT NULL REFERENCES orders(id),
                line_no            INTEGER NOT NULL,
                sku                TEXT NOT NULL,
                code               TEXT NOT NULL DEFAULT '',
                name               TEXT NOT NULL,
                quantity           INTEGER NOT NULL CHECK (quantity > 0),
                unit_price_fen     INTEGER NOT NULL,
                line_discount_fen  INTEGER NOT NULL,
                order_discount_fen INTEGER NOT NULL,
                amount_fen         INTEGER NOT NULL,
                commission_bp      INTEGER NOT NULL,
                PRIMARY KEY (order_id, line_no)) WITHOUT ROWID)"_s,
            uR"(CREATE TABLE payments (
                order_id     TEXT NOT NULL REFERENCES orders(id),
                seq          INTEGER NOT NULL,
                method       TEXT NOT NULL CHECK (method IN ('cash','card','wechat','alipay')),
                tendered_fen INTEGER NOT NULL CHECK (tendered_fen > 0),
                amount_fen   INTEGER NOT NULL,
                reference    TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (order_id, seq)) WITHOUT ROWID)"_s,
            uR"(CREATE TABLE outbox (
                id         TEXT PRIMARY KEY,
                topic      TEXT NOT NULL,
                ref        TEXT NOT NULL,
                payload    TEXT NOT NULL,
                created_at TEXT NOT NULL,
                attempts   INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                sent_at    TEXT))"_s,
            u"CREATE INDEX outbox_pending ON outbox(sent_at)"_s,
            u"CREATE TRIGGER orders_no_update BEFORE UPDATE ON orders BEGIN SELECT RAISE(ABORT, 'orders are append-only'); END"_s,
            u"CREATE TRIGGER orders_no_delete BEFORE DELETE ON orders BEGIN SELECT RAISE(ABORT, 'orders are append-only'); END"_s,
            u"CREATE TRIGGER order_lines_no_update BEFORE UPDATE ON order_lines BEGIN SELECT RAISE(ABORT, 'order lines are append-only'); END"_s,
            u"CREATE TRIGGER order_lines_no_delete BEFORE DELETE ON order_lines BEGIN SELECT RAISE(ABORT, 'order lines are append-only'); END"_s,
            u"CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END"_s,
            u"CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END"_s,
        },
        // 3: sales put on hold, kept across restarts.
        {
            uR"(CREATE TABLE held_sales (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                held_at    TEXT NOT NULL,
                label      TEXT NOT NULL DEFAULT '',
                guide_id   TEXT,
                member_id  TEXT,
                cart       TEXT NOT NULL))"_s,
        },
        // 4: attribution (shared/specs/attribution.md). Bind events, order attributions,
        // ledger entries and refunds are append-only; member_bindings is the current state
        // the bind events led to. Existing exclusive guides become assignments of unknown
        // date (the epoch), so protection is long over and nothing expires them by default.
        {
            uR"(CREATE TABLE member_bindings (
                member_id      TEXT PRIMARY KEY REFERENCES members(id),
                guide_id       TEXT NOT NULL,
                bound_at       TEXT NOT NULL,
                bound_at_utc_ms INTEGER NOT NULL,
                source         TEXT NOT NULL,
                inherited_from TEXT NOT NULL DEFAULT ''))"_s,
            uR"(INSERT INTO member_bindings (member_id, guide_id, bound_at, bound_at_utc_ms, source)
                SELECT id, exclusive_guide_id, '1970-01-01T00:00:00Z', 0, 'assign' FROM members
                WHERE exclusive_guide_id IS NOT NULL AND exclusive_guide_id <> '')"_s,
            uR"(CREATE TABLE bind_events (
                id            TEXT PRIMARY KEY,
                member_id     TEXT NOT NULL,
                guide_id      TEXT NOT NULL,
                source        TEXT NOT NULL,
                at            TEXT NOT NULL,
                at_utc_ms     INTEGER NOT NULL,
                business_date TEXT NOT NULL,
                outcome       TEXT NOT NULL))"_s,
            u"CREATE INDEX bind_events_day ON bind_events(business_date, guide_id)"_s,
            uR"(CREATE TABLE order_attribution (
                order_id            TEXT PRIMARY KEY REFERENCES orders(id),
                policy_version      TEXT NOT NULL,
                credit_mode         TEXT NOT NULL,
                exclusive_share_pct INTEGER NOT NULL,
                exclusive_guide_id  TEXT NOT NULL DEFAULT '',
                sales_guide_id      TEXT NOT NULL DEFAULT '',
                two_guide_split     INTEGER NOT NULL,
                recipients          TEXT NOT NULL,
                amount_fen          INTEGER NOT NULL,
                rate_numerator      INTEGER NOT NULL,
                explanation         TEXT NOT NULL DEFAULT '') WITHOUT ROWID)"_s,
            uR"(CREATE TABLE refunds (
                id            TEXT PRIMARY KEY,
                number        TEXT NOT NULL UNIQUE,
                order_id      TEXT NOT NULL REFERENCES orders(id),
                refunded_at   TEXT NOT NULL,
                at_utc_ms     INTEGER NOT NULL,
                business_date TEXT NOT NULL,
                amount_fen    INTEGER NOT NULL CHECK (amount_fen >= 0)))"_s,
            u"CREATE INDEX refunds_order ON refunds(order_id)"_s,
            uR"(CREATE TABLE refund_lines (
                refund_id  TEXT NOT NULL REFERENCES refunds(id),
                line_no    INTEGER NOT NULL,
                quantity   INTEGER NOT NULL CHECK (quantity > 0),
                amount_fen INTEGER NOT NULL,
                PRIMARY KEY (refund_id, line_no)) WITHOUT ROWID)"_s,
            uR"(CREATE TABLE refund_payments (
                refund_id  TEXT NOT NULL REFERENCES refunds(id),
                seq        INTEGER NOT NULL,
                payment_seq INTEGER NOT NULL,
                method     TEXT NOT NULL,
                amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
                reference  TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (refund_id, seq)) WITHOUT ROWID)"_s,
            uR"(CREATE TABLE ledger (
                id            INTEGER PRIMARY KEY,
                doc_id        TEXT NOT NULL,
                order_id      TEXT NOT NULL,
                guide_id      TEXT NOT NULL,
                kind          TEXT NOT NULL CHECK (kind IN ('sales','exclusive')),
                amount_fen    INTEGER NOT NULL CHECK (amount_fen <> 0),
                at            TEXT NOT NULL,
                at_utc_ms     INTEGER NOT NULL,
                business_date TEXT NOT NULL,
                channel       TEXT NOT NULL CHECK (channel IN ('store','online')),
                store_id      TEXT NOT NULL,
                is_refund     INTEGER NOT NULL))"_s,
            u"CREATE INDEX ledger_day ON ledger(business_date, guide_id, channel, amount_fen, is_refund)"_s,
            u"CREATE INDEX ledger_order ON ledger(order_id)"_s,
            uR"(CREATE TABLE targets (
                id        TEXT PRIMARY KEY,
                name      TEXT NOT NULL DEFAULT '',
                from_at   TEXT NOT NULL,
                from_utc_ms INTEGER NOT NULL,
                to_at     TEXT NOT NULL,
                to_utc_ms INTEGER NOT NULL,
                payout_at TEXT NOT NULL,
                payout_utc_ms INTEGER NOT NULL,
                tiers     TEXT NOT NULL))"_s,
            u"CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END"_s,
            u"CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END"_s,
            u"CREATE TRIGGER order_attribution_no_update BEFORE UPDATE ON order_attribution BEGIN SELECT RAISE(ABORT, 'an order''s attribution never changes'); END"_s,
            u"CREATE TRIGGER bind_events_no_update BEFORE UPDATE ON bind_events BEGIN SELECT RAISE(ABORT, 'bind events are append-only'); END"_s,
            u"CREATE TRIGGER refunds_no_update BEFORE UPDATE ON refunds BEGIN SELECT RAISE(ABORT, 'refunds are append-only'); END"_s,
        },
        // v5: every credit says why it went where it did (spec §9), for the manager's "why?"
        // (order_attribution.explanation, the same sentences joined, is no longer written);
        // the ledger by time, so a month's target progress reads one range of an index.
        {
            u"ALTER TABLE ledger ADD COLUMN why TEXT NOT NULL DEFAULT ''"_s,
            u"CREATE INDEX ledger_time ON ledger(is_refund, at_utc_ms, guide_id, amount_fen, order_id)"_s,
        },
        // v6: the durable print queue. A sale's receipt waits here until the printer has taken
        // it; UNIQUE (kind, document, copy) means one original per receipt, every other print
        // a numbered copy. lease_utc_ms: until when a worker owns a job it is printing.
        // printer/profile/paper_mm: a job's own printer (empty: the till's receipt printer).
        {
            uR"(CREATE TABLE print_jobs (
                id                  INTEGER PRIMARY KEY,
                kind                TEXT NOT NULL CHECK (kind IN ('sale','refund')),
                document            TEXT NOT NULL,
                copy                INTEGER NOT NULL CHECK (copy >= 0),
                printer             TEXT NOT NULL DEFAULT '',
                profile             TEXT NOT NULL DEFAULT '',
                paper_mm            INTEGER NOT NULL DEFAULT 0,
                state               TEXT NOT NULL CHECK (state IN ('queued','printing','printed','failed','cancelled')),
                attempts            INTEGER NOT NULL DEFAULT 0,
                last_error          TEXT NOT NULL DEFAULT '',
                created_at          TEXT NOT NULL,
                created_utc_ms      INTEGER NOT NULL,
                next_attempt_utc_ms INTEGER,
                lease_utc_ms        INTEGER,
                printed_at          TEXT,
                printed_on          TEXT NOT NULL DEFAULT '',
                UNIQUE (kind, document, copy)))"_s,
            u"CREATE INDEX print_jobs_due ON print_jobs(state, next_attempt_utc_ms)"_s,
        },
        // v7: sync with HQ. An event HQ rejects as invalid is parked (kept and shown, never
        // resent by itself) so it does not hold up the events behind it.
        {
            u"ALTER TABLE outbox ADD COLUMN parked_at TEXT"_s,
            u"DROP INDEX outbox_pending"_s,
            u"CREATE INDEX outbox_pending ON outbox(sent_at, parked_at)"_s,
        },
        // v8: shifts and the day's close. At most one shift is open; cash movements and Z
        // reports are append-only, and one Z report per business day (it can't be redone).
        {
            uR"(CREATE TABLE shifts (
                id           INTEGER PRIMARY KEY,
                opened_at    TEXT NOT NULL,
                opened_utc_ms INTEGER NOT NULL,
                opened_by    TEXT NOT NULL DEFAULT '',
                float_fen    INTEGER NOT NULL CHECK (float_fen >= 0),
                closed_at    TEXT,
                closed_utc_ms INTEGER,
                closed_by    TEXT,
                expected_fen INTEGER,
                counted_fen  INTEGER,
                count_detail TEXT))"_s,
            u"CREATE UNIQUE INDEX shifts_one_open ON shifts(closed_at IS NULL) WHERE closed_at IS NULL"_s,
            uR"(CREATE TABLE cash_movements (
                id         INTEGER PRIMARY KEY,
                shift_id   INTEGER NOT NULL REFERENCES shifts(id),
                at         TEXT NOT NULL,
                at_utc_ms  INTEGER NOT NULL,
                amount_fen INTEGER NOT NULL CHECK (amount_fen <> 0),
                reason     TEXT NOT NULL CHECK (reason <> '')))"_s,
            uR"(CREATE TABLE z_reports (
                number        INTEGER PRIMARY KEY,
                business_date TEXT NOT NULL UNIQUE,
                created_at    TEXT NOT NULL,
                report        TEXT NOT NULL))"_s,
            u"CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements BEGIN SELECT RAISE(ABORT, 'cash movements are append-only'); END"_s,
            u"CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements BEGIN SELECT RAISE(ABORT, 'cash movements are append-only'); END"_s,
            u"CREATE TRIGGER z_reports_no_update BEFORE UPDATE ON z_reports BEGIN SELECT RAISE(ABORT, 'Z reports are final'); END"_s,
            u"CREATE TRIGGER z_reports_no_delete BEFORE DELETE ON z_reports BEGIN SELECT RAISE(ABORT, 'Z reports are final'); END"_s,
        },
        // v9: staff and the audit log. PINs are kept only as PBKDF2-HMAC-SHA256 hashes, salted
        // per person and peppered with a secret kept outside the database; the audit log is
        // append-only.
        {
            uR"(CREATE TABLE staff (
                id              TEXT PRIMARY KEY,
                name            TEXT NOT NULL,
                role            TEXT NOT NULL CHECK (role IN ('cashier','guide','manager')),
                pin_salt        TEXT NOT NULL,
                pin_hash        TEXT NOT NULL,
                pin_iterations  INTEGER NOT NULL,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until_ms INTEGER NOT NULL DEFAULT 0,
                active          INTEGER NOT NULL DEFAULT 1))"_s,
            uR"(CREATE TABLE audit_log (
                id          INTEGER PRIMARY KEY,
                at          TEXT NOT NULL,
                at_utc_ms   INTEGER NOT NULL,
                actor       TEXT NOT NULL,
                action      TEXT NOT NULL,
                subject     TEXT NOT NULL DEFAULT '',
                detail      TEXT NOT NULL DEFAULT '',
                approved_by TEXT NOT NULL DEFAULT ''))"_s,
            u"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"_s,
            u"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"_s,
        },
        // v10: X and Z reports go through the print queue too (kind 'report'). SQLite can't
        // change a CHECK, so the table is rebuilt with its rows.
        {
            uR"(CREATE TABLE print_jobs_v10 (
                id                  INTEGER PRIMARY KEY,
                kind                TEXT NOT NULL CHECK (kind IN ('sale','refund','report')),
                document            TEXT NOT NULL,
                copy                INTEGER NOT NULL CHECK (copy >= 0),
                printer             TEXT NOT NULL DEFAULT '',
                profile             TEXT NOT NULL DEFAULT '',
                paper_mm            INTEGER NOT NULL DEFAULT 0,
                state               TEXT NOT NULL CHECK (state IN ('queued','printing','printed','failed','cancelled')),
                attempts            INTEGER NOT NULL DEFAULT 0,
                last_error          TEXT NOT NULL DEFAULT '',
                created_at          TEXT NOT NULL,
                created_utc_ms      INTEGER NOT NULL,
                next_attempt_utc_ms INTEGER,
                lease_utc_ms        INTEGER,
                printed_at          TEXT,
                printed_on          TEXT NOT NULL DEFAULT '',
                UNIQUE (kind, document, copy)))"_s,
            u"INSERT INTO print_jobs_v10 SELECT * FROM print_jobs"_s,
            u"DROP TABLE print_jobs"_s,
            u"ALTER TABLE print_jobs_v10 RENAME TO print_jobs"_s,
            u"CREATE INDEX print_jobs_due ON print_jobs(state, next_attempt_utc_ms)"_s,
        },
        // 11: a SKU typed in any case is found through an index, not by reading every product
        // (45 ms on a million SKUs; the checkout reads each line's price again this way).
        {
            u"CREATE INDEX products_sku_nocase ON products(sku COLLATE NOCASE)"_s,
        },
        // 12: who rang the sale up (NULL for older sales and tills nobody signs in to).
        {
            u"ALTER TABLE orders ADD COLUMN cashier_id TEXT"_s,
        },
        // 13: staff taken off the till. Disabled (active = 0, disabled_at set; a manager may
        // enable them again) or removed for good (removed_at set and the PIN hash wiped, so no PIN
        // verifies; they come back only through staff add with a new PIN). disabled_by: the
        // manager who did it, or "hq" when the guide departed at HQ.
        {
            u"ALTER TABLE staff ADD COLUMN disabled_at TEXT"_s,
            u"ALTER TABLE staff ADD COLUMN disabled_by TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE staff ADD COLUMN removed_at TEXT"_s,
        },
        // 14: changes from HQ the till could not apply (a member bound to a guide it doesn't
        // know…), parked so that the changes after them still apply and the cursor moves on.
        // One per item (kind + id/sku/doc): the newest HQ sent. Tried again after each pull that
        // brought something; dropped once a newer change of the same item has applied.
        {
            uR"(CREATE TABLE parked_changes (
                kind         TEXT NOT NULL,
                item         TEXT NOT NULL,
                seq          INTEGER NOT NULL,
                change       TEXT NOT NULL,
                reason       TEXT NOT NULL,
                parked_at    TEXT NOT NULL,
                last_try_at  TEXT NOT NULL,
                tries        INTEGER NOT NULL DEFAULT 1,
                PRIMARY KEY (kind, item)))"_s,
            u"CREATE INDEX parked_changes_seq ON parked_changes(seq)"_s,
        },
    };
    return all;
}

} // namespace

int Migrations::latestVersion()
{
    return int(steps().size());
}

Status Migrations::migrate(Database &db, int target)
{
    const int current = db.schemaVersion();
    if (current < 0)
        return Status::failure(Database::tr("Cannot read the schema version of %1.").arg(db.path()));
    if (current > latestVersion())
        return Status::failure(Database::tr("The database %1 was written by a newer version (schema %2, this till knows %3).")
                                   .arg(db.path()).arg(current).arg(latestVersion()));
    for (int version = current + 1; version <= target; ++version) {
        Transaction tx(db);
        if (!tx.begun())
            return tx.begun();
        for (const QString &sql : steps()[version - 1]) {
            if (auto r = db.exec(sql); !r)
                return Status::failure(Database::tr("Upgrading the database to version %1 failed: %2")
                                           .arg(version).arg(r.error()));
        }
        if (auto r = db.exec(u"PRAGMA user_version = "_s + QString::number(version)); !r)
            return Status::failure(r.error());
        if (Status s = tx.commit(); !s)
            return s;
    }
    return {};
}

} // namespace pos
