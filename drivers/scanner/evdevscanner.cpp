#include "evdevscanner.h"

#include "text/safetext.h"

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>

#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pos::scanner {

using namespace Qt::Literals::StringLiterals;

namespace {

// US layout, unshifted and shifted, for the keys scanners use.
struct KeyChars
{
    int code;
    char plain;
    char shifted;
};
constexpr KeyChars keyTable[] = {
    {KEY_1, '1', '!'}, {KEY_2, '2', '@'}, {KEY_3, '3', '#'}, {KEY_4, '4', '$'}, {KEY_5, '5', '%'},
    {KEY_6, '6', '^'}, {KEY_7, '7', '&'}, {KEY_8, '8', '*'}, {KEY_9, '9', '('}, {KEY_0, '0', ')'},
    {KEY_MINUS, '-', '_'}, {KEY_EQUAL, '=', '+'}, {KEY_Q, 'q', 'Q'}, {KEY_W, 'w', 'W'}, {KEY_E, 'e', 'E'},
    {KEY_R, 'r', 'R'}, {KEY_T, 't', 'T'}, {KEY_Y, 'y', 'Y'}, {KEY_U, 'u', 'U'}, {KEY_I, 'i', 'I'},
    {KEY_O, 'o', 'O'}, {KEY_P, 'p', 'P'}, {KEY_LEFTBRACE, '[', '{'}, {KEY_RIGHTBRACE, ']', '}'},
    {KEY_A, 'a', 'A'}, {KEY_S, 's', 'S'}, {KEY_D, 'd', 'D'}, {KEY_F, 'f', 'F'}, {KEY_G, 'g', 'G'},
    {KEY_H, 'h', 'H'}, {KEY_J, 'j', 'J'}, {KEY_K, 'k', 'K'}, {KEY_L, 'l', 'L'}, {KEY_SEMICOLON, ';', ':'},
    {KEY_APOSTROPHE, '\'', '"'}, {KEY_GRAVE, '`', '~'}, {KEY_BACKSLASH, '\\', '|'}, {KEY_Z, 'z', 'Z'},
    {KEY_X, 'x', 'X'}, {KEY_C, 'c', 'C'}, {KEY_V, 'v', 'V'}, {KEY_B, 'b', 'B'}, {KEY_N, 'n', 'N'},
    {KEY_M, 'm', 'M'}, {KEY_COMMA, ',', '<'}, {KEY_DOT, '.', '>'}, {KEY_SLASH, '/', '?'}, {KEY_SPACE, ' ', ' '},
    {KEY_KP0, '0', '0'}, {KEY_KP1, '1', '1'}, {KEY_KP2, '2', '2'}, {KEY_KP3, '3', '3'}, {KEY_KP4, '4', '4'},
    {KEY_KP5, '5', '5'}, {KEY_KP6, '6', '6'}, {KEY_KP7, '7', '7'}, {KEY_KP8, '8', '8'}, {KEY_KP9, '9', '9'},
    {KEY_KPMINUS, '-', '-'}, {KEY_KPPLUS, '+', '+'}, {KEY_KPDOT, '.', '.'}, {KEY_KPSLASH, '/', '/'},
    {KEY_KPASTERISK, '*', '*'},
};

} // namespace

EvdevScanner::EvdevScanner(QString devicePath, QObject *parent) : ScannerDevice(parent), m_path(std::move(devicePath)) {}

EvdevScanner::~EvdevScanner()
{
    stop();
}

std::optional<QString> EvdevScanner::pathFromUri(const QString &uri, QString *error)
{
    if (!uri.startsWith(u"evdev:/"_s)) {
        if (error)
            *error = QCoreApplication::translate("EvdevScanner", "An input-device scanner is evdev:/dev/input/by-id/…-event-kbd, not \"%1\".").arg(shownInput(uri));
        return std::nullopt;
    }
    return uri.mid(6);
}

QChar EvdevScanner::charFor(int keyCode, bool shift)
{
    for (const KeyChars &k : keyTable)
        if (k.code == keyCode)
            return QChar::fromLatin1(shift ? k.shifted : k.plain);
    return {};
}

bool EvdevScanner::open(QString *error)
{
    stop();
    m_fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (m_fd < 0) {
        if (error)
            *error = QCoreApplication::translate("EvdevScanner", "Cannot read the scanner at %1: %2 (the till's user needs the input group, or a udev rule).")
                         .arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    // Exclusive: the scanner's keys go to the till only, not to a window or the input method.
    m_grabbed = ::ioctl(m_fd, EVIOCGRAB, 1) == 0;
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &EvdevScanner::readEvents);
    return true;
}

void EvdevScanner::start()
{
    QString error;
    if (!open(&error))
        setState(error);
    else
        setState(m_grabbed ? connectedText() : QCoreApplication::translate("EvdevScanner", "Scanner connected (not exclusive)"));
}

void EvdevScanner::stop()
{
    delete m_notifier;
    m_notifier = nullptr;
    if (m_fd >= 0) {
        if (m_grabbed)
            ::ioctl(m_fd, EVIOCGRAB, 0);
        ::close(m_fd);
    }
    m_fd = -1;
    m_grabbed = false;
    m_line.clear();
    m_pending.clear();
}

void EvdevScanner::readEvents()
{
    char buffer[64 * sizeof(input_event)];
    const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        const QString why = n == 0 ? QCoreApplication::translate("EvdevScanner", "The scanner at %1 is gone.").arg(m_path)
                                   : QString::fromLocal8Bit(std::strerror(errno));
        stop();
        emit lost(why);
        setState(disconnectedText(why));
        return;
    }
    if (n < 0)
        return;
    m_pending.append(buffer, n);
    const qsizetype whole = m_pending.size() / qsizetype(sizeof(input_event));
    for (qsizetype i = 0; i < whole; ++i) {
        input_event ev;
        std::memcpy(&ev, m_pending.constData() + i * sizeof(input_event), sizeof ev);
        if (ev.type == EV_KEY)
            key(ev.code, ev.value);
    }
    m_pending.remove(0, whole * qsizetype(sizeof(input_event)));
}

void EvdevScanner::key(int code, int value)
{
    if (code == KEY_LEFTSHIFT || code == KEY_RIGHTSHIFT) {
        m_shift = value != 0;
        return;
    }
    if (value == 0) // key up
        return;
    if (code == KEY_ENTER || code == KEY_KPENTER || code == KEY_TAB) {
        const QString line = std::exchange(m_line, {}).trimmed();
        if (!line.isEmpty())
            emit scanned(line);
        return;
    }
    if (const QChar c = charFor(code, m_shift); !c.isNull() && m_line.size() < 4096)
        m_line += c;
}

} // namespace pos::scanner
