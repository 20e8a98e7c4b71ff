#include "fakenetworkprinter.h"

#include <QEventLoop>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>

namespace pos::test {

namespace {

// The byte a printer in `state` answers to DLE EOT n (bits 1 and 4 are always set).
char statusAnswer(FakeNetworkPrinter::State state, int n)
{
    using State = FakeNetworkPrinter::State;
    char answer = 0x12;
    if (state == State::PaperOut && n == 2)
        answer |= 0x20; // stopped at paper end
    if (state == State::PaperOut && n == 4)
        answer |= 0x6c; // paper near end and out
    if (state == State::CoverOpen && n == 1)
        answer |= 0x08; // offline
    if (state == State::CoverOpen && n == 2)
        answer |= 0x04; // cover open
    return answer;
}

} // namespace

FakeNetworkPrinter::FakeNetworkPrinter()
{
    start();
    m_listening.acquire(); // port() is valid from here on
}

FakeNetworkPrinter::~FakeNetworkPrinter()
{
    quit();
    wait();
}

void FakeNetworkPrinter::setState(State state)
{
    QMutexLocker lock(&m_mutex);
    m_state = state;
}

void FakeNetworkPrinter::dropAfter(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_dropAfter = bytes;
}

void FakeNetworkPrinter::setReachable(bool reachable)
{
    QMetaObject::invokeMethod(
        m_server,
        [this, reachable] {
            if (!reachable)
                m_server->close();
            else if (!m_server->isListening())
                m_server->listen(QHostAddress::LocalHost, m_port);
        },
        Qt::BlockingQueuedConnection);
}

QByteArray FakeNetworkPrinter::received() const
{
    QMutexLocker lock(&m_mutex);
    return m_received;
}

void FakeNetworkPrinter::clear()
{
    QMutexLocker lock(&m_mutex);
    m_received.clear();
}

void FakeNetworkPrinter::run()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    m_port = server.serverPort();
    m_server = &server;
    QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                const QByteArray bytes = socket->readAll();
                QMutexLocker lock(&m_mutex);
                const qint64 before = m_received.size();
                m_received += bytes;
                if (m_dropAfter > 0 && m_received.size() >= m_dropAfter) {
                    m_received.truncate(qMax(before, m_dropAfter));
                    socket->abort();
                    return;
                }
                if (m_state == State::Silent)
                    return;
                // Each DLE EOT n completed by these bytes (it may have begun in the last read).
                for (qsizetype i = qMax<qsizetype>(0, before - 2); i + 2 < m_received.size(); ++i) {
                    if (m_received[i] == 0x10 && m_received[i + 1] == 0x04) {
                        const char answer = statusAnswer(m_state, m_received[i + 2]);
                        socket->write(&answer, 1);
                    }
                }
            });
        }
    });
    m_listening.release();
    exec();
}

} // namespace pos::test
