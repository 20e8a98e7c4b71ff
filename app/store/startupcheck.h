#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace pos {

// When a database file needs its integrity check at open, and who else has it open. Each
// connection holds a marker beside the file (`file.open-PID-N`) locked (flock) for as long as
// it is open. A marker nobody holds locked was left by a process that died with the file open
// (a crash, a kill, a power cut) — whatever process has that pid now — and the next open checks
// the file. So does the first open after a day. Only these small files are touched here, never
// the database file itself.
class StartupCheck
{
public:
    explicit StartupCheck(const QString &file);

    // Whether the check must run now.
    bool due() const { return m_due; }
    // The check passed: the dead connections' markers go, the time is noted. Until then they
    // stay, so a check that could not run is due next time too.
    void passed() const;
    // The file was set aside: the dead connections' markers go with it.
    void forgetDeadMarkers() const;

    // The pids of the connections that hold `file` open now, this process's other connections
    // among them, but not the one whose marker is `exceptMarker`. Read afresh at each call.
    static QList<qint64> openers(const QString &file, const QString &exceptMarker = {});

    // A marker for a connection about to open `file`, held locked until unmarkOpen. Its path
    // and descriptor; an empty path where none can be made (a read-only folder: the daily check
    // still runs).
    struct Marker
    {
        QString path;
        int fd = -1;
    };
    static Marker markOpen(const QString &file);
    static void unmarkOpen(Marker &marker);

    static constexpr qint64 checkEveryMs = 24LL * 3600 * 1000;

private:
    QString m_file;
    QStringList m_deadMarkers;
    bool m_due = false;
};

} // namespace pos
