#include "scanner/keyboardwedge.h"
#include "scanner/scanmerger.h"

#include <QApplication>
#include <QDialog>
#include <QInputMethodEvent>
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
        m_window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&m_window));
        m_field->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), m_field);
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

    void settingsFromText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("result"); // empty: refused
        QTest::newRow("defaults") << QString() << u"gap=35,min=4,tab=on,prefix=,suffix="_s;
        QTest::newRow("some") << u"gap=60, min=8"_s << u"gap=60,min=8,tab=on,prefix=,suffix="_s;
        QTest::newRow("all") << u"gap=20,min=3,tab=off,prefix=]E0,suffix=#"_s << u"gap=20,min=3,tab=off,prefix=]E0,suffix=#"_s;
        QTest::newRow("gap too long") << u"gap=1000"_s << QString();
        QTest::newRow("gap not a number") << u"gap=fast"_s << QString();
        QTest::newRow("no length") << u"min=0"_s << QString();
        QTest::newRow("tab yes") << u"tab=yes"_s << QString();
        QTest::newRow("long prefix") << u"prefix=ABCDEFGHI"_s << QString();
        QTest::newRow("control in suffix") << u"suffix="_s + QChar(7) << QString();
        QTest::newRow("unknown key") << u"speed=3"_s << QString();
    }
    void settingsFromText()
    {
        QFETCH(QString, text);
        QFETCH(QString, result);
        QString error;
        const auto s = KeyboardWedge::Settings::fromText(text, {}, &error);
        QCOMPARE(s.has_value(), !result.isEmpty());
        if (s)
            QCOMPARE(s->toText(), result);
        else
            QVERIFY(!error.isEmpty());
    }

    // An echo from another reader is dropped; a repeat from the same reader is another item.
    void mergerDropsEchoesOnly()
    {
        using Source = scanner::ScanMerger::Source;
        scanner::ScanMerger m;
        QVERIFY(m.accept(u"6951593000011"_s, Source::Device, 1000));
        QVERIFY(!m.accept(u"6951593000011"_s, Source::Wedge, 1005));   // the same scan, typed too
        QVERIFY(!m.accept(u"6951593000011"_s, Source::Wedge, 1010));   // and again
        QVERIFY(m.accept(u"6951593000011"_s, Source::Device, 1300));   // the next item
        QVERIFY(m.accept(u"6951593000011"_s, Source::Device, 1310));   // same reader: kept
        QVERIFY(m.accept(u"6901234567892"_s, Source::Wedge, 1320));    // another code
        QVERIFY(m.accept(u"6901234567892"_s, Source::Device, 1320 + scanner::ScanMerger::echoWindowMs + 1)); // too late to be an echo
    }

    // Focus in a dialog: the scan still becomes a scan, and a person's typing there still
    // reaches the dialog's field.
    void focusInADialog()
    {
        QDialog dialog(&m_window);
        auto *field = new QLineEdit(&dialog);
        (new QVBoxLayout(&dialog))->addWidget(field);
        dialog.setModal(true);
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        field->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), field);
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        QTest::keyClicks(field, u"S01-T01-000042"_s);
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.front().front().toString(), u"S01-T01-000042"_s);
        QVERIFY(field->text().isEmpty());
        QTest::keyClicks(field, u"G03"_s, Qt::NoModifier, 80);
        QTest::qWait(m_wedge->settings().maxInterKeyMs * 2);
        QCOMPARE(field->text(), u"G03"_s);
        QCOMPARE(spy.size(), 1);
        dialog.close();
    }

    // Nothing has the focus: keys go to the window, and a burst is still a scan.
    void noFocusAtAll()
    {
        m_field->clearFocus();
        QTRY_VERIFY(!QApplication::focusWidget());
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        QTest::keyClicks(&m_window, u"6951593000011"_s);
        QTest::keyClick(&m_window, Qt::Key_Return);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.front().front().toString(), u"6951593000011"_s);
    }

    // A Chinese input method in full-width mode commits each of the scanner's keys as a
    // full-width character: the burst is still a scan (the parser folds the widths), and
    // nothing lands in the field.
    void inputMethodCommitsAtScannerSpeed()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        for (QChar c : u"６９５１５９３００００１１"_s) {
            QInputMethodEvent commit;
            commit.setCommitString(QString(c));
            QApplication::sendEvent(m_field, &commit);
        }
        QTest::keyClick(m_field, Qt::Key_Return);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.front().front().toString(), u"６９５１５９３００００１１"_s);
        QVERIFY(m_field->text().isEmpty());
    }

    // A person typing Chinese through the input method: composing, then commits at human
    // speed. They reach the field untouched.
    void personTypingChineseIsUntouched()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        QInputMethodEvent composing(u"lianyiqun"_s, {});
        QApplication::sendEvent(m_field, &composing);
        for (QChar c : u"连衣裙"_s) {
            QInputMethodEvent commit;
            commit.setCommitString(QString(c));
            QApplication::sendEvent(m_field, &commit);
            QTest::qWait(m_wedge->settings().maxInterKeyMs * 3);
        }
        QTest::qWait(m_wedge->settings().maxInterKeyMs * 2);
        QCOMPARE(m_field->text(), u"连衣裙"_s);
        QTest::keyClick(m_field, Qt::Key_Return);
        QCOMPARE(spy.size(), 0);
    }
};

QTEST_MAIN(TestKeyboardWedge)
#include "tst_keyboardwedge.moc"
