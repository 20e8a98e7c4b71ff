#pragma once

#include "fixedclock.h"

#include "services/till.h"

#include <QTemporaryDir>
#include <memory>

namespace pos::test {

// A till on a real SQLite file in a fresh temporary folder, with the demo store loaded
// and a fixed clock (2026-11-22 14:30 in Shanghai unless told otherwise).
class TestTill
{
public:
    explicit TestTill(bool loadDemo = true,
                      const QDateTime &now = QDateTime::fromString(QStringLiteral("2026-11-22T14:30:00+08:00"), Qt::ISODate));
    Till &till() { return *m_till; }
    FixedClock &clock() { return *m_clock; }
    QString dbPath() const { return m_dir.filePath(QStringLiteral("till.db")); }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    // Closes and reopens the database, as a restart would.
    void reopen();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<FixedClock> m_clock;
    std::unique_ptr<Till> m_till;
};

} // namespace pos::test
