#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace pos {

// Files only this user may read: the databases and their -wal/-shm, the PIN pepper, the
// terminal's HQ secret. Each is created 0600 from its first byte (never created wide and
// narrowed after), whatever the umask. All of it works on paths and on files no SQLite
// connection has open: a second handle on a live database file would drop SQLite's locks.
class PrivateFiles
{
    Q_DECLARE_TR_FUNCTIONS(PrivateFiles)
public:
    // Makes the folder (0700 when this call creates it) and the database file (0600, empty) if
    // it is not there yet, and narrows an existing database and its -wal/-shm to 0600 by path.
    // Call it before SQLite opens `file`. Returns why it could not, or an empty string.
    static QString prepareDatabase(const QString &file);

    // Replaces `file` with `bytes` at once (a temporary 0600 file, synced, renamed over it, the
    // folder synced): a crash leaves the old contents or the new, never a mix.
    static QString writeAtomically(const QString &file, const QByteArray &bytes);

    // The file's bytes; nothing when it does not exist; `error` says why it could not be read.
    static std::optional<QByteArray> read(const QString &file, QString *error = nullptr);

    // Syncs a folder, so that a rename or a new file in it survives a power cut.
    static bool syncFolder(const QString &folder);
};

} // namespace pos
