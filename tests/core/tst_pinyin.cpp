#include "core/pinyin.h"

#include <QTest>

using namespace pos;
using namespace Qt::Literals::StringLiterals;

class TestPinyin : public QObject
{
    Q_OBJECT
private slots:
    void initials_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("initials");
        QTest::newRow("dress") << u"连衣裙"_s << u"LYQ"_s;
        QTest::newRow("with variant") << u"连衣裙 黑色 S"_s << u"LYQHSS"_s;
        QTest::newRow("latin word") << u"Nike 运动鞋"_s << u"NYDX"_s;
        QTest::newRow("T-shirt") << u"纯棉T恤"_s << u"CMTX"_s;
        QTest::newRow("digits") << u"棉袜 3双装"_s << u"MW3SZ"_s;
        QTest::newRow("down jacket") << u"羽绒服"_s << u"YRF"_s;
        QTest::newRow("lipstick") << u"口红"_s << u"KH"_s;
        QTest::newRow("diapers") << u"纸尿裤"_s << u"ZNK"_s;
        QTest::newRow("punctuation") << u"面霜（50ml）"_s << u"MS5"_s;
        QTest::newRow("empty") << u""_s << u""_s;
    }
    void initials()
    {
        QFETCH(QString, name);
        QFETCH(QString, initials);
        QCOMPARE(pinyinInitials(name), initials);
    }

    void fullPinyin()
    {
        QCOMPARE(pinyinOf(u"连衣裙"_s), u"lian yi qun"_s);
    }
};

QTEST_GUILESS_MAIN(TestPinyin)
#include "tst_pinyin.moc"
