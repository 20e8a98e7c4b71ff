#include "startupcheck.h"

#include "privatefiles.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QString checkedFile(const QString &file)
{
    return file + u".checked"_s;
}

struct Scan
{
    QStringList dead;
    QList<qint64> live;
};

// Every marker beside `file`: held (its connection is open) or dead. A marker is held when
// its lock can't be taken — by another process, or by another connection of this one.
Scan scanMarkers(const QString &file, const QString &exceptMarker)
{
    Scan scan;
    const QFileInfo info(file);
    const QString prefix = info.fileName() + u".open-"_s;
    for (const QFileInfo &marker : info.dir().entryInfoList({prefix + u'*'}, QDir::Files | QDir::Hidden)) {
        if (marker.absoluteFilePath() == exceptMarker)
            continue;
        const int fd = ::open(QFile::encodeName(marker.absoluteFilePath()).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            continue; // gone meanwhile: its connection closed
        const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
        ::close(fd); // a marker, not the database: closing it drops nobody's SQLite locks
        if (held)
            scan.live.append(marker.fileName().mid(prefix.size()).section(u'-', 0, 0).toLongLong());
        else
            scan.dead.append(marker.absoluteFilePath());
    }
    return scan;
}

} // namespace

StartupCheck::StartupCheck(const QString &file) : m_file(file)
{
    m_deadMarkers = scanMarkers(file, {}).dead;
    const auto checked = PrivateFiles::read(checkedFile(file));
    const qint64 lastMs = checked ? checked->trimmed().toLongLong() : 0;
    m_due = !m_deadMarkers.isEmpty() || QDateTime::currentMSecsSinceEpoch() - lastMs > checkEveryMs;
}

void StartupCheck::forgetDeadMarkers() const
{
    for (const QString &marker : m_deadMarkers)
        QFile::remove(marker);
}

void StartupCheck::passed() const
{
    forgetDeadMarkers();
    PrivateFiles::writeAtomically(checkedFile(m_file), QByteArray::number(QDateTime::currentMSecsSinceEpoch()));
}

QList<qint64> StartupCheck::openers(const QString &file, const QString &exceptMarker)
{
    return scanMarkers(file, exceptMarker).live;
}

StartupCheck::Marker StartupCheck::markOpen(const QString &file)
{
    static QAtomicInt connections;
    Marker marker;
    marker.path = u"%1.open-%2-%3"_s.arg(file).arg(QCoreApplication::applicationPid()).arg(connections.fetchAndAddRelaxed(1));
    marker.fd = PrivateFiles::openOwn(marker.path);
    if (marker.fd < 0 || ::flock(marker.fd, LOCK_EX | LOCK_NB) != 0) {
        if (marker.fd >= 0)
            ::close(marker.fd);
        return {};
    }
    return marker;
}

void StartupCheck::unmarkOpen(Marker &marker)
{
    if (marker.path.isEmpty())
        return;
    QFile::remove(marker.path); // first, so nobody takes it for a dead connection's
    ::close(marker.fd);
    marker = {};
}

} // namespace pos
