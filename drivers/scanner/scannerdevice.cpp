#include "scannerdevice.h"

#include "evdevscanner.h"
#include "hidposscanner.h"
#include "serialscanner.h"

#include "text/safetext.h"

#include <QCoreApplication>

namespace pos::scanner {

using namespace Qt::Literals::StringLiterals;

bool ScannerDevice::checkUri(const QString &uri, QString *error)
{
    if (uri.startsWith(u"evdev:"_s))
        return bool(EvdevScanner::pathFromUri(uri, error));
    if (uri.startsWith(u"hidpos:"_s))
        return bool(HidPosScannerUri::parse(uri, error));
    if (uri.startsWith(u"serial:"_s))
        return bool(SerialScannerUri::parse(uri, error));
    if (error)
        *error = QCoreApplication::translate("ScannerDevice", "A scanner is serial:/dev/ttyACM0[?baud=9600], evdev:/dev/input/by-id/…-event-kbd "
                                                              "or hidpos:auto (or hidpos:VID:PID, hidpos:/dev/hidraw0); not \"%1\".")
                     .arg(shownInput(uri));
    return false;
}

ScannerDevice *ScannerDevice::create(const QString &uri, QObject *parent, QString *error)
{
    if (!checkUri(uri, error))
        return nullptr;
    if (uri.startsWith(u"evdev:"_s))
        return new EvdevScanner(*EvdevScanner::pathFromUri(uri, nullptr), parent);
    if (uri.startsWith(u"hidpos:"_s))
        return new HidPosScanner(*HidPosScannerUri::parse(uri, nullptr), {}, parent);
    return new SerialScanner(*SerialScannerUri::parse(uri, nullptr), parent);
}

void ScannerDevice::setState(const QString &state)
{
    m_state = state;
    emit stateChanged(state);
}

QString ScannerDevice::connectedText()
{
    return QCoreApplication::translate("ScannerDevice", "Scanner connected");
}

QString ScannerDevice::disconnectedText(const QString &why)
{
    return QCoreApplication::translate("ScannerDevice", "Scanner not connected: %1").arg(why);
}

} // namespace pos::scanner
