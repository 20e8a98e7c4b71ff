// The till's database file as a store shares it: the till open all day (pos-till-driven, the
// real main window offscreen with its print and sync workers), posctl sales, reads and syncs
// coming and going beside it, the till killed with SIGKILL, a second till started by mistake,
// a disk that fills up, a file copied by someone who should not have it.
//
// POS_STRESS_SALES sets how many sales each of the two posctl loops makes (100 unless set).
#include "hqfixture.h"
#include "posctlrun.h"
#include "readback.h"

#include "services/staffservice.h"
#include "services/syncservice.h"
#include "services/till.h"
#include "store/database.h"
#include "store/peoplerepository.h"
#include "store/quarantine.h"
#include "hq/hqstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

namespace {

// pos-till-driven as a child process: the till a cashier has open.
class DrivenTill
{
public:
    ~DrivenTill() { killHard(); }

    // Starts it; true once its window is up. `refusal` gets its reason when it would not start.
    bool start(const QString &db, QString *refusal = nullptr)
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(QStringLiteral(POS_TILL_DRIVEN_PATH), {u"--db"_s, db});
        const QString first = line(30000);
        if (first.startsWith(u"READY"_s))
            return true;
        if (refusal)
            *refusal = first.section(u' ', 1);
        m_process.waitForFinished(10000);
        return false;
    }
    qint64 pid() const { return m_process.processId(); }

    // One sale on its screens; the order number, or "FAILED …".
    QString sell()
    {
        m_process.write("sell\n");
        const QString answer = line(30000);
        return answer.startsWith(u"SOLD "_s) ? answer.mid(5) : u"FAILED "_s + answer;
    }

    // The files it has open that are no longer at their path: writes to them are lost.
    QStringList deletedFiles() const
    {
        QStringList deleted;
        const QString fds = u"/proc/%1/fd"_s.arg(pid());
        for (const QString &fd : QDir(fds).entryList(QDir::System | QDir::Files | QDir::NoDotAndDotDot)) {
            char target[4096] = {};
            const ssize_t n = ::readlink(QFile::encodeName(fds + u'/' + fd).constData(), target, sizeof target - 1);
            const QString path = n > 0 ? QString::fromLocal8Bit(target, n) : QString();
            if (path.contains(u"till.db"_s) && path.endsWith(u"(deleted)"_s))
                deleted << path;
        }
        return deleted;
    }

    // SIGKILL: no destructor, no rollback, no checkpoint.
    void killHard()
    {
        if (m_process.state() != QProcess::NotRunning)
            ::kill(pid_t(m_process.processId()), SIGKILL);
        m_process.waitForFinished(10000);
    }
    void quit()
    {
        m_process.write("quit\n");
        m_process.waitForFinished(30000);
    }

private:
    QString line(int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (!m_process.canReadLine() && t.elapsed() < timeoutMs && m_process.state() != QProcess::NotRunning)
            m_process.waitForReadyRead(200);
        if (!m_process.canReadLine()) // it ended: what it said last
            m_process.waitForFinished(1000);
        return QString::fromUtf8(m_process.readLine()).trimmed();
    }
    QProcess m_process;
};

QString numberOf(const test::PosctlRun &sale)
{
    return QJsonDocument::fromJson(sale.out.toUtf8()).object().value(u"number"_s).toString();
}

test::PosctlRun posctlSale(const QString &db)
{
    return test::runPosctl(db, {u"sale"_s, u"--scan"_s, u"BE0101"_s, u"--guide"_s, u"G02"_s, u"--pay"_s, u"cash"_s,
                                u"--json"_s, u"--no-receipt"_s});
}

// A till killed while it had the file open: the next opener must check it.
void markCheckDue(const QString &db)
{
    QFile::remove(db + u".checked"_s);
    QFile stale(db + u".open-2147483646-0"_s);
    stale.open(QIODevice::WriteOnly);
}

mode_t modeOf(const QString &file)
{
    struct stat st;
    return ::stat(QFile::encodeName(file).constData(), &st) == 0 ? (st.st_mode & 0777) : 07777;
}

