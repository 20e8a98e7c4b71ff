#include "scanner/keyboardwedge.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestKeyboardWedge : public QObject
{
    Q_OBJECT

    QWidget m_window;
    QLineEdit *m_field = nullptr;
    KeyboardWedge *m_wedge = nullptr;

private slots:
    void initTestCase()
    {
        auto *layout = new QVBoxLayout(&m_window);
        m_field = new QLineEdit(&m_window);
        layout->addWidget(m_field);
        m_window.show();
        m_window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&m_window));
        m_wedge = new KeyboardWedge(this);
        m_wedge->install();
    }
    void init()
    {
        m_field->clear();
        m_field->setFocus();
        QTest::qWait(m_wedge->settings().maxInterKeyMs * 2); // forget earlier keys
    }

    void scannerBurstBecomesAScan()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        QTest::keyClicks(m_field, u"6951593000011"_s);
        QTest::keyClick(m_field, Qt::Key_Return);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.front().front().toString(), u"6951593000011"_s);
        QVERIFY(m_field->text().isEmpty());
    }

    void tabTerminatesToo()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        QTest::keyClicks(m_field, u"M0001"_s);
        QTest::keyClick(m_field, Qt::Key_Tab);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.front().front().toString(), u"M0001"_s);
    }

    void humanTypingReachesTheField()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        // A person types with ~80 ms between keys.
        QTest::keyClicks(m_field, u"13852636538"_s, Qt::NoModifier, 80);
        QTest::qWait(m_wedge->settings().maxInterKeyMs * 2);
        QCOMPARE(m_field->text(), u"13852636538"_s);
        QTest::keyClick(m_field, Qt::Key_Return);
        QCOMPARE(spy.size(), 0);
    }

    void shortFastBurstIsNotAScan()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        QTest::keyClicks(m_field, u"ab"_s);
        QTest::keyClick(m_field, Qt::Key_Return);
        QCOMPARE(spy.size(), 0);
        QCOMPARE(m_field->text(), u"ab"_s);
    }

    void editingKeysPassThrough()
    {
        QTest::keyClicks(m_field, u"abc"_s, Qt::NoModifier, 80);
        QTest::qWait(m_wedge->settings().maxInterKeyMs * 2);
        QTest::keyClick(m_field, Qt::Key_Backspace);
        QCOMPARE(m_field->text(), u"ab"_s);
    }

    void prefixAndSuffixAreStripped()
    {
        KeyboardWedge::Settings s = m_wedge->settings();
        s.prefix = u"]E0"_s;
        s.suffix = u"#"_s;
        m_wedge->setSettings(s);
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        QTest::keyClicks(m_field, u"]E06951593000011#"_s);
        QTest::keyClick(m_field, Qt::Key_Return);
        m_wedge->setSettings({});
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.front().front().toString(), u"6951593000011"_s);
    }
};

QTEST_MAIN(TestKeyboardWedge)
#include "tst_keyboardwedge.moc"
