// Pull the plug on the process: real sales through posctl, killed with SIGKILL at random
// moments — while committing, while printing the receipt on a network printer, while syncing
// with HQ. Afterwards every sale that posctl reported complete is in the till's database
// exactly once, the database passes integrity_check, and once a sync finishes HQ holds each
// sale exactly once. POS_CRASH_ROUNDS sets the number of rounds (200 unless set).
#include "fakenetworkprinter.h"
#include "hqfixture.h"
#include "posctlrun.h"
#include "readback.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::Literals::StringLiterals;

class TestCrash : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    pos::test::TestPki m_pki;

    static QProcess *start(const QString &db, const QStringList &args)
    {
        auto *p = new QProcess;
        p->start(QStringLiteral(POSCTL_PATH), QStringList{u"--db"_s, db} + args);
        return p;
    }
    // SIGKILL — no destructor, no rollback, no flush runs.
    static void killHard(QProcess *p)
    {
        if (p->state() != QProcess::NotRunning)
            ::kill(pid_t(p->processId()), SIGKILL);
        p->waitForFinished(10000);
    }
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_pki.make());
    }

    void killedAtRandomMomentsLosesNoSale()
    {
        const int rounds = qEnvironmentVariableIntValue("POS_CRASH_ROUNDS") > 0 ? qEnvironmentVariableIntValue("POS_CRASH_ROUNDS") : 200;
        const QString db = m_dir.filePath(u"till.db"_s);
        QCOMPARE(pos::test::runPosctl(db, {u"init"_s, u"--demo"_s}).status, 0);

        pos::test::FakeNetworkPrinter printer;
        QCOMPARE(pos::test::runPosctl(db, {u"printers"_s, u"--set"_s, u"tcp://127.0.0.1:%1"_s.arg(printer.port())}).status, 0);

        pos::test::HqProcess hq(u"sqlite:"_s + m_dir.filePath(u"hq.db"_s), m_pki);
        QVERIFY(!hq.admin({u"stores"_s, u"add"_s, u"S01"_s, u"西湖店"_s}).isNull());
        const QString code = hq.admin({u"enroll"_s, u"--store"_s, u"S01"_s, u"--terminal"_s, u"T01"_s});
        QVERIFY(hq.serve());
        const auto enrolled = pos::test::runPosctl(db, {u"enroll"_s, hq.url(), code, u"--ca"_s, m_pki.caPem});
        QVERIFY2(enrolled.status == 0, qPrintable(enrolled.err));

        // How long a sale takes here without and with its receipt, to spread the kills over them.
        auto timed = [&](const QStringList &args, int *ms) {
            QElapsedTimer timer;
            timer.start();
            const auto run = pos::test::runPosctl(db, QStringList{u"sale"_s, u"--scan"_s, u"6951593000011"_s, u"--pay"_s, u"cash"_s, u"--json"_s} + args);
            *ms = int(qMax<qint64>(timer.elapsed(), 10));
            return QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"number"_s).toString();
        };
        int commitMs = 0;
        int printMs = 0;
        QStringList reported{timed({u"--no-receipt"_s}, &commitMs), timed({}, &printMs)};
        QVERIFY(!reported.contains(QString()));

        QRandomGenerator random(20261130);
        const QStringList codes{u"6951593000011"_s, u"6951593000028*2"_s, u"6951593000035"_s};
        int killed = 0;
        QProcess *sync = nullptr;
        for (int round = 0; round < rounds; ++round) {
            // Now and then the printer stalls (the kill lands while printing), or a sync runs alongside.
            // Most rounds are killed around the commit; every fifth prints its receipt (on a
            // printer that sometimes stalls) and is killed while printing.
            const bool printing = round % 5 == 4;
            printer.setState(round % 10 == 9 ? pos::test::FakeNetworkPrinter::State::Silent
                                             : pos::test::FakeNetworkPrinter::State::Ready);
            if (round % 10 == 3 && !sync)
                sync = start(db, {u"sync"_s, u"--batch"_s, u"5"_s});
            QStringList args{u"sale"_s, u"--scan"_s, codes[round % 3], u"--pay"_s, u"cash"_s, u"--json"_s};
            if (!printing)
                args << u"--no-receipt"_s;
            QProcess *sale = start(db, args);
            QVERIFY(sale->waitForStarted());
            QTest::qWait(printing ? commitMs / 2 + int(random.bounded(printMs)) : int(random.bounded(commitMs * 3 / 2 + 1)));
            if (sale->state() != QProcess::NotRunning)
                ++killed;
            killHard(sale);
            // Reported complete only when posctl said so in full.
            const QByteArray out = sale->readAllStandardOutput();
            const QJsonObject json = QJsonDocument::fromJson(out).object();
            if (sale->exitStatus() == QProcess::NormalExit && sale->exitCode() == 0 && json.contains(u"number"_s))
                reported << json.value(u"number"_s).toString();
            delete sale;
            if (sync && (round % 10 == 8)) {
                killHard(sync);
                delete sync;
                sync = nullptr;
            }
        }
        if (sync) {
            killHard(sync);
            delete sync;
        }
        qInfo("%d rounds (a sale takes %d ms here, %d with its receipt): %d killed before they finished, %lld reported complete",
              rounds, commitMs, printMs, killed, qlonglong(reported.size()));
        QVERIFY2(killed > rounds / 4, "the kills should land inside the sales");

        QCOMPARE(pos::test::column(db, u"PRAGMA integrity_check"_s), QStringList{u"ok"_s});
        const QStringList numbers = pos::test::column(db, u"SELECT number FROM orders"_s);
        QCOMPARE(QSet<QString>(numbers.cbegin(), numbers.cend()).size(), numbers.size()); // each once
        for (const QString &number : std::as_const(reported))
            QVERIFY2(numbers.contains(number), qPrintable(number + u" was reported complete but is not in the database"_s));

        // Restart and sync: the till sells on and HQ ends up with every sale once.
        printer.setState(pos::test::FakeNetworkPrinter::State::Ready);
        QCOMPARE(pos::test::runPosctl(db, {u"sale"_s, u"--scan"_s, codes[0], u"--pay"_s, u"cash"_s}).status, 0);
        const auto synced = pos::test::runPosctl(db, {u"sync"_s, u"--once"_s});
        QVERIFY2(synced.status == 0, qPrintable(synced.err));
        const QStringList atHq = hq.admin({u"orders"_s, u"--store"_s, u"S01"_s, u"--json"_s}).split(u'\n', Qt::SkipEmptyParts);
        QStringList hqNumbers;
        for (const QString &line : atHq)
            hqNumbers << QJsonDocument::fromJson(line.toUtf8()).object().value(u"number"_s).toString();
        const QStringList tillNumbers = pos::test::column(db, u"SELECT number FROM orders"_s);
        QCOMPARE(hqNumbers.size(), tillNumbers.size());
        QCOMPARE(QSet<QString>(hqNumbers.cbegin(), hqNumbers.cend()), QSet<QString>(tillNumbers.cbegin(), tillNumbers.cend()));
        for (const QString &number : std::as_const(reported))
            QVERIFY(hqNumbers.contains(number));
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
