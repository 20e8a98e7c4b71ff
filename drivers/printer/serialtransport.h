#pragma once

#include <QCoreApplication>

#include "transport.h"

#include <QSerialPort>

namespace pos::printer {

// A printer on a serial line (RS-232 or a USB-serial adapter), 8N1 with hardware flow
// control so a busy printer holds us back instead of dropping bytes.
class SerialTransport final : public Transport
{
    Q_DECLARE_TR_FUNCTIONS(SerialTransport)
public:
    SerialTransport(QString port, qint32 baud, int timeoutMs = 3000)
        : m_portName(std::move(port)), m_baud(baud), m_timeoutMs(timeoutMs) {}
    bool open() override;
    bool write(const QByteArray &bytes) override;
    bool canRead() const override { return true; }
    QByteArray read(int maxBytes, int timeoutMs) override;
    void close() override { m_port.close(); }

private:
    QString m_portName;
    qint32 m_baud;
    int m_timeoutMs;
    QSerialPort m_port;
};

} // namespace pos::printer
