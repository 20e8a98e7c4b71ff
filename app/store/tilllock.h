#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QString>

namespace pos {

// One till per database file. The till holds an exclusive lock on `file.till-lock` (flock, a
// file of its own: never the database, whose SQLite locks a second handle would drop) for as
// long as it runs; the kernel lets go when the process ends, however it ends. posctl and the
// till's own worker threads do not take it: they work beside the till.
class TillLock
{
    Q_DECLARE_TR_FUNCTIONS(TillLock)
public:
    TillLock() = default;
    ~TillLock();
    TillLock(const TillLock &) = delete;
    TillLock &operator=(const TillLock &) = delete;

    // Takes the lock for `databaseFile`, or says which process (pid) holds it.
    Status acquire(const QString &databaseFile);
    void release();
    bool held() const { return m_fd >= 0; }

    static QString lockFile(const QString &databaseFile);

private:
    int m_fd = -1;
};

} // namespace pos
