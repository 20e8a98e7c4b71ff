#pragma once

#include <QCoreApplication>

#include "transport.h"

#include <QTcpSocket>

namespace pos::printer {

// A network printer on its raw port (9100): connect, write, and read status answers.
class TcpTransport final : public Transport
{
    Q_DECLARE_TR_FUNCTIONS(TcpTransport)
public:
    TcpTransport(QString host, quint16 port, int timeoutMs = 3000)
        : m_host(std::move(host)), m_port(port), m_timeoutMs(timeoutMs) {}
    bool open() override;
    bool write(const QByteArray &bytes) override;
    bool canRead() const override { return true; }
    QByteArray read(int maxBytes, int timeoutMs) override;
    bool drain(int timeoutMs) override;
    void close() override;

private:
    QString m_host;
    quint16 m_port;
    int m_timeoutMs;
    QTcpSocket m_socket;
};

} // namespace pos::printer
