#include "core/orderedid.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUuid>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestOrderedId : public QObject
{
    Q_OBJECT
private slots:
    void isAVersion7Uuid()
    {
        const qint64 at = 1796083200123; // 2026-11-30T00:00:00.123Z
        const QString id = mintOrderedId(at);
        static const QRegularExpression shape(u"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
        QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
        QVERIFY(!QUuid::fromString(id).isNull());
        // The first 48 bits are the time, so HQ (or a person) can read when it was minted.
        const QString hex = QString(id.left(8) + id.mid(9, 4));
        QCOMPARE(hex.toLongLong(nullptr, 16), at);
    }

    void sortsInTheOrderMinted()
    {
        // What keeps a sale's inserts at the end of each index: a later id sorts after.
        QString previous = mintOrderedId(1700000000000);
        for (qint64 ms = 1700000000001; ms < 1700000002000; ms += 7) {
            const QString next = mintOrderedId(ms);
            QVERIFY2(previous < next, qPrintable(previous + u" / "_s + next));
            previous = next;
        }
    }

    void unique_within_one_millisecond()
    {
        QSet<QString> seen;
        for (int i = 0; i < 20000; ++i)
            seen.insert(mintOrderedId(1796083200000));
        QCOMPARE(seen.size(), 20000);
    }

    void aTimeBeforeTheEpochStillMintsAnId()
    {
        const QString id = mintOrderedId(-5);
        QVERIFY(id.startsWith(u"00000000-0000-7"_s));
        QCOMPARE(id.size(), 36);
    }
};

QTEST_APPLESS_MAIN(TestOrderedId)
#include "tst_orderedid.moc"
