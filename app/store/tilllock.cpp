#include "tilllock.h"

#include "privatefiles.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pos {

using namespace Qt::Literals::StringLiterals;

TillLock::~TillLock()
{
    release();
}

QString TillLock::lockFile(const QString &databaseFile)
{
    return databaseFile + u".till-lock"_s;
}

Status TillLock::acquire(const QString &databaseFile)
{
    release();
    const QString path = lockFile(databaseFile);
    QString error;
    const int fd = PrivateFiles::openOwn(path, &error);
    if (fd < 0)
        return Status::failure(error, ErrorKind::System);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int why = errno;
        char buffer[32] = {};
        const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
        ::close(fd);
        if (why != EWOULDBLOCK)
            return Status::failure(tr("Cannot lock %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(why))),
                                   ErrorKind::System);
        const QString holder = n > 0 ? QString::fromLatin1(buffer, n).trimmed() : QString();
        return Status::failure(tr("Another till (process %1) is already running on %2. Use that one, or close it first; "
                                  "posctl may run beside it.")
                                   .arg(holder.isEmpty() ? tr("unknown") : holder, databaseFile),
                               ErrorKind::System);
    }
    const QByteArray pid = QByteArray::number(qint64(::getpid())) + '\n';
    // Should this fail, the lock is held all the same: only the pid in a second till's message is lost.
    const bool named = ::ftruncate(fd, 0) == 0 && ::pwrite(fd, pid.constData(), size_t(pid.size()), 0) == pid.size();
    Q_UNUSED(named)
    m_fd = fd;
    return {};
}

void TillLock::release()
{
    if (m_fd < 0)
        return;
    ::close(m_fd); // the lock goes with it
    m_fd = -1;
}

} // namespace pos
