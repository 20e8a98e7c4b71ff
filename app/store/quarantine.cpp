#include "quarantine.h"

#include "privatefiles.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QString noteFile(const QString &file)
{
    return file + u".quarantined"_s;
}

QString decidedMark(const QString &asideFile)
{
    return asideFile + u".cleared"_s;
}

// The set-aside database files themselves: file.damaged-<time>[-n], not their -wal, -shm or marks.
QStringList asideNames(const QString &file)
{
    const QFileInfo info(file);
    const QString prefix = info.fileName() + u".damaged-"_s;
    QStringList names;
    for (const QString &name : info.dir().entryList({prefix + u'*'}, QDir::Files, QDir::Name)) {
        if (name.endsWith(u"-wal"_s) || name.endsWith(u"-shm"_s) || name.endsWith(u".cleared"_s) || name.contains(u".tmp-"_s))
            continue;
        names.append(info.dir().filePath(name));
    }
    return names;
}

bool renameIfThere(const QString &from, const QString &to)
{
    return !QFile::exists(from) || PrivateFiles::renameNoReplace(from, to);
}

// A -wal with no database beside it (the database deleted by hand): SQLite would replay it
// into a new, empty file.
bool strayWal(const QString &file)
{
    return QFileInfo(file).size() == 0 && QFileInfo(file + u"-wal"_s).size() > 0;
}

} // namespace

QString Quarantine::note(const QString &file)
{
    return QString::fromUtf8(PrivateFiles::read(noteFile(file)).value_or(QByteArray()));
}

QList<Quarantine::SetAside> Quarantine::setAsideFiles(const QString &file)
{
    QList<SetAside> files;
    for (const QString &path : asideNames(file))
        files.append({path, QFile::exists(decidedMark(path))});
    return files;
}

QString Quarantine::refusal(const QString &file)
{
    if (QFile::exists(noteFile(file))) {
        const QString written = note(file);
        return written.isEmpty()
                   ? tr("The database %1 was set aside as damaged, and its note %2 is empty. The till will not sell "
                        "on this path until a manager decides: posctl quarantine shows what is set aside.")
                         .arg(file, noteFile(file))
                   : written;
    }
    if (strayWal(file))
        return tr("%1 lies here without its database %2. The till will not start a new database over it: a manager "
                  "decides with posctl quarantine --clear, which sets it aside.").arg(file + u"-wal"_s, file);
    if (QFileInfo(file).size() > 0)
        return {};
    QStringList undecided;
    for (const SetAside &aside : setAsideFiles(file))
        if (!aside.cleared)
            undecided.append(QFileInfo(aside.path).fileName());
    if (undecided.isEmpty())
        return {};
    return tr("The database %1 is missing, and %2 set aside as damaged lies beside it. The till will not start a new, "
              "empty database here until a manager decides: restore a backup to %1, or start a new database with "
              "posctl quarantine --clear.")
        .arg(file, undecided.join(u", "_s));
}

Status Quarantine::moveAside(const QString &file, const QString &problem)
{
    const QString stamped = file + u".damaged-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString aside = stamped;
    for (int n = 2; QFile::exists(aside) || QFile::exists(aside + u"-wal"_s); ++n)
        aside = stamped + u'.' + QString::number(n);
    const QString shownProblem = problem.left(200);
    const QString note = tr("The database %1 failed its check at start (%2). It was moved to %3 — nothing was deleted. "
                            "The till will not sell until a manager decides: restore a backup to %1, or start a new "
                            "database with: posctl quarantine --clear")
                             .arg(file, shownProblem, aside);
    if (QFile::exists(noteFile(file)) || !QFile::exists(file)) // another process set it aside first
        return Status::failure(refusal(file), ErrorKind::System);
    // The note first: a file moved with no note would leave the path looking new.
    if (const QString failed = PrivateFiles::writeAtomically(noteFile(file), note.toUtf8()); !failed.isEmpty())
        return Status::failure(tr("The database %1 failed its check (%2), and the note that sets it aside could not be "
                                  "written (%3), so it was left where it is. The till will not sell on it: free some "
                                  "space and start again, or call support.")
                                   .arg(file, shownProblem, failed),
                               ErrorKind::System);
    if (!PrivateFiles::renameNoReplace(file, aside)) {
        QFile::remove(noteFile(file));
        return Status::failure(tr("The database %1 failed its check (%2) and could not be moved aside: the till will not "
                                  "sell on it. Call support.")
                                   .arg(file, shownProblem),
                               ErrorKind::System);
    }
    QStringList left;
    for (const QString &suffix : {u"-wal"_s, u"-shm"_s})
        if (!renameIfThere(file + suffix, aside + suffix))
            left.append(file + suffix);
    PrivateFiles::syncFolder(QFileInfo(file).absolutePath());
    if (!left.isEmpty())
        return Status::failure(note + u' ' + tr("(%1 could not be moved with it.)").arg(left.join(u", "_s)), ErrorKind::System);
    return Status::failure(note, ErrorKind::System);
}

Status Quarantine::clear(const QString &file)
{
    // A -wal left without its database would be replayed into the new one: it goes aside too.
    if (QFileInfo(file).size() == 0) {
        const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
        for (const QString &suffix : {u"-wal"_s, u"-shm"_s})
            if (!renameIfThere(file + suffix, file + u".damaged-"_s + stamp + u"-stray"_s + suffix))
                return Status::failure(tr("Cannot move %1 aside.").arg(file + suffix), ErrorKind::System);
    }
    const QByteArray decided = (QDateTime::currentDateTime().toString(Qt::ISODate) + u'\n' + note(file)).toUtf8();
    for (const SetAside &aside : setAsideFiles(file)) {
        if (aside.cleared)
            continue;
        if (const QString failed = PrivateFiles::writeAtomically(decidedMark(aside.path), decided); !failed.isEmpty())
            return Status::failure(failed, ErrorKind::System);
    }
    if (QFile::exists(noteFile(file)) && !QFile::remove(noteFile(file)))
        return Status::failure(tr("Cannot remove %1.").arg(noteFile(file)), ErrorKind::System);
    PrivateFiles::syncFolder(QFileInfo(file).absolutePath());
    return {};
}

} // namespace pos
