#include "privatefiles.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr mode_t ownerOnly = S_IRUSR | S_IWUSR;

QString systemError(int error = errno)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QByteArray native(const QString &path)
{
    return QFile::encodeName(path);
}

// Root making a file in someone's folder (sudo posctl) gives it to the folder's owner, so the
// till running as that user can still read it.
void giveToFolderOwner(int fd, const QString &file)
{
    struct stat folder;
    if (::geteuid() == 0 && ::stat(native(QFileInfo(file).absolutePath()).constData(), &folder) == 0 && folder.st_uid != 0)
        if (::fchown(fd, folder.st_uid, folder.st_gid) != 0) {
            // Left root's: the message of whoever can't read it will say so.
        }
}

// A fresh 0600 file that no link can redirect; -1 and errno when it can't be made.
int createFresh(const QString &file)
{
    const int fd = ::open(native(file).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, ownerOnly);
    if (fd >= 0) {
        ::fchmod(fd, ownerOnly); // whatever the umask left
        giveToFolderOwner(fd, file);
    }
    return fd;
}

bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return ::fsync(fd) == 0;
}

// A temporary file beside `file` holding `bytes`, synced; its name, or "" and errno.
QString writeTemporary(const QString &file, const QByteArray &bytes)
{
    static QAtomicInt writes; // two threads of one process never share a temporary file
    const QString temporary = u"%1.tmp-%2-%3-%4"_s.arg(file).arg(QCoreApplication::applicationPid())
                                  .arg(writes.fetchAndAddRelaxed(1)).arg(qulonglong(QRandomGenerator::system()->generate()), 8, 16, QChar(u'0'));
    const int fd = createFresh(temporary);
    if (fd < 0)
        return {};
    const bool written = writeAll(fd, bytes);
    const int error = errno;
    ::close(fd);
    if (!written) {
        ::unlink(native(temporary).constData());
        errno = error;
        return {};
    }
    return temporary;
}

} // namespace

QString PrivateFiles::prepareFolder(const QString &folder)
{
    if (QFileInfo::exists(folder))
        return {};
    const QString parent = QFileInfo(folder).absolutePath();
    if (!QFileInfo::exists(parent) && !QDir().mkpath(parent))
        return tr("Cannot create the folder %1.").arg(parent);
    if (::mkdir(native(folder).constData(), S_IRWXU) != 0 && errno != EEXIST) // 0700 from the start
        return tr("Cannot create the folder %1: %2").arg(folder, systemError());
    return {};
}

QString PrivateFiles::prepareDatabase(const QString &file)
{
    if (const QString failed = prepareFolder(QFileInfo(file).absolutePath()); !failed.isEmpty())
        return failed;
    if (QFileInfo::exists(file))
        return {};
    const int fd = createFresh(file);
    if (fd < 0)
        return errno == EEXIST ? QString() : tr("Cannot create %1: %2").arg(file, systemError());
    ::close(fd); // nothing has it open yet: this handle drops no one's locks
    syncFolder(QFileInfo(file).absolutePath());
    return {};
}

void PrivateFiles::narrowDatabase(const QString &file)
{
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
        struct stat st;
        const QByteArray path = native(file + suffix);
        if (::stat(path.constData(), &st) == 0 && (st.st_mode & 077) != 0)
            ::chmod(path.constData(), ownerOnly);
    }
}

QString PrivateFiles::writeAtomically(const QString &file, const QByteArray &bytes)
{
    const QString temporary = writeTemporary(file, bytes);
    if (temporary.isEmpty())
        return tr("Cannot write %1: %2").arg(file, systemError());
    if (::rename(native(temporary).constData(), native(file).constData()) != 0) {
        const QString why = systemError();
        ::unlink(native(temporary).constData());
        return tr("Cannot write %1: %2").arg(file, why);
    }
    syncFolder(QFileInfo(file).absolutePath());
    return {};
}

std::optional<QByteArray> PrivateFiles::createOnce(const QString &file, const QByteArray &bytes, QString *error)
{
    const QString temporary = writeTemporary(file, bytes);
    if (temporary.isEmpty()) {
        *error = tr("Cannot write %1: %2").arg(file, systemError());
        return std::nullopt;
    }
    // link() never replaces: whoever links first has made the file.
    const bool made = ::link(native(temporary).constData(), native(file).constData()) == 0;
    const int why = errno;
    ::unlink(native(temporary).constData());
    if (made) {
        syncFolder(QFileInfo(file).absolutePath());
        return bytes;
    }
    if (why != EEXIST) {
        *error = tr("Cannot write %1: %2").arg(file, systemError(why));
        return std::nullopt;
    }
    return read(file, error);
}

int PrivateFiles::openOwn(const QString &file, QString *error)
{
    int fd = ::open(native(file).constData(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, ownerOnly);
    if (fd >= 0) {
        ::fchmod(fd, ownerOnly);
        giveToFolderOwner(fd, file);
        return fd;
    }
    if (errno == EEXIST)
        fd = ::open(native(file).constData(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && error)
        *error = tr("Cannot open %1: %2").arg(file, systemError());
    return fd;
}

std::optional<QByteArray> PrivateFiles::read(const QString &file, QString *error)
{
    const int fd = ::open(native(file).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT && error)
            *error = tr("Cannot read %1: %2").arg(file, systemError());
        return std::nullopt;
    }
    QByteArray bytes;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n < 0 && error)
                *error = tr("Cannot read %1: %2").arg(file, systemError());
            ::close(fd);
            return n < 0 ? std::nullopt : std::optional<QByteArray>(bytes);
        }
        bytes.append(buffer, n);
    }
}

bool PrivateFiles::renameNoReplace(const QString &from, const QString &to)
{
    if (::renameat2(AT_FDCWD, native(from).constData(), AT_FDCWD, native(to).constData(), RENAME_NOREPLACE) == 0)
        return true;
    if (errno != EINVAL && errno != ENOSYS)
        return false;
    // A file system without RENAME_NOREPLACE: link and unlink never replace either.
    if (::link(native(from).constData(), native(to).constData()) != 0)
        return false;
    return ::unlink(native(from).constData()) == 0;
}

bool PrivateFiles::syncFolder(const QString &folder)
{
    const int fd = ::open(native(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

} // namespace pos
