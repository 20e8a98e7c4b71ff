#include "tcptransport.h"

#include "text/safetext.h"

#include <QCoreApplication>

namespace pos::printer {

bool TcpTransport::open()
{
    m_socket.connectToHost(m_host, m_port);
    if (!m_socket.waitForConnected(m_timeoutMs))
        return fail(tr("cannot reach the printer at %1:%2 (%3)").arg(shownInput(m_host)).arg(m_port).arg(m_socket.errorString()));
    return true;
}

bool TcpTransport::write(const QByteArray &bytes)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState)
        return fail(tr("the printer at %1:%2 is not connected").arg(shownInput(m_host)).arg(m_port));
    qint64 written = 0;
    while (written < bytes.size()) {
        const qint64 n = m_socket.write(bytes.constData() + written, bytes.size() - written);
        if (n < 0)
            return fail(tr("the printer at %1:%2 dropped the connection (%3)").arg(shownInput(m_host)).arg(m_port).arg(m_socket.errorString()));
        written += n;
        while (m_socket.bytesToWrite() > 0) {
            if (!m_socket.waitForBytesWritten(m_timeoutMs))
                return fail(tr("the printer at %1:%2 stopped taking data (%3)").arg(shownInput(m_host)).arg(m_port).arg(m_socket.errorString()));
        }
    }
    if (m_socket.state() != QAbstractSocket::ConnectedState)
        return fail(tr("the printer at %1:%2 dropped the connection").arg(shownInput(m_host)).arg(m_port));
    return true;
}

QByteArray TcpTransport::read(int maxBytes, int timeoutMs)
{
    if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(timeoutMs))
        return {};
    return m_socket.read(maxBytes);
}

bool TcpTransport::drain(int timeoutMs)
{
    while (m_socket.bytesToWrite() > 0)
        if (!m_socket.waitForBytesWritten(timeoutMs))
            break;
    // A printer that took the job keeps the connection; one that dropped it shows it now.
    if (m_socket.state() == QAbstractSocket::ConnectedState && !m_socket.waitForDisconnected(timeoutMs)
        && m_socket.state() == QAbstractSocket::ConnectedState)
        return true;
    return fail(tr("the printer at %1:%2 dropped the connection during the job").arg(shownInput(m_host)).arg(m_port));
}

void TcpTransport::close()
{
    if (m_socket.state() == QAbstractSocket::ConnectedState) {
        m_socket.disconnectFromHost();
        if (m_socket.state() != QAbstractSocket::UnconnectedState)
            m_socket.waitForDisconnected(m_timeoutMs);
    }
}

} // namespace pos::printer
