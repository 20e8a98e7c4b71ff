#pragma once

// What the sync tests need around a real HQ: a chain CA of the test's own (openssl), pos-hq
// run as a process on 127.0.0.1, and a TCP relay on loopback that can cut connections.
// The including target defines POS_HQ_PATH.
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace pos::test {

// A chain CA and HQ's certificate for 127.0.0.1, plus an unrelated CA: made fresh per test run.
struct TestPki
{
    QTemporaryDir dir;
    QString caPem, hqCert, hqKey, otherCaPem;

    static bool openssl(const QStringList &args, const QString &cwd)
    {
        QProcess p;
        p.setWorkingDirectory(cwd);
        p.start(QStringLiteral("openssl"), args);
        return p.waitForFinished(30000) && p.exitCode() == 0;
    }

    bool make()
    {
        const QString d = dir.path();
        caPem = dir.filePath(QStringLiteral("ca.pem"));
        hqCert = dir.filePath(QStringLiteral("hq.pem"));
        hqKey = dir.filePath(QStringLiteral("hq.key"));
        otherCaPem = dir.filePath(QStringLiteral("other-ca.pem"));
        QFile ext(dir.filePath(QStringLiteral("ext.cnf")));
        if (!ext.open(QIODevice::WriteOnly))
            return false;
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
        ext.close();
        const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                             QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes")};
        auto req = [](QStringList a) { return QStringList{QStringLiteral("req")} + a; };
        return openssl(req(QStringList{QStringLiteral("-x509")} + ec + QStringList{QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=Test Chain CA")}), d)
               && openssl(req(QStringList{QStringLiteral("-x509")} + ec + QStringList{QStringLiteral("-keyout"), QStringLiteral("other.key"), QStringLiteral("-out"), QStringLiteral("other-ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=Someone Else")}), d)
               && openssl(req(ec + QStringList{QStringLiteral("-keyout"), QStringLiteral("hq.key"), QStringLiteral("-out"), QStringLiteral("hq.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")}), d)
               && openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("hq.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("hq.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("ext.cnf")}, d);
    }

    static QByteArray read(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
};

// pos-hq as a process: admin commands, and `serve` on 127.0.0.1.
class HqProcess
{
public:
    HqProcess(QString database, const TestPki &pki) : m_database(std::move(database)), m_pki(pki) {}
    ~HqProcess() { kill(); }

    // An admin command; its standard output (trimmed), or a null string when it failed.
    QString admin(const QStringList &args) const
    {
        QProcess p;
        p.start(QStringLiteral(POS_HQ_PATH), QStringList{QStringLiteral("--database"), m_database} + args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0)
            return {};
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }

    // Serves on `port` (0: a free one, remembered for restarts). False when it didn't start.
    bool serve(quint16 port = 0)
    {
        kill();
        m_serve = new QProcess;
        m_serve->start(QStringLiteral(POS_HQ_PATH),
                       {QStringLiteral("--database"), m_database, QStringLiteral("serve"), QStringLiteral("--listen"),
                        QStringLiteral("127.0.0.1:%1").arg(port ? port : m_port), QStringLiteral("--cert"), m_pki.hqCert,
                        QStringLiteral("--key"), m_pki.hqKey});
        if (!m_serve->waitForStarted(10000))
            return false;
        for (int i = 0; i < 100 && !m_serve->canReadLine(); ++i)
            m_serve->waitForReadyRead(100);
        const QString line = QString::fromUtf8(m_serve->readLine()).trimmed();
        const qsizetype colon = line.lastIndexOf(u':');
        m_port = quint16(line.mid(colon + 1).toUInt());
        return line.contains(QStringLiteral("listening")) && m_port != 0;
    }
    void kill()
    {
        if (!m_serve)
            return;
        m_serve->kill(); // SIGKILL: HQ gets no chance to tidy up
        m_serve->waitForFinished(10000);
        delete m_serve;
        m_serve = nullptr;
    }
    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }

private:
    QString m_database;
    const TestPki &m_pki;
    QProcess *m_serve = nullptr;
    quint16 m_port = 0;
};

// A TCP relay on 127.0.0.1 in front of HQ. It passes bytes both ways; told to, it swallows
// new connections (HQ "hangs"), or resets the till's connection at HQ's next answer (HQ
// committed, the till never hears so).
class Relay : public QObject
{
public:
    enum class Mode : quint8 { Pass, Swallow, ResetAtAnswer };

    explicit Relay(quint16 target) : m_target(target)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection()) {
                client->setParent(this);
                if (m_mode == Mode::Swallow)
                    continue; // accepted, never answered
                auto *server = new QTcpSocket(this);
                server->connectToHost(QHostAddress::LocalHost, m_target);
                QObject::connect(client, &QTcpSocket::readyRead, server, [client, server] { server->write(client->readAll()); });
                QObject::connect(server, &QTcpSocket::readyRead, client, [this, client, server] {
                    const QByteArray data = server->readAll();
                    if (m_cutArmed) {
                        m_cutArmed = false;
                        ++m_cuts;
                        client->abort();
                        server->abort();
                        return;
                    }
                    client->write(data);
                });
                QObject::connect(client, &QTcpSocket::disconnected, server, &QTcpSocket::disconnectFromHost);
                QObject::connect(server, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1").arg(port()); }
    void setMode(Mode mode) { m_mode = mode; }
    // The next bytes HQ sends back (its answer, once the request is in) never reach the till.
    void armCut() { m_cutArmed = true; }
    int cuts() const { return m_cuts; }

private:
    QTcpServer m_server;
    quint16 m_target;
    Mode m_mode = Mode::Pass;
    bool m_cutArmed = false;
    int m_cuts = 0;
};

// A PostgreSQL server of the test's own: a fresh cluster in a temporary folder on a free port
// of 127.0.0.1, stopped at the end. PostgreSQL refuses to run as root, so as root its
// commands run as the postgres user.
class PostgresServer
{
public:
    ~PostgresServer() { stop(); }

    static QString binary(const QString &name)
    {
        QDirIterator versions(QStringLiteral("/usr/lib/postgresql"), QDir::Dirs | QDir::NoDotAndDotDot);
        while (versions.hasNext()) {
            const QString candidate = versions.next() + QStringLiteral("/bin/") + name;
            if (QFileInfo::exists(candidate))
                return candidate;
        }
        return {};
    }
    static bool available() { return !binary(QStringLiteral("initdb")).isEmpty(); }

    bool start()
    {
        if (!m_dir.isValid() || !available())
            return false;
        QTcpServer probe; // a free port
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
        probe.close();
        const QString data = m_dir.filePath(QStringLiteral("data"));
        if (::geteuid() == 0 && !run(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("postgres"), m_dir.path()}, false))
            return false;
        return run(binary(QStringLiteral("initdb")), {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("pos"),
                                                      QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8")})
               && run(binary(QStringLiteral("pg_ctl")),
                      {QStringLiteral("-D"), data, QStringLiteral("-w"), QStringLiteral("-l"), m_dir.filePath(QStringLiteral("log")),
                       QStringLiteral("-o"),
                       QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off").arg(m_port).arg(m_dir.path()),
                       QStringLiteral("start")})
               && (m_started = true);
    }
    // A new, empty database on the server, as pos-hq's --database URL.
    QString newDatabase(const QString &name)
    {
        run(binary(QStringLiteral("createdb")),
            {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-U"),
             QStringLiteral("pos"), name});
        return QStringLiteral("postgresql://pos@127.0.0.1:%1/%2").arg(m_port).arg(name);
    }
    void stop()
    {
        if (m_started)
            run(binary(QStringLiteral("pg_ctl")), {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-m"),
                                                   QStringLiteral("immediate"), QStringLiteral("stop")});
        m_started = false;
    }

private:
    bool run(const QString &program, const QStringList &args, bool asPostgres = true)
    {
        QProcess p;
        if (asPostgres && ::geteuid() == 0)
            p.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} + args);
        else
            p.start(program, args);
        const bool ok = p.waitForFinished(60000) && p.exitCode() == 0;
        if (!ok)
            qWarning().noquote() << program << args.join(u' ') << p.readAllStandardError();
        return ok;
    }
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    bool m_started = false;
};

} // namespace pos::test
