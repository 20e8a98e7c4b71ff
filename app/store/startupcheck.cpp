#include "startupcheck.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <csignal>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QString checkedFile(const QString &file)
{
    return file + u".checked"_s;
}

bool processAlive(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

} // namespace

StartupCheck::StartupCheck(const QString &file) : m_file(file)
{
    const QFileInfo info(file);
    const QString prefix = info.fileName() + u".open-"_s;
    const qint64 self = QCoreApplication::applicationPid();
    for (const QFileInfo &marker : info.dir().entryInfoList({prefix + u'*'}, QDir::Files)) {
        const qint64 pid = marker.fileName().mid(prefix.size()).section(u'-', 0, 0).toLongLong();
        if (pid == self) {
            m_openHere = true; // this process checked it when it first opened it
            continue;
        }
        if (processAlive(pid)) {
            if (!m_liveOthers.contains(pid))
                m_liveOthers.append(pid);
            continue;
        }
        m_deadMarkers.append(marker.absoluteFilePath());
    }
    QFile checked(checkedFile(file));
    const qint64 lastMs = checked.open(QIODevice::ReadOnly) ? checked.readAll().trimmed().toLongLong() : 0;
    m_due = !m_deadMarkers.isEmpty() || QDateTime::currentMSecsSinceEpoch() - lastMs > checkEveryMs;
}

void StartupCheck::passed() const
{
    for (const QString &marker : m_deadMarkers)
        QFile::remove(marker);
    QFile checked(checkedFile(m_file));
    if (checked.open(QIODevice::WriteOnly))
        checked.write(QByteArray::number(QDateTime::currentMSecsSinceEpoch()));
}

QList<qint64> StartupCheck::otherOpeners() const
{
    return m_liveOthers;
}

QString StartupCheck::markOpen(const QString &file)
{
    static QAtomicInt connections;
    const QString marker = u"%1.open-%2-%3"_s.arg(file).arg(QCoreApplication::applicationPid()).arg(connections.fetchAndAddRelaxed(1));
    QFile f(marker);
    return f.open(QIODevice::WriteOnly) ? marker : QString(); // a read-only folder: the daily check still runs
}

void StartupCheck::unmarkOpen(const QString &marker)
{
    if (!marker.isEmpty())
        QFile::remove(marker);
}

} // namespace pos
