#pragma once

#include "scannerdevice.h"

#include <QString>
#include <QTimer>

#include <optional>

class QSocketNotifier;

namespace pos::scanner {

// Key codes of a keyboard-wedge scanner read straight from its input device
// (evdev:/dev/input/by-id/…-event-kbd), grabbed exclusively when the till may: its keys then
// never reach a window or the input method at all. US layout, as scanners send.
class EvdevScanner : public ScannerDevice
{
    Q_OBJECT
public:
    explicit EvdevScanner(QString devicePath, QObject *parent = nullptr);
    ~EvdevScanner() override;

    static std::optional<QString> pathFromUri(const QString &uri, QString *error);

    // Opens the device; false (and why) when it can't be read.
    bool open(QString *error = nullptr);
    void start() override; // opens it, saying how it went through stateChanged()
    void stop();
    // Whether the exclusive grab succeeded (without it, keys also reach the focused window).
    bool isGrabbed() const { return m_grabbed; }

    // The character a key gives (0 for none); for tests and the reader.
    static QChar charFor(int keyCode, bool shift);

signals:
    void lost(const QString &why);

private:
    void readEvents();
    void key(int code, int value);
    QString m_path;
    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QString m_line;
    bool m_shift = false;
    bool m_grabbed = false;
    QByteArray m_pending; // a partial input_event from the last read
};

} // namespace pos::scanner
