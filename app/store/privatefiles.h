#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace pos {

// Files only this user may read: the databases and their -wal/-shm, the PIN pepper, the
// terminal's HQ secret, and the small files kept beside them. Each is created 0600 from its
// first byte (never created wide and narrowed after), whatever the umask, never through a
// symbolic link planted in its place, and — when root makes it (sudo posctl) — owned by whoever
// owns the folder, as SQLite does for its -wal and -shm. All of it works on paths and on files
// no SQLite connection has open: a second handle on a live database file would drop SQLite's
// locks.
class PrivateFiles
{
    Q_DECLARE_TR_FUNCTIONS(PrivateFiles)
public:
    // Makes the folder (0700) if it is not there yet. Returns why it could not, or "".
    static QString prepareFolder(const QString &folder);
    // Makes the folder and an empty database file (0600) if they are not there yet. Call it
    // before SQLite opens `file`: SQLite gives the -wal and -shm the database file's mode.
    static QString prepareDatabase(const QString &file);
    // Narrows an existing database and its -wal/-shm to 0600, by path (no handle on them).
    static void narrowDatabase(const QString &file);

    // Replaces `file` with `bytes` at once (a fresh temporary file, synced, renamed over it,
    // the folder synced): a crash leaves the old contents or the new, never a mix.
    static QString writeAtomically(const QString &file, const QByteArray &bytes);
    // Writes `file` only if it does not exist yet (two processes making it at once: the first
    // one wins and the other finds its bytes). The bytes now in the file, or why not.
    static std::optional<QByteArray> createOnce(const QString &file, const QByteArray &bytes, QString *error);

    // Opens (creating it 0600) a small file of the till's own for reading and writing; -1 and
    // `error` when it can't. The caller closes it.
    static int openOwn(const QString &file, QString *error = nullptr);

    // The file's bytes; nothing when it does not exist; `error` says why it could not be read.
    static std::optional<QByteArray> read(const QString &file, QString *error = nullptr);

    // Renames without replacing anything already at `to` (no copy, no second handle).
    static bool renameNoReplace(const QString &from, const QString &to);

    // Syncs a folder, so that a rename or a new file in it survives a power cut.
    static bool syncFolder(const QString &folder);
};

} // namespace pos
