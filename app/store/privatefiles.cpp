#include "privatefiles.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr mode_t ownerOnly = S_IRUSR | S_IWUSR;

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Narrows an existing file to 0600 by its path (no handle on it). Missing files are fine.
void narrow(const QString &file)
{
    struct stat st;
    const QByteArray path = QFile::encodeName(file);
    if (::stat(path.constData(), &st) == 0 && (st.st_mode & 077) != 0)
        ::chmod(path.constData(), st.st_mode & 0700 & ~mode_t(S_IXUSR));
}

} // namespace

QString PrivateFiles::prepareDatabase(const QString &file)
{
    const QFileInfo info(file);
    const QString folder = info.absolutePath();
    if (!QFileInfo::exists(folder)) {
        if (!QDir().mkpath(folder))
            return tr("Cannot create the folder %1.").arg(folder);
        ::chmod(QFile::encodeName(folder).constData(), S_IRWXU);
    }
    if (info.exists()) {
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
            narrow(file + suffix);
        return {};
    }
    // Created here, 0600, before SQLite sees it: SQLite gives the -wal and -shm it makes the
    // database file's own mode.
    const int fd = ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, ownerOnly);
    if (fd < 0)
        return errno == EEXIST ? QString() : tr("Cannot create %1: %2").arg(file, systemError());
    ::fchmod(fd, ownerOnly); // whatever the umask left
    ::close(fd);
    syncFolder(folder);
    return {};
}

QString PrivateFiles::writeAtomically(const QString &file, const QByteArray &bytes)
{
    static QAtomicInt writes; // two threads of one process never share a temporary file
    const QString temporary = u"%1.tmp-%2-%3"_s.arg(file).arg(QCoreApplication::applicationPid()).arg(writes.fetchAndAddRelaxed(1));
    const QByteArray tempPath = QFile::encodeName(temporary);
    const int fd = ::open(tempPath.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, ownerOnly);
    if (fd < 0)
        return tr("Cannot write %1: %2").arg(file, systemError());
    ::fchmod(fd, ownerOnly);
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    const bool written = done == bytes.size() && ::fsync(fd) == 0;
    const QString why = written ? QString() : systemError();
    ::close(fd);
    if (!written || ::rename(tempPath.constData(), QFile::encodeName(file).constData()) != 0) {
        const QString reason = written ? systemError() : why;
        ::unlink(tempPath.constData());
        return tr("Cannot write %1: %2").arg(file, reason);
    }
    syncFolder(QFileInfo(file).absolutePath());
    return {};
}

std::optional<QByteArray> PrivateFiles::read(const QString &file, QString *error)
{
    QFile in(file);
    if (!in.exists())
        return std::nullopt;
    if (!in.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read %1: %2").arg(file, in.errorString());
        return std::nullopt;
    }
    return in.readAll();
}

bool PrivateFiles::syncFolder(const QString &folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

} // namespace pos
