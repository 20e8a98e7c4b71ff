#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace pos {

// When a database file needs its integrity check at open, and who else has it open. Each
// open connection leaves a marker beside the file (`file.open-PID-N`), removed when it closes:
// a marker whose process is gone means that process died with the file open (a crash, a kill,
// a power cut), and the next open checks the file. So does the first open after a day.
// Only paths are touched here, never the database file itself.
class StartupCheck
{
public:
    explicit StartupCheck(const QString &file);

    // Whether the check must run now.
    bool due() const { return m_due; }
    // The check passed (or there was nothing to check): the dead processes' markers go, the
    // time is noted. Until then they stay, so a check that could not run is due next time too.
    void passed() const;

    // Processes other than this one that have the file open now.
    QList<qint64> otherOpeners() const;
    // Whether another connection of this process has it open (a worker thread's).
    bool openHere() const { return m_openHere; }

    // This connection's marker (its path), or an empty string where none can be written.
    static QString markOpen(const QString &file);
    static void unmarkOpen(const QString &marker);

    static constexpr qint64 checkEveryMs = 24LL * 3600 * 1000;

private:
    QString m_file;
    QStringList m_deadMarkers;
    QList<qint64> m_liveOthers;
    bool m_due = false;
    bool m_openHere = false;
};

} // namespace pos
