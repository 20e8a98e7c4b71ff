#pragma once

#include <QObject>
#include <QString>

namespace pos::scanner {

// A scanner besides the keyboard wedge, as the till's setting names it:
//   serial:/dev/ttyACM0[?baud=9600]         a serial or USB CDC-ACM scanner
//   evdev:/dev/input/by-id/…-event-kbd      a wedge scanner's own input device, grabbed
//   hidpos:auto | hidpos:VID:PID | hidpos:/dev/hidrawN   a HID POS scanner (usage page 0x8C)
// Each says what it read through scanned() and how it is through stateChanged(), in the
// cashier's words, so the till shows every kind the same way.
class ScannerDevice : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Checks an address without opening anything.
    static bool checkUri(const QString &uri, QString *error);
    // The scanner an address names, not started; nothing (and why) for a bad address.
    static ScannerDevice *create(const QString &uri, QObject *parent, QString *error);

    // Opens the device, and keeps trying while it is absent where the kind can.
    virtual void start() = 0;
    const QString &state() const { return m_state; }

signals:
    void scanned(const QString &code);
    void stateChanged(const QString &state);

protected:
    void setState(const QString &state);
    static QString connectedText();
    static QString disconnectedText(const QString &why);

private:
    QString m_state;
};

} // namespace pos::scanner
