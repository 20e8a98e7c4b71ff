#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QStringList>

namespace pos {

// A database file that failed its check, set aside beside its path — never deleted — and the
// decision a person has to make before the till sells on that path again.
//
// Files, all beside `file` (the database): `file.quarantined`, the note saying where the file
// went and why (while it is there the path is refused); `file.damaged-<time>` with its -wal
// and -shm, the set-aside files; `file.damaged-<time>.cleared`, written when a manager decided
// (posctl quarantine --clear). Everything here works by path: none of it opens a database.
class Quarantine
{
    Q_DECLARE_TR_FUNCTIONS(Quarantine)
public:
    struct SetAside
    {
        QString path;    // the set-aside database file
        bool cleared;    // a manager has decided about it
    };

    // Why the till must not open `file` now: a note is there (even an empty one), or the
    // database is missing while set-aside files nobody decided about lie beside it — a new,
    // empty database there would hide the old one. Empty when the path may be opened.
    static QString refusal(const QString &file);
    // The note, as written when the file was set aside (empty when there is none).
    static QString note(const QString &file);
    static bool pending(const QString &file) { return !refusal(file).isEmpty(); }
    // Every set-aside database file beside `file`, oldest first.
    static QList<SetAside> setAsideFiles(const QString &file);

    // Sets `file` aside because of `problem`: the note is written and synced first, then the
    // file and its -wal/-shm are renamed. Never moves anything if the note can't be written.
    // Always a failure (the open is refused), whose message says what happened.
    static Status moveAside(const QString &file, const QString &problem);

    // A manager decided (a backup restored, or a new database to start): every set-aside file
    // is marked decided, the note removed. The set-aside files stay where they are.
    static Status clear(const QString &file);
};

} // namespace pos
