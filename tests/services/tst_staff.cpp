// Staff, PINs and permissions on a real till database: the permission matrix with and without
// a manager's override, PIN hashes, the pepper outside the database, lockout, the audit log.
#include "testtill.h"

#include "posctlrun.h"

#include "services/salesession.h"
#include "services/settingsservice.h"
#include "services/staffservice.h"
#include "store/database.h"

#include <QFile>
#include <QSqlQuery>
#include <QProcess>
#include <QDir>
#include <QFileInfo>
#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(pos::Role)
Q_DECLARE_METATYPE(pos::Action)

namespace {
constexpr int fast = 1000; // PBKDF2 iterations for the tests that sign in many times
}

class TestStaff : public QObject
{
    Q_OBJECT

    static void addTeam(StaffService &staff)
    {
        QVERIFY(staff.add(u"E01"_s, u"小王"_s, Role::Cashier, u"1234"_s, fast));
        QVERIFY(staff.add(u"E02"_s, u"小野"_s, Role::Guide, u"1234"_s, fast));
        QVERIFY(staff.add(u"M01"_s, u"李店长"_s, Role::Manager, u"908172"_s, fast));
    }

private slots:
    void matrix_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<Action>("action");
        QTest::addColumn<bool>("alone");
        for (int a = 0; a < actionCount; ++a) {
            const auto action = Action(a);
            for (Role role : {Role::Cashier, Role::Guide, Role::Manager}) {
                const bool alone = role == Role::Manager || (role == Role::Cashier && action == Action::Reprint);
                QTest::newRow(qPrintable(roleKey(role) + u' ' + actionKey(action))) << role << action << alone;
            }
        }
    }
    // Each action × role, alone and with a manager's PIN on the spot (and with a wrong one).
    void matrix()
    {
        QFETCH(Role, role);
        QFETCH(Action, action);
        QFETCH(bool, alone);
        QCOMPARE(allowed(role, action), alone);
        QCOMPARE(actionFromKey(actionKey(action)), action);
        test::TestTill t;
        StaffService staff(t.till());
        addTeam(staff);
        const QString actor = role == Role::Cashier ? u"E01"_s : role == Role::Guide ? u"E02"_s : u"M01"_s;
        const auto self = staff.authorize(actor, action, u"S01-T01-000001"_s);
        QCOMPARE(bool(self), alone);
        if (alone)
            return;
        QVERIFY(!staff.authorize(actor, action, u"S01-T01-000001"_s, u"M01"_s, u"000000"_s)); // wrong manager PIN
        QVERIFY(!staff.authorize(actor, action, u"S01-T01-000001"_s, u"E01"_s, u"1234"_s));   // not a manager
        const auto approved = staff.authorize(actor, action, u"S01-T01-000001"_s, u"M01"_s, u"908172"_s);
        QVERIFY2(approved, qPrintable(approved.error()));
        QCOMPARE(*approved, u"M01"_s);
        const AuditEntry last = staff.auditLog(5).front();
        QCOMPARE(last.actor, actor); // both names recorded
        QCOMPARE(last.approvedBy, u"M01"_s);
        QCOMPARE(last.action, actionKey(action));
        QCOMPARE(last.subject, u"S01-T01-000001"_s);
    }

    void pinsAreHashedSaltedAndPeppered()
    {
        test::TestTill t;
        StaffService staff(t.till());
        addTeam(staff);
        QVERIFY(staff.add(u"E03"_s, u"雪娇"_s, Role::Cashier, u"1234"_s)); // the real cost
        QStringList hashes;
        int iterations = 0;
        t.till().database().run(u"SELECT pin_hash, pin_iterations FROM staff WHERE id IN ('E01', 'E02', 'E03')"_s, {},
                                [&](const QSqlQuery &q) {
                                    hashes.append(q.value(0).toString());
                                    iterations = qMax(iterations, q.value(1).toInt());
                                });
        QCOMPARE(hashes.size(), 3);
        QCOMPARE(QSet<QString>(hashes.cbegin(), hashes.cend()).size(), 3); // the same PIN, three hashes
        QCOMPARE(iterations, StaffService::defaultIterations);
        // Not the PIN but a PBKDF2-SHA256 digest in hex. (Testing that the hex holds no "1234"
        // failed one run in a few hundred: 64 random hex digits contain it by chance.)
        for (const QString &h : hashes) {
            QVERIFY(h != u"1234"_s);
            QCOMPARE(h.size(), 64);
            QVERIFY(QByteArray::fromHex(h.toLatin1()).toHex() == h.toLatin1());
        }
        QVERIFY(staff.signIn(u"E03"_s, u"1234"_s));

        // The pepper lives beside the database, readable by the till's user only…
        QFile pepper(t.dbPath() + u".pepper"_s);
        QVERIFY(pepper.exists());
        QCOMPARE(pepper.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        // …so the database with another pepper (a copy taken alone) knows no PIN.
        QVERIFY(pepper.open(QIODevice::WriteOnly));
        pepper.write(QByteArray(32, 'z'));
        pepper.close();
        QVERIFY(!staff.signIn(u"E01"_s, u"1234"_s));
        QCOMPARE(StaffService::hashPin(u"1234"_s, "salt", "pepper", fast), StaffService::hashPin(u"1234"_s, "salt", "pepper", fast));
        QVERIFY(StaffService::hashPin(u"1234"_s, "salt", "pepper", fast) != StaffService::hashPin(u"1234"_s, "salt", "other", fast));
    }

    // Nobody signed in (a locked till): only a manager on the spot may act, alone; a badge
    // names the person however it is printed.
    // The pepper is made when the first PIN is set, once, whoever sets it; it is never made
    // anew to check a PIN (every PIN kept would then read as wrong): a lost pepper is said.
    void thePepperIsMadeOnceAndNeverRemade()
    {
        test::TestTill t;
        const QString db = t.dbPath();
        QVERIFY(!QFile::exists(db + u".pepper"_s));
        QVERIFY(!StaffService(t.till()).signIn(u"E01"_s, u"1234"_s)); // nobody yet: refused, nothing made
        QVERIFY(!QFile::exists(db + u".pepper"_s));
        // Two processes setting the first PINs at the same moment: both PINs check afterwards.
        QProcess a, b;
        for (QProcess *p : {&a, &b})
            p->setProgram(QStringLiteral(POSCTL_PATH));
        a.setArguments({u"--db"_s, db, u"staff"_s, u"add"_s, u"E01"_s, u"--name"_s, u"甲"_s, u"--role"_s, u"cashier"_s, u"--pin"_s, u"1234"_s});
        b.setArguments({u"--db"_s, db, u"staff"_s, u"add"_s, u"E02"_s, u"--name"_s, u"乙"_s, u"--role"_s, u"cashier"_s, u"--pin"_s, u"5678"_s});
        a.start();
        b.start();
        QVERIFY(a.waitForFinished(60000) && b.waitForFinished(60000));
        QCOMPARE(a.exitCode() + b.exitCode(), 0);
        QVERIFY(StaffService(t.till()).signIn(u"E01"_s, u"1234"_s));
        QVERIFY(StaffService(t.till()).signIn(u"E02"_s, u"5678"_s));
        QVERIFY(QDir(QFileInfo(db).absolutePath()).entryList({u"till.db.pepper.tmp-*"_s}).isEmpty());

        QVERIFY(QFile::remove(db + u".pepper"_s)); // only the database restored from a backup
        const auto lost = StaffService(t.till()).signIn(u"E01"_s, u"1234"_s);
        QVERIFY(!lost);
        QVERIFY2(lost.error().contains(u"pepper"_s), qPrintable(lost.error()));
        QCOMPARE(lost.errorKind(), ErrorKind::System);
        QVERIFY(!QFile::exists(db + u".pepper"_s));
    }

    void managerActsAloneWhenNobodyIsSignedIn()
    {
        test::TestTill t;
        StaffService staff(t.till());
        addTeam(staff);
        QVERIFY(!staff.authorize({}, Action::OpenDrawer, {}, u"E01"_s, u"1234"_s)); // not a manager
        QVERIFY(!staff.authorize({}, Action::OpenDrawer, {}, u"M01"_s, u"000000"_s));
        const auto approved = staff.authorize({}, Action::OpenDrawer, u"drawer"_s, u"M01"_s, u"908172"_s);
        QVERIFY2(approved, qPrintable(approved.error()));
        const AuditEntry last = staff.auditLog(1).front();
        QCOMPARE(last.actor, u"M01"_s);
        QCOMPARE(last.approvedBy, u"M01"_s);
        QCOMPARE(last.action, u"open_drawer"_s);
        for (const QString &badge : {u"STAFF:C01"_s, u"staff: C01"_s, u"GUIDE:C01"_s, u" C01 "_s})
            QCOMPARE(StaffService::idFromBadge(badge), u"C01"_s);
    }

    void fiveWrongPinsLockOut()
    {
        test::TestTill t;
        StaffService staff(t.till());
        addTeam(staff);
        QVERIFY(!staff.add(u"E09"_s, u"x"_s, Role::Cashier, u"12a4"_s, fast)); // PINs are digits
        QVERIFY(!staff.add(u"E09"_s, u"x"_s, Role::Cashier, u"123"_s, fast));
        QVERIFY(!staff.signIn(u"NOBODY"_s, u"1234"_s));
        for (int i = 0; i < StaffService::maxAttempts; ++i)
            QVERIFY(!staff.signIn(u"E01"_s, u"0000"_s));
        const auto locked = staff.signIn(u"E01"_s, u"1234"_s); // right PIN, but locked
        QVERIFY(!locked);
        QVERIFY2(locked.error().contains(u"locked"_s), qPrintable(locked.error()));
        QVERIFY(staff.signIn(u"E02"_s, u"1234"_s)); // only that person
        t.clock().advanceSecs(StaffService::lockoutSeconds + 1);
        QVERIFY(staff.signIn(u"E01"_s, u"1234"_s));
        for (int i = 0; i < StaffService::maxAttempts - 1; ++i) // the count starts again
            QVERIFY(!staff.signIn(u"E01"_s, u"0000"_s));
        QVERIFY(staff.signIn(u"E01"_s, u"1234"_s));

        QStringList actions;
        for (const AuditEntry &e : staff.auditLog(50))
            actions.append(e.action);
        QVERIFY(actions.contains(u"locked_out"_s));
        QVERIFY(actions.contains(u"sign_in_locked"_s));
        QVERIFY(actions.contains(u"sign_in"_s));
        QVERIFY(!t.till().database().exec(u"UPDATE audit_log SET actor = 'x'"_s)); // append-only
        QVERIFY(!t.till().database().exec(u"DELETE FROM audit_log"_s));
    }

    // A manager disables someone (reversible), enables them again, or removes them for good —
    // their PIN hash wiped, so even the right PIN fails until they are added with a new one.
    // Refused for a non-manager, a wrong PIN, an unknown id, and for the last active manager
    // taking themselves off. Each change is in the audit log and on its way to HQ.
    void disableEnableRemove()
    {
        test::TestTill t;
        StaffService staff(t.till());
        addTeam(staff);
        QVERIFY(staff.add(u"M02"_s, u"赵店长"_s, Role::Manager, u"5555"_s, fast));

        QVERIFY(!staff.change(StaffChange::Disable, u"E02"_s, u"E01"_s, u"1234"_s));   // a cashier may not
        QVERIFY(!staff.change(StaffChange::Disable, u"E02"_s, u"M01"_s, u"000000"_s)); // a wrong PIN
        const auto unknown = staff.change(StaffChange::Disable, u"E99"_s, u"M01"_s, u"908172"_s);
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().contains(u"E99"_s), qPrintable(unknown.error()));
        QVERIFY(staff.member(u"E02"_s)->active);

        // Disabled: no sign-in, no approval, nothing on their own role — until enabled again.
        const auto off = staff.change(StaffChange::Disable, u"M02"_s, u"M01"_s, u"908172"_s);
        QVERIFY2(off, qPrintable(off.error()));
        QCOMPARE(off->state, StaffState::Disabled);
        QVERIFY(!off->active);
        QCOMPARE(off->disabledBy, u"M01"_s);
        QVERIFY(!staff.signIn(u"M02"_s, u"5555"_s));
        QVERIFY(!staff.approveAsManager(u"M02"_s, u"5555"_s));
        QVERIFY(!staff.authorize(u"M02"_s, Action::OpenDrawer));
        QVERIFY(!staff.authorize(u"E01"_s, Action::Refund, {}, u"M02"_s, u"5555"_s));
        QVERIFY(!staff.stillActive(u"M02"_s));
        QVERIFY(staff.stillActive(u"M01"_s));
        // A new PIN is no way back past the manager: still disabled.
        QVERIFY(staff.add(u"M02"_s, u"赵店长"_s, Role::Manager, u"6666"_s, fast));
        QVERIFY(!staff.signIn(u"M02"_s, u"6666"_s));
        const auto on = staff.change(StaffChange::Enable, u"M02"_s, u"M01"_s, u"908172"_s);
        QVERIFY2(on && on->active, qPrintable(on.error()));
        QVERIFY(staff.approveAsManager(u"M02"_s, u"6666"_s));

        // Removed: the hash is gone, so the right PIN fails too; enabling can't bring them back.
        QVERIFY(staff.change(StaffChange::Remove, u"E01"_s, u"M01"_s, u"908172"_s));
        t.till().database().run(u"SELECT pin_hash, pin_salt, active FROM staff WHERE id = 'E01'"_s, {}, [](const QSqlQuery &q) {
            QCOMPARE(q.value(0).toString(), QString());
            QCOMPARE(q.value(1).toString(), QString());
            QCOMPARE(q.value(2).toInt(), 0);
        });
        QCOMPARE(staff.member(u"E01"_s)->state, StaffState::Removed);
        QVERIFY(!staff.signIn(u"E01"_s, u"1234"_s));
        QVERIFY(!staff.authorize(u"E01"_s, Action::Reprint));
        const auto back = staff.change(StaffChange::Enable, u"E01"_s, u"M01"_s, u"908172"_s);
        QVERIFY(!back);
        QVERIFY2(back.error().contains(u"staff add"_s), qPrintable(back.error()));
        QCOMPARE(staff.member(u"E01"_s)->state, StaffState::Removed);
        // They come back as new: added with a new PIN, active again, the old PIN worthless.
        QVERIFY(staff.add(u"E01"_s, u"小王"_s, Role::Cashier, u"4321"_s, fast));
        QCOMPARE(staff.member(u"E01"_s)->state, StaffState::Active);
        QVERIFY(!staff.signIn(u"E01"_s, u"1234"_s));
        QVERIFY(staff.signIn(u"E01"_s, u"4321"_s));

        // The last active manager can't take themselves off: the till could approve nothing.
        QVERIFY(staff.change(StaffChange::Disable, u"M02"_s, u"M01"_s, u"908172"_s));
        for (StaffChange change : {StaffChange::Disable, StaffChange::Remove}) {
            const auto last = staff.change(change, u"M01"_s, u"M01"_s, u"908172"_s);
            QVERIFY(!last);
            QVERIFY2(last.error().contains(u"last active manager"_s), qPrintable(last.error()));
        }
        QVERIFY(staff.member(u"M01"_s)->active);
        QVERIFY(staff.hasManager());
        // Asking again for the state someone is in changes nothing and logs nothing.
        QCOMPARE(staff.change(StaffChange::Disable, u"M02"_s, u"M01"_s, u"908172"_s)->state, StaffState::Disabled);

        QStringList changes;
        for (const AuditEntry &e : staff.auditLog(200))
            if (e.action == u"staff_disable"_s || e.action == u"staff_enable"_s || e.action == u"staff_remove"_s)
                changes.append(e.action + u' ' + e.subject + u' ' + e.actor + u' ' + e.detail);
        QCOMPARE(changes, QStringList({u"staff_disable M02 M01 active → disabled"_s, u"staff_remove E01 M01 active → removed"_s,
                                       u"staff_enable M02 M01 disabled → active"_s, u"staff_disable M02 M01 active → disabled"_s}));
        int sent = 0;
        t.till().database().run(u"SELECT count(*) FROM outbox WHERE topic = 'audit.entry' AND "
                                "json_extract(payload, '$.action') IN ('staff_disable', 'staff_enable', 'staff_remove')"_s,
                                {}, [&](const QSqlQuery &q) { sent = q.value(0).toInt(); });
        QCOMPARE(sent, 4); // each change goes to HQ with the rest of the audit log
        QStringList refusals;
        for (const AuditEntry &e : staff.auditLog(200))
            if (e.action == u"sign_in_failed"_s && !e.detail.isEmpty())
                refusals.append(e.actor + u' ' + e.detail);
        QVERIFY2(refusals.contains(u"M02 disabled"_s) && refusals.contains(u"E01 removed"_s), qPrintable(refusals.join(u", "_s)));
    }

    // Settings are checked before they are stored, and every change is in the audit log with
    // who made it and the value before.
    void settingsAreCheckedAndAudited_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("idle lock") << u"staff.idle_lock_minutes"_s << u"3"_s << true;
        QTest::newRow("idle lock too long") << u"staff.idle_lock_minutes"_s << u"999"_s << false;
        QTest::newRow("idle lock not a number") << u"staff.idle_lock_minutes"_s << u"五"_s << false;
        QTest::newRow("discount limit") << u"staff.discount_limit_percent"_s << u"30"_s << true;
        QTest::newRow("discount over 100") << u"staff.discount_limit_percent"_s << u"101"_s << false;
        QTest::newRow("language") << u"ui.language"_s << u"en"_s << true;
        QTest::newRow("unknown language") << u"ui.language"_s << u"klingon"_s << false;
        QTest::newRow("header") << u"receipt.header"_s << u"会员日\n每周三"_s << true;
        QTest::newRow("header too long") << u"receipt.header"_s << QString(49, u'x') << false;
        QTest::newRow("header too many lines") << u"receipt.header"_s << u"1\n2\n3\n4\n5"_s << false;
        QTest::newRow("printer") << u"printer.receipt"_s << u"tcp://192.168.1.87"_s << true;
        QTest::newRow("bad printer") << u"printer.receipt"_s << u"lpt1"_s << false;
        QTest::newRow("unknown key") << u"hq.secret"_s << u"x"_s << false;
        QTest::newRow("sql in a value") << u"receipt.footer"_s << u"'); DROP TABLE orders; --"_s << true;
    }
    void settingsAreCheckedAndAudited()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(bool, accepted);
        test::TestTill t;
        SettingsService settings(t.till());
        const QString before = settings.value(key);
        const Status s = settings.set(key, value, u"M01"_s);
        QCOMPARE(s.ok(), accepted);
        const QList<AuditEntry> log = StaffService(t.till()).auditLog(5);
        if (!accepted) {
            QVERIFY(!s.error().isEmpty());
            QCOMPARE(settings.value(key), before);
            QVERIFY(log.isEmpty());
            return;
        }
        QCOMPARE(settings.value(key), value);
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.front().action, u"setting.change"_s);
        QCOMPARE(log.front().actor, u"M01"_s);
        QCOMPARE(log.front().subject, key);
        QCOMPARE(log.front().detail, before + u" → "_s + value);
    }

    // The store's discount limit decides which discounts need a manager.
    void discountLimitDecidesTheApproval()
    {
        test::TestTill t;
        SaleSession sale(t.till());
        QVERIFY(sale.scan(u"6951593000011"_s)); // ¥699
        QVERIFY(!sale.lineDiscountNeedsApproval(0, *Discount::parse(u"20%"_s))); // the default limit
        QVERIFY(sale.lineDiscountNeedsApproval(0, *Discount::parse(u"21%"_s)));
        QVERIFY(sale.lineDiscountNeedsApproval(0, *Discount::parse(u"7折"_s)));
        QVERIFY(!sale.lineDiscountNeedsApproval(0, *Discount::parse(u"100"_s)));
        QVERIFY(sale.orderDiscountNeedsApproval(*Discount::parse(u"200"_s)));
        QVERIFY(SettingsService(t.till()).set(u"staff.discount_limit_percent"_s, u"0"_s, {}));
        QVERIFY(sale.lineDiscountNeedsApproval(0, *Discount::parse(u"1"_s)));
        QVERIFY(!sale.paymentStarted());
        sale.startPayment();
        QVERIFY(sale.paymentStarted());
        sale.clear();
        QVERIFY(!sale.paymentStarted());
    }

    // posctl settings: a manager's PIN changes a setting; a cashier's or none is refused (exit 2).
    void posctlSettingsNeedAManager()
    {
        test::TestTill t;
        StaffService staff(t.till());
        addTeam(staff);
        const QString db = t.dbPath();
        auto run = [&](const QStringList &args) { return test::runPosctl(db, QStringList{u"settings"_s} + args); };
        QCOMPARE(run({u"set"_s, u"staff.idle_lock_minutes"_s, u"2"_s}).status, 2);
        QCOMPARE(run({u"set"_s, u"staff.idle_lock_minutes"_s, u"2"_s, u"--as"_s, u"E01"_s, u"--pin"_s, u"1234"_s}).status, 2);
        const auto bad = run({u"set"_s, u"staff.idle_lock_minutes"_s, u"600"_s, u"--as"_s, u"M01"_s, u"--pin"_s, u"908172"_s});
        QCOMPARE(bad.status, 2);
        QVERIFY2(bad.err.contains(u"240"_s), qPrintable(bad.err));
        const auto ok = run({u"set"_s, u"staff.idle_lock_minutes"_s, u"2"_s, u"--as"_s, u"M01"_s, u"--pin"_s, u"908172"_s, u"--json"_s});
        QCOMPARE(ok.status, 0);
        QVERIFY2(ok.out.contains(u"\"value\":\"2\""_s), qPrintable(ok.out));
        t.reopen();
        QCOMPARE(SettingsService(t.till()).idleLockMinutes(), 2);
        QCOMPARE(StaffService(t.till()).auditLog(1).front().actor, u"M01"_s);
    }
};

QTEST_GUILESS_MAIN(TestStaff)
#include "tst_staff.moc"
