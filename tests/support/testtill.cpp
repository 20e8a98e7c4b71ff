#include "testtill.h"

#include "services/demostore.h"

#include <QTest>

namespace pos::test {

TestTill::TestTill(bool loadDemo, const QDateTime &now)
    : m_clock(std::make_shared<FixedClock>(now)), m_till(std::make_unique<Till>(m_clock))
{
    QVERIFY2(m_dir.isValid(), "temporary folder");
    const Status opened = m_till->open(dbPath());
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    if (loadDemo) {
        const Status loaded = DemoStore::load(*m_till, DemoStore::Staff::Skip);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    }
}

void TestTill::reopen()
{
    m_till = std::make_unique<Till>(m_clock);
    const Status opened = m_till->open(dbPath());
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
}

} // namespace pos::test
