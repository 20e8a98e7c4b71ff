#include "serialtransport.h"

#include "text/safetext.h"

#include <QCoreApplication>

namespace pos::printer {

bool SerialTransport::open()
{
    m_port.setPortName(m_portName);
    m_port.setBaudRate(m_baud);
    m_port.setDataBits(QSerialPort::Data8);
    m_port.setParity(QSerialPort::NoParity);
    m_port.setStopBits(QSerialPort::OneStop);
    m_port.setFlowControl(QSerialPort::HardwareControl);
    if (!m_port.open(QIODevice::ReadWrite))
        return fail(tr("cannot open the serial port %1: %2").arg(shownPath(m_portName), m_port.errorString()));
    return true;
}

bool SerialTransport::write(const QByteArray &bytes)
{
    if (m_port.write(bytes) != bytes.size())
        return fail(tr("writing to %1 failed: %2").arg(shownPath(m_portName), m_port.errorString()));
    while (m_port.bytesToWrite() > 0)
        if (!m_port.waitForBytesWritten(m_timeoutMs))
            return fail(tr("the printer on %1 stopped taking data (offline, or paper out?)").arg(shownPath(m_portName)));
    return true;
}

QByteArray SerialTransport::read(int maxBytes, int timeoutMs)
{
    if (m_port.bytesAvailable() == 0 && !m_port.waitForReadyRead(timeoutMs))
        return {};
    return m_port.read(maxBytes);
}

} // namespace pos::printer
