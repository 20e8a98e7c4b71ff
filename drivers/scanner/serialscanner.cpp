#include "serialscanner.h"

#include "scannertext.h"

#include "text/safetext.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSerialPort>
#include <QUrlQuery>

namespace pos::scanner {

using namespace Qt::Literals::StringLiterals;

std::optional<SerialScannerUri> SerialScannerUri::parse(const QString &text, QString *error)
{
    auto refuse = [&](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!text.startsWith(u"serial:"_s))
        return refuse(QCoreApplication::translate("SerialScanner", "A serial scanner is serial:/dev/ttyACM0[?baud=9600], not \"%1\".").arg(shownInput(text)));
    const QString rest = text.mid(7);
    const qsizetype q = rest.indexOf(u'?');
    SerialScannerUri uri;
    uri.path = rest.left(q < 0 ? rest.size() : q);
    if (uri.path.isEmpty())
        return refuse(QCoreApplication::translate("SerialScanner", "The serial scanner's device path is missing."));
    if (q >= 0) {
        const QUrlQuery query(rest.mid(q + 1));
        if (query.hasQueryItem(u"baud"_s)) {
            bool ok = false;
            uri.baud = query.queryItemValue(u"baud"_s).toInt(&ok);
            if (!ok || uri.baud < 300 || uri.baud > 4000000)
                return refuse(QCoreApplication::translate("SerialScanner", "Bad baud rate \"%1\".").arg(shownInput(query.queryItemValue(u"baud"_s))));
        }
    }
    return uri;
}

SerialScanner::SerialScanner(SerialScannerUri uri, QObject *parent)
    : ScannerDevice(parent), m_uri(std::move(uri)), m_port(new QSerialPort(this))
{
    m_reconnect.setInterval(reconnectMs);
    connect(&m_reconnect, &QTimer::timeout, this, &SerialScanner::tryOpen);
    // Not every driver reports an unplug as an error on the open port, but the device node
    // (and its /dev/serial/by-id link) goes away: look for it now and then.
    m_presence.setInterval(reconnectMs);
    connect(&m_presence, &QTimer::timeout, this, [this] {
        if (m_port->isOpen() && !QFileInfo::exists(m_uri.path))
            lost(QCoreApplication::translate("SerialScanner", "The scanner at %1 was unplugged.").arg(m_uri.path));
    });
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(quietFlushMs);
    connect(&m_quiet, &QTimer::timeout, this, [this] {
        if (!m_buffer.isEmpty())
            deliver(std::exchange(m_buffer, {}));
    });
    connect(m_port, &QSerialPort::readyRead, this, &SerialScanner::readAvailable);
    connect(m_port, &QSerialPort::errorOccurred, this, [this](QSerialPort::SerialPortError e) {
        if (e == QSerialPort::ResourceError || e == QSerialPort::PermissionError || e == QSerialPort::DeviceNotFoundError)
            if (m_port->isOpen())
                lost(m_port->errorString());
    });
}

SerialScanner::~SerialScanner()
{
    stop();
}

void SerialScanner::start()
{
    m_running = true;
    tryOpen();
}

void SerialScanner::stop()
{
    m_running = false;
    m_reconnect.stop();
    m_presence.stop();
    if (m_port->isOpen())
        m_port->close();
}

bool SerialScanner::isConnected() const
{
    return m_port->isOpen();
}

void SerialScanner::tryOpen()
{
    if (!m_running || m_port->isOpen())
        return;
    m_port->setPortName(m_uri.path);
    m_port->setBaudRate(m_uri.baud);
    m_port->setDataBits(QSerialPort::Data8);
    m_port->setParity(QSerialPort::NoParity);
    m_port->setStopBits(QSerialPort::OneStop);
    m_port->setFlowControl(QSerialPort::NoFlowControl);
    if (!m_port->open(QIODevice::ReadOnly)) {
        if (!m_reconnect.isActive()) {
            emit connectedChanged(false, m_port->errorString());
            setState(disconnectedText(m_port->errorString()));
            m_reconnect.start();
        }
        return;
    }
    m_reconnect.stop();
    m_presence.start();
    m_buffer.clear();
    emit connectedChanged(true, {});
    setState(connectedText());
}

void SerialScanner::lost(const QString &why)
{
    m_port->close();
    m_presence.stop();
    m_buffer.clear();
    m_quiet.stop();
    emit connectedChanged(false, why);
    setState(disconnectedText(why));
    if (m_running)
        m_reconnect.start();
}

void SerialScanner::readAvailable()
{
    m_buffer += m_port->readAll();
    for (;;) {
        const auto eol = std::find_if(m_buffer.cbegin(), m_buffer.cend(), [](char c) { return c == '\r' || c == '\n'; });
        if (eol == m_buffer.cend())
            break;
        const qsizetype end = eol - m_buffer.cbegin();
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        if (!line.isEmpty())
            deliver(line);
    }
    if (m_buffer.size() > maxLineBytes) {
        emit discarded(QCoreApplication::translate("SerialScanner", "%1 bytes without an end of line from the scanner were dropped.")
                           .arg(m_buffer.size()));
        m_buffer.clear();
    }
    if (!m_buffer.isEmpty())
        m_quiet.start();
}

void SerialScanner::deliver(const QByteArray &line)
{
    if (const QString text = textFromScannerBytes(line); !text.isEmpty())
        emit scanned(text);
}

} // namespace pos::scanner