QByteArray bytesOf(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestBesideTheTill : public QObject
{
    Q_OBJECT

    test::TestPki m_pki;

    // A database made by the till itself on its first start (the demo store, no staff).
    static QString preparedDatabase(const QTemporaryDir &dir)
    {
        const QString db = dir.filePath(u"till.db"_s);
        DrivenTill first;
        if (!first.start(db))
            return {};
        first.quit();
        return db;
    }

    // HQ serving store S01 on loopback, and the till enrolled with it as posctl does it.
    bool enrollWithHq(const QString &db, test::HqProcess &hq)
    {
        if (hq.admin({u"stores"_s, u"add"_s, u"S01"_s, u"西湖店"_s}).isNull())
            return false;
        const QString code = hq.admin({u"enroll"_s, u"--store"_s, u"S01"_s, u"--terminal"_s, u"T01"_s});
        if (!hq.serve())
            return false;
        const auto enrolled = test::runPosctl(db, {u"enroll"_s, hq.url(), code, u"--ca"_s, m_pki.caPem});
        if (enrolled.status != 0)
            qWarning("%s", qPrintable(enrolled.err));
        return enrolled.status == 0;
    }

private slots:
    void initTestCase() { QVERIFY(m_pki.make()); }

    // The defect as a store met it: the till starts on a file whose check is due, posctl
    // reads, sells and changes settings beside it, the till goes on selling, then is killed.
    // Every sale reported complete is there once, the file is sound, and the running till
    // never writes to a -wal or -shm that is no longer at its path.
    void posctlBesideATillWhoseCheckWasDueLosesNothing()
    {
        QTemporaryDir dir;
        const QString db = preparedDatabase(dir);
        QVERIFY(!db.isEmpty());
        markCheckDue(db);

        DrivenTill till;
        QVERIFY(till.start(db));
        QStringList reported;
        const QList<QStringList> besides{{u"orders"_s}, {u"sync-status"_s}, {u"printers"_s, u"--set"_s, u"png:"_s + dir.filePath(u"r.png"_s)},
                                         {u"leaderboard"_s}, {u"orders"_s, u"--json"_s}};
        for (int round = 0; round < 5; ++round) {
            const QString sold = till.sell();
            QVERIFY2(!sold.startsWith(u"FAILED"_s), qPrintable(sold));
            reported << sold;
            const auto read = test::runPosctl(db, besides[round]);
            QVERIFY2(read.status == 0, qPrintable(read.err));
            const auto sale = posctlSale(db);
            QVERIFY2(sale.status == 0, qPrintable(sale.err));
            reported << numberOf(sale);
            QVERIFY2(till.deletedFiles().isEmpty(), qPrintable(till.deletedFiles().join(u", "_s)));
        }
        const QString last = till.sell(); // after posctl has come and gone: the sale that was lost
        QVERIFY2(!last.startsWith(u"FAILED"_s), qPrintable(last));
        reported << last;
        QVERIFY(till.deletedFiles().isEmpty());
        till.killHard();

        const QStringList stored = test::column(db, u"SELECT number FROM orders"_s);
        for (const QString &number : reported)
            QVERIFY2(stored.count(number) == 1, qPrintable(number + u" stored "_s + QString::number(stored.count(number))));
        QCOMPARE(QSet<QString>(reported.cbegin(), reported.cend()).size(), reported.size()); // no number given twice
        QCOMPARE(test::column(db, u"PRAGMA integrity_check"_s), QStringList{u"ok"_s});
    }

    // Hundreds of sales at once from every side: the till selling on its screens, two
    // posctl sale loops and a posctl sync loop to a real HQ. None lost, none doubled, none
    // refused as "busy", the file sound, HQ holding each sale once.
    void twoSaleLoopsAndASyncLoopBesideTheTill()
    {
        const int perLoop = qEnvironmentVariableIntValue("POS_STRESS_SALES") > 0 ? qEnvironmentVariableIntValue("POS_STRESS_SALES") : 100;
        QTemporaryDir dir;
        const QString db = preparedDatabase(dir);
        QVERIFY(!db.isEmpty());
        test::HqProcess hq(u"sqlite:"_s + dir.filePath(u"hq.db"_s), m_pki);
        QVERIFY(enrollWithHq(db, hq));

        DrivenTill till;
        QVERIFY(till.start(db));
        std::atomic<int> loopsRunning{2};
        QStringList loopNumbers[2], loopErrors[2];
        QStringList syncErrors;
        auto saleLoop = [&](int loop) {
            for (int i = 0; i < perLoop; ++i) {
                const auto sale = posctlSale(db);
                if (sale.status != 0 || sale.err.contains(u"busy"_s) || sale.err.contains(u"locked"_s))
                    loopErrors[loop] << u"exit %1: %2"_s.arg(sale.status).arg(sale.err);
                if (sale.status == 0)
                    loopNumbers[loop] << numberOf(sale);
            }
            --loopsRunning;
        };
        std::thread a(saleLoop, 0), b(saleLoop, 1);
        std::thread syncer([&] {
            while (loopsRunning > 0) {
                const auto sync = test::runPosctl(db, {u"sync"_s, u"--once"_s});
                if (sync.status != 0)
                    syncErrors << sync.err;
            }
        });
        QStringList tillNumbers, tillErrors, deleted;
        while (loopsRunning > 0) {
            const QString sold = till.sell();
            (sold.startsWith(u"FAILED"_s) ? tillErrors : tillNumbers) << sold;
            deleted << till.deletedFiles();
        }
        a.join();
        b.join();
        syncer.join();
        QVERIFY2(loopErrors[0].isEmpty() && loopErrors[1].isEmpty(), qPrintable((loopErrors[0] + loopErrors[1]).join(u'\n')));
        QVERIFY2(syncErrors.isEmpty(), qPrintable(syncErrors.join(u'\n')));
        QVERIFY2(tillErrors.isEmpty(), qPrintable(tillErrors.join(u'\n')));
        QVERIFY2(deleted.isEmpty(), qPrintable(deleted.join(u'\n')));
        till.killHard();

        const QStringList reported = loopNumbers[0] + loopNumbers[1] + tillNumbers;
        QCOMPARE(loopNumbers[0].size() + loopNumbers[1].size(), 2 * perLoop);
        QVERIFY(!tillNumbers.isEmpty());
        const QStringList stored = test::column(db, u"SELECT number FROM orders"_s);
        QCOMPARE(QSet<QString>(reported.cbegin(), reported.cend()).size(), reported.size());
        for (const QString &number : reported)
            QVERIFY2(stored.contains(number), qPrintable(number));
        QCOMPARE(QSet<QString>(stored.cbegin(), stored.cend()).size(), stored.size());
        QCOMPARE(test::column(db, u"PRAGMA integrity_check"_s), QStringList{u"ok"_s});

        // The till was killed: what it had not sent goes now, and HQ holds every sale once.
        const auto last = test::runPosctl(db, {u"sync"_s, u"--once"_s});
        QVERIFY2(last.status == 0, qPrintable(last.err));
        const QStringList atHq = hq.admin({u"orders"_s, u"--store"_s, u"S01"_s, u"--json"_s}).split(u'\n', Qt::SkipEmptyParts);
        QSet<QString> hqNumbers;
        for (const QString &line : atHq)
            hqNumbers.insert(QJsonDocument::fromJson(line.toUtf8()).object().value(u"number"_s).toString());
        QCOMPARE(atHq.size(), stored.size());
        QCOMPARE(hqNumbers, QSet<QString>(stored.cbegin(), stored.cend()));
        qInfo("%lld sales (%lld on the till's screens) beside a sync loop", qlonglong(reported.size()), qlonglong(tillNumbers.size()));
    }

    // A second till on the same file is refused at once, naming the first; once the first
    // is gone (even killed), the till starts again.
    void aSecondTillIsRefused()
    {
        QTemporaryDir dir;
        const QString db = preparedDatabase(dir);
        QVERIFY(!db.isEmpty());
        DrivenTill first;
        QVERIFY(first.start(db));

        DrivenTill second;
        QString refusal;
        QVERIFY(!second.start(db, &refusal));
        QVERIFY2(refusal.contains(QString::number(first.pid())), qPrintable(refusal));

        // pos-till itself, as a cashier would start it again by mistake.
        QProcess tillApp;
        tillApp.start(QStringLiteral(POS_TILL_PATH), {u"--db"_s, db, u"--exit-after-paint"_s});
        QVERIFY(tillApp.waitForFinished(30000));
        QCOMPARE(tillApp.exitCode(), 1);
        const QString said = QString::fromUtf8(tillApp.readAllStandardError());
        QVERIFY2(said.contains(QString::number(first.pid())) && said.contains(db), qPrintable(said));

        // posctl is welcome beside it.
        const auto sale = posctlSale(db);
        QVERIFY2(sale.status == 0, qPrintable(sale.err));
        QCOMPARE(first.sell().left(8), u"S01-T01-"_s);

        first.killHard();
        DrivenTill again;
        QVERIFY(again.start(db));
        QVERIFY(again.deletedFiles().isEmpty());
    }

    // A healthy file on a full disk is "cannot open now", not damage: nothing is moved, no
    // note is left, and it opens with every sale as soon as there is room again. A small
    // tmpfs in a mount namespace of the test's own is the full disk.
    void aFullDiskAtStartIsNotDamage()
    {
        QTemporaryDir dir;
        const QString db = preparedDatabase(dir);
        QVERIFY(!db.isEmpty());
        const auto sale = posctlSale(db);
        QCOMPARE(sale.status, 0);
        QProcess script;
        script.start(u"unshare"_s, {u"-rm"_s, u"sh"_s, QStringLiteral(FULL_DISK_SCRIPT), QStringLiteral(POSCTL_PATH), db, u"full"_s});
        if (!script.waitForStarted(10000))
            QSKIP("unshare (util-linux) is not here");
        QVERIFY(script.waitForFinished(60000));
        const QString seen = QString::fromUtf8(script.readAllStandardOutput());
        if (script.exitCode() != 0 || seen.contains(u"NO-TMPFS"_s))
            QSKIP(qPrintable(u"no mount namespace here: "_s + QString::fromUtf8(script.readAllStandardError())));
        QMap<QString, QString> saw;
        for (const QString &line : seen.split(u'\n', Qt::SkipEmptyParts))
            saw.insert(line.section(u' ', 0, 0), line.section(u' ', 1));
        QCOMPARE(saw.value(u"FULL-EXIT"_s), u"1"_s);
        QVERIFY2(saw.value(u"FULL-ERR"_s).contains(u"disk is full"_s), qPrintable(saw.value(u"FULL-ERR"_s)));
        QVERIFY2(!saw.value(u"FULL-FILES"_s).contains(u"damaged"_s) && !saw.value(u"FULL-FILES"_s).contains(u"quarantined"_s),
                 qPrintable(saw.value(u"FULL-FILES"_s)));
        QVERIFY(saw.value(u"FULL-FILES"_s).split(u' ').contains(u"till.db"_s));
        QCOMPARE(saw.value(u"FREED-EXIT"_s), u"0"_s);
        QVERIFY2(saw.value(u"FREED-OUT"_s).contains(numberOf(sale)), qPrintable(saw.value(u"FREED-OUT"_s)));
        QCOMPARE(saw.value(u"QUARANTINE-EXIT"_s), u"0"_s);
    }

    // A file that fails its check while another process has it open (the till, while posctl
    // ran the check) is reported with that process's pid, not pulled from under it. A marker
    // nobody holds is a dead connection's, whatever process has its pid now (pid 1 here, as
    // after a reboot): the check runs. Once the till is gone, the next start sets it aside.
    void aDamagedFileInUseElsewhereIsNotMoved()
    {
        QTemporaryDir dir;
        const QString db = preparedDatabase(dir);
        QVERIFY(!db.isEmpty());
        DrivenTill till;
        QVERIFY(till.start(db));
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 8 * 4096);
        for (qint64 page = 3; page < 8; ++page) { // a bad sector's worth of scribble over b-tree pages
            f.seek(page * 4096 + 100);
            f.write(QByteArray(600, '\xA5'));
        }
        f.close();
        QFile reused(db + u".open-1-0"_s); // left by a till that died before a reboot
        QVERIFY(reused.open(QIODevice::WriteOnly));
        reused.close();

        const auto beside = test::runPosctl(db, {u"orders"_s});
        QCOMPARE(beside.status, 1);
        QVERIFY2(beside.err.contains(u"process %1"_s.arg(till.pid())), qPrintable(beside.err));
        QVERIFY(QFile::exists(db));
        QVERIFY(QDir(dir.path()).entryList({u"till.db.damaged-*"_s}).isEmpty());

        till.killHard();
        const Status setAside = Database().open(db);
        QVERIFY(!setAside);
        QVERIFY2(setAside.error().contains(u"moved to"_s), qPrintable(setAside.error()));
        QVERIFY(!QFile::exists(db));
        QCOMPARE(QDir(dir.path()).entryList({u"till.db.damaged-*"_s}, QDir::Files).size(), 1);
        QVERIFY(QDir(dir.path()).entryList({u"till.db.open-*"_s}).isEmpty()); // the dead markers went with the check
    }

    // A new machine: the till's folder does not exist yet. It is made 0700 and the till starts.
    void startsWhereNoFolderExistsYet()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"home/.local/share/guide-pos/till.db"_s);
        DrivenTill till;
        QString refusal;
        QVERIFY2(till.start(db, &refusal), qPrintable(refusal));
        QCOMPARE(modeOf(dir.filePath(u"home/.local/share/guide-pos"_s)), mode_t(0700));
        QCOMPARE(modeOf(db + u".till-lock"_s), mode_t(0600));
        QVERIFY(!till.sell().startsWith(u"FAILED"_s));
    }

    // The same file reached through a link (or a relative path) is the same till.
    void aSecondTillThroughALinkIsRefused()
    {
        QTemporaryDir dir;
        const QString db = preparedDatabase(dir);
        QVERIFY(!db.isEmpty());
        DrivenTill first;
        QVERIFY(first.start(db));
        const QString link = dir.filePath(u"other-name.db"_s);
        QVERIFY(QFile::link(db, link));
        DrivenTill second;
        QString refusal;
        QVERIFY(!second.start(link, &refusal));
        QVERIFY2(refusal.contains(QString::number(first.pid())), qPrintable(refusal));
        QVERIFY(!QFile::exists(link + u".till-lock"_s));
    }

    // The database deleted by hand while its -wal stayed: a new database there would take the
    // old WAL's pages as its own. Refused until a manager decides; --clear sets the -wal aside.
    void aWalWithoutItsDatabaseIsNotReplayed()
    {
        QTemporaryDir dir;
        const QString db = preparedDatabase(dir);
        QVERIFY(!db.isEmpty());
        {
            DrivenTill till;
            QVERIFY(till.start(db));
            QVERIFY(!till.sell().startsWith(u"FAILED"_s));
            till.killHard(); // its WAL stays, holding the sale
        }
        QVERIFY(QFileInfo(db + u"-wal"_s).size() > 0);
        QVERIFY(QFile::remove(db));
        const auto refused = test::runPosctl(db, {u"orders"_s});
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains(u"-wal"_s), qPrintable(refused.err));
        QVERIFY(!QFile::exists(db));
        QCOMPARE(test::runPosctl(db, {u"quarantine"_s}).status, 1);
        QCOMPARE(test::runPosctl(db, {u"quarantine"_s, u"--clear"_s}).status, 0);
        QVERIFY(!QFile::exists(db + u"-wal"_s));
        QCOMPARE(QDir(dir.path()).entryList({u"till.db.damaged-*-wal"_s}).size(), 1);
        const auto fresh = test::runPosctl(db, {u"orders"_s});
        QVERIFY2(fresh.status == 0, qPrintable(fresh.err));
    }

    // Setting a file aside writes its note first; when the note can't be written, nothing
    // moves and the file stays where it is.
    void nothingMovesWithoutItsNote()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"till.db"_s);
        {
            Database d;
            QVERIFY(d.open(db));
        }
        // The disk takes no more than 64 bytes in a file, as a nearly full one would.
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit previous;
        ::getrlimit(RLIMIT_FSIZE, &previous);
        rlimit tiny = previous;
        tiny.rlim_cur = 64;
        ::setrlimit(RLIMIT_FSIZE, &tiny);
        const Status refused = Quarantine::moveAside(db, u"test damage"_s);
        ::setrlimit(RLIMIT_FSIZE, &previous);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"left where it is"_s), qPrintable(refused.error()));
        QVERIFY(QFile::exists(db));
        QVERIFY(QDir(dir.path()).entryList({u"till.db.damaged-*"_s}).isEmpty());
        QVERIFY(!QFile::exists(db + u".quarantined"_s));
        QVERIFY(Database().open(db)); // still where it was, and still opens
    }

    // An empty note (an older till on a full disk wrote one), or set-aside files beside a
    // missing database: the path stays refused, posctl quarantine shows what is set aside,
    // and only a manager's --clear lets a new database start there.
    void setAsideFilesAreNeverHiddenByANewDatabase()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"till.db"_s);
        QFile aside(db + u".damaged-20261201-090000"_s);
        QVERIFY(aside.open(QIODevice::WriteOnly));
        aside.write("SQLite format 3");
        aside.close();
        QFile note(db + u".quarantined"_s);
        QVERIFY(note.open(QIODevice::WriteOnly)); // 0 bytes
        note.close();

        QVERIFY(!Database().open(db));
        QVERIFY(!QFile::exists(db));
        auto shown = test::runPosctl(db, {u"quarantine"_s});
        QCOMPARE(shown.status, 1);
        QVERIFY2(shown.out.contains(u"till.db.damaged-20261201-090000"_s), qPrintable(shown.out));

        QVERIFY(QFile::remove(db + u".quarantined"_s)); // the note lost: still refused
        const Status refused = Database().open(db);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"till.db.damaged-20261201-090000"_s), qPrintable(refused.error()));
        QVERIFY(!QFile::exists(db));
        QCOMPARE(test::runPosctl(db, {u"orders"_s}).status, 1);
        shown = test::runPosctl(db, {u"quarantine"_s});
        QCOMPARE(shown.status, 1);

        const auto cleared = test::runPosctl(db, {u"quarantine"_s, u"--clear"_s});
        QVERIFY2(cleared.status == 0, qPrintable(cleared.err));
        QVERIFY(Database().open(db));
        QVERIFY(QFile::exists(aside.fileName())); // kept for whoever recovers it
        QCOMPARE(test::runPosctl(db, {u"quarantine"_s}).status, 0);
    }

    // Under the usual umask 022, everything secret is the till's user's alone: the database
    // and its -wal/-shm, the pepper, the HQ secret, HQ's own database; a folder the till makes
    // is 0700; an older till's 0644 file is narrowed at the next open.
    void secretsArePrivateUnderUmask022()
    {
        const mode_t previous = ::umask(022);
        QTemporaryDir dir;
        const QString folder = dir.filePath(u"data/guide-pos"_s);
        const QString db = folder + u"/till.db"_s;
        {
            Till till;
            QVERIFY(till.open(db));
            QVERIFY(StaffService(till).add(u"M01"_s, u"王店长"_s, Role::Manager, u"2468"_s, 1000));
            SettingsRepository(till.database()).setValue(u"receipt.footer"_s, u"x"_s);
            QVERIFY(QFile::exists(db + u"-wal"_s) && QFile::exists(db + u"-shm"_s));
            for (const QString &f : QStringList{db, db + u"-wal"_s, db + u"-shm"_s, db + u".pepper"_s})
                QVERIFY2(modeOf(f) == 0600, qPrintable(f + u' ' + QString::number(modeOf(f), 8)));
            QCOMPARE(modeOf(folder), mode_t(0700));
        }
        QVERIFY(::chmod(QFile::encodeName(db).constData(), 0644) == 0); // as an older till left it
        {
            Till till;
            QVERIFY(till.open(db));
            QCOMPARE(modeOf(db), mode_t(0600));
        }
        {
            hq::HqStore hq;
            QString error;
            const auto url = hq::DatabaseUrl::parse(u"sqlite:"_s + dir.filePath(u"hq/hq.db"_s), &error);
            QVERIFY2(url, qPrintable(error));
            QVERIFY(hq.open(*url));
            for (const QString &f : {u"hq/hq.db"_s, u"hq/hq.db-wal"_s, u"hq/hq.db-shm"_s})
                QVERIFY2(modeOf(dir.filePath(f)) == 0600, qPrintable(f + u' ' + QString::number(modeOf(dir.filePath(f)), 8)));
        }
        ::umask(previous);
    }

    // A till enrolled by an older version kept its HQ secret in the database: it moves to
    // its own 0600 file at the next open and the till goes on syncing without a new code.
    // A copy of till.db alone then holds no secret, signs nothing, and checks no PIN.
    void aStolenDatabaseSignsNothing()
    {
        const mode_t previous = ::umask(022);
        QTemporaryDir dir;
        const QString db = preparedDatabase(dir);
        QVERIFY(!db.isEmpty());
        test::HqProcess hq(u"sqlite:"_s + dir.filePath(u"hq.db"_s), m_pki);
        QVERIFY(enrollWithHq(db, hq));
        QVERIFY(QFile::exists(db + u".hq-secret"_s));
        QCOMPARE(modeOf(db + u".hq-secret"_s), mode_t(0600));
        const QByteArray secretText = bytesOf(db + u".hq-secret"_s).trimmed();
        QVERIFY(secretText.size() >= 24);

        // The layout of an older till: the secret in the settings table, no file.
        {
            Database d;
            QVERIFY(d.openWithoutMigrating(db));
            QVERIFY(d.exec(u"INSERT INTO settings (key, value) VALUES ('hq.secret', ?)"_s, {QString::fromLatin1(secretText)}));
        }
        QVERIFY(QFile::remove(db + u".hq-secret"_s));
        QCOMPARE(test::runPosctl(db, {u"staff"_s, u"add"_s, u"M01"_s, u"--name"_s, u"王店长"_s, u"--role"_s, u"manager"_s,
                                      u"--pin"_s, u"2468"_s}).status, 0);
        // The new posctl beside a till of the older version, not restarted yet: it still signs,
        // and leaves the secret where the running till reads it.
        QCOMPARE(posctlSale(db).status, 0);
        auto synced = test::runPosctl(db, {u"sync"_s, u"--once"_s});
        QVERIFY2(synced.status == 0, qPrintable(synced.err));
        QVERIFY(!QFile::exists(db + u".hq-secret"_s));

        // The upgraded till starts: the secret moves out, and it signs with it as before.
        {
            DrivenTill till;
            QVERIFY(till.start(db));
            QVERIFY(!till.sell().startsWith(u"FAILED"_s));
            till.quit();
        }
        QVERIFY(QFile::exists(db + u".hq-secret"_s));
        QCOMPARE(bytesOf(db + u".hq-secret"_s).trimmed(), secretText);
        QCOMPARE(modeOf(db + u".hq-secret"_s), mode_t(0600));
        QCOMPARE(test::column(db, u"SELECT count(*) FROM settings WHERE key = 'hq.secret'"_s), QStringList{u"0"_s});
        synced = test::runPosctl(db, {u"sync"_s, u"--once"_s});
        QVERIFY2(synced.status == 0, qPrintable(synced.err));

        // The thief's copy: the database file and its WAL, nothing else.
        QTemporaryDir elsewhere;
        const QString copy = elsewhere.filePath(u"till.db"_s);
        QVERIFY(QFile::copy(db, copy));
        if (QFile::exists(db + u"-wal"_s))
            QVERIFY(QFile::copy(db + u"-wal"_s, copy + u"-wal"_s));
        const QByteArray raw = bytesOf(copy) + bytesOf(copy + u"-wal"_s);
        QVERIFY(!raw.contains(secretText));
        QVERIFY(!raw.contains(QByteArray::fromBase64(secretText)));
        Till stolen;
        QVERIFY(stolen.open(copy));
        SyncService thief(stolen);
        QVERIFY(!thief.isEnrolled());
        const SyncRound r = thief.push();
        QVERIFY(r.failed);
        QCOMPARE(r.accepted, 0);
        QVERIFY(!StaffService(stolen).signIn(u"M01"_s, u"2468"_s)); // no pepper, no PIN
        ::umask(previous);
    }
};

QTEST_GUILESS_MAIN(TestBesideTheTill)
#include "tst_besidethetill.moc"
