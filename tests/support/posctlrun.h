#pragma once

// posctl run as a process, the way a person or a script runs it. The including test target
// defines POSCTL_PATH.
#include <QProcess>
#include <QString>
#include <QStringList>

namespace pos::test {

struct PosctlRun
{
    int status = -1;
    QString out;
    QString err;
};

inline PosctlRun runPosctl(const QString &db, const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(POSCTL_PATH), QStringList{QStringLiteral("--db"), db} + args);
    p.waitForFinished(60000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace pos::test
