// The till speaks Chinese first: the compiled zh_CN translation is embedded and used.
#include "testtill.h"

#include "core/money.h"
#include "i18n/translator.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void bothLanguagesAreEmbedded()
    {
        QVERIFY(QFile::exists(u":/i18n/pos_zh_CN.qm"_s));
        QVERIFY(QFile::exists(u":/i18n/pos_en.qm"_s));
    }

    void saleScreenInChinese()
    {
        QCOMPARE(installTranslators(*QCoreApplication::instance(), u"zh_CN"_s), u"zh_CN"_s);
        test::TestTill t;
        MainWindow window(t.till());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.findChild<QPushButton *>(u"payButton"_s)->text(), u"收款"_s);
        QCOMPARE(window.findChild<QPushButton *>(u"holdButton"_s)->text(), u"挂单"_s);
        QCOMPARE(window.findChild<QPushButton *>(u"resumeButton"_s)->text(), u"取单"_s);
        QVERIFY(window.findChild<QLabel *>(u"memberInfo"_s)->text().contains(u"散客"_s));
        QCOMPARE(Money::fromFen(123450).toString(), u"¥1,234.50"_s);
    }

    // Every text the sources mark for translation has its Chinese (and English) wording.
    void noUnfinishedEntries_data()
    {
        QTest::addColumn<QString>("ts");
        QTest::newRow("zh_CN") << QStringLiteral(POS_TS_DIR "/pos_zh_CN.ts");
        QTest::newRow("en") << QStringLiteral(POS_TS_DIR "/pos_en.ts");
    }
    void noUnfinishedEntries()
    {
        QFETCH(QString, ts);
        QFile f(ts);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray xml = f.readAll();
        QVERIFY(xml.count("<message") > 100);
        QCOMPARE(xml.count("type=\"unfinished\""), 0);
    }

    void chineseLocaleOfAnyRegionReadsZhCN()
    {
        QCOMPARE(installTranslators(*QCoreApplication::instance(), u"zh_TW"_s), u"zh_CN"_s);
        QCOMPARE(installTranslators(*QCoreApplication::instance(), u"de_DE"_s), u"en"_s);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
