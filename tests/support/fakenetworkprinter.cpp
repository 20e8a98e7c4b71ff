#include "fakenetworkprinter.h"

#include <QEventLoop>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>

namespace pos::test {

namespace {
QSemaphore listening;
}

FakeNetworkPrinter::FakeNetworkPrinter()
{
    start();
    listening.acquire();
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
                // Answer each DLE EOT n in the new bytes (bits 1 and 4 always set).
                for (qsizetype i = qMax<qsizetype>(0, before - 2); i + 2 < m_received.size() + 0; ++i) {
                    if (i < before - 2 || m_received[i] != 0x10 || m_received[i + 1] != 0x04)
                        continue;
                    const int n = m_received[i + 2];
                    char answer = 0x12;
                    if (m_state == State::Silent)
                        continue;
                    if (m_state == State::PaperOut && n == 2)
                        answer |= 0x20;
                    if (m_state == State::PaperOut && n == 4)
                        answer |= 0x6c;
                    if (m_state == State::CoverOpen && n == 2)
                        answer |= 0x04;
                    if (m_state == State::CoverOpen && n == 1)
                        answer |= 0x08;
                    socket->write(&answer, 1);
                }
            });
        }
    });
    listening.release();
    exec();
}

} // namespace pos::test
