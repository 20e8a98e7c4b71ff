// Attribution at the till: credits are written with the sale or not at all, bindings
// follow the chain's policy, refunds reverse the original split.
#include "testtill.h"

#include "core/attribution/policy.h"
#include "services/attributionservice.h"
#include "services/checkoutservice.h"
#include "services/leaderboardservice.h"
#include "services/lookupservice.h"
#include "services/refundservice.h"
#include "store/attributionrepository.h"
#include "store/peoplerepository.h"

#include <QSqlQuery>
#include <QTest>

using namespace pos;
using namespace pos::attribution;
using namespace Qt::Literals::StringLiterals;

namespace {

qint64 scalar(Till &till, const QString &sql)
{
    auto q = till.database().exec(sql);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

SaleRequest sale(Till &till, const QString &guide, const QString &member)
{
    Cart cart;
    cart.add(*LookupService(till).sellableProduct(u"AC0101"_s), u"AC0101"_s, 3); // 3 × ¥629.00
    return {cart, guide, member, {{PaymentMethod::Card, std::nullopt, u"POS-1"_s}}, {}};
}

} // namespace

class TestAttributionService : public QObject
{
    Q_OBJECT
private slots:
    void creditsCommitWithTheSaleOrNotAtAll()
    {
        test::TestTill t;
        Till &till = t.till();
        // The ledger refuses writes, as a full disk would: the whole sale must be refused.
        QVERIFY(till.database().exec(
            u"CREATE TEMP TRIGGER fail_ledger BEFORE INSERT ON main.ledger BEGIN SELECT RAISE(ABORT, 'disk full'); END"_s));
        auto refused = CheckoutService(till).checkout(sale(till, u"G01"_s, u"M0001"_s));
        QVERIFY(!refused);
        QCOMPARE(refused.errorKind(), ErrorKind::System);
        QVERIFY2(refused.error().contains(u"disk full"_s), qPrintable(refused.error()));
        for (const char *table : {"orders", "order_lines", "payments", "outbox", "ledger", "order_attribution", "bind_events"})
            QCOMPARE(scalar(till, u"SELECT count(*) FROM "_s + QLatin1StringView(table)), 0);

        QVERIFY(till.database().exec(u"DROP TRIGGER temp.fail_ledger"_s));
        auto order = CheckoutService(till).checkout(sale(till, u"G01"_s, u"M0001"_s));
        QVERIFY2(order, qPrintable(order.error()));
        QCOMPARE(order->exclusiveGuideId, u"G03"_s);
        QCOMPARE(order->credits.size(), 2); // demo policy: split 50%
        QCOMPARE(scalar(till, u"SELECT sum(amount_fen) FROM ledger"_s), order->total.fen());
        QCOMPARE(scalar(till, u"SELECT amount_fen FROM ledger WHERE guide_id = 'G03'"_s), 94350);
        QCOMPARE(scalar(till, u"SELECT count(*) FROM order_attribution WHERE policy_version = 'demo-2026.11'"_s), 1);
        // The record never changes.
        QVERIFY(!till.database().exec(u"UPDATE ledger SET amount_fen = 1"_s));
        QVERIFY(!till.database().exec(u"UPDATE order_attribution SET sales_guide_id = 'G02'"_s));
    }

    void aPolicyChangeNeverRewritesPaidOrders()
    {
        test::TestTill t;
        Till &till = t.till();
        auto first = CheckoutService(till).checkout(sale(till, u"G01"_s, u"M0001"_s));
        QVERIFY(first);
        Policy p = AttributionService(till).policy();
        p.creditMode = CreditMode::ExclusiveFirst;
        p.version = u"v2"_s;
        QVERIFY(AttributionService(till).setPolicy(p));
        auto second = CheckoutService(till).checkout(sale(till, u"G01"_s, u"M0001"_s));
        QVERIFY(second);
        QCOMPARE(second->credits.size(), 1);
        QCOMPARE(second->credits[0].guide, u"G03"_s);
        QCOMPARE(second->policyVersion, u"v2"_s);
        QCOMPARE(scalar(till, u"SELECT count(*) FROM ledger WHERE order_id = '"_s + first->id + u"'"_s), 2);
        // Refunding the first order follows its own split, not today's policy.
        auto refund = RefundService(till).refund(first->number, {});
        QVERIFY2(refund, qPrintable(refund.error()));
        QCOMPARE(scalar(till, u"SELECT sum(amount_fen) FROM ledger WHERE order_id = '"_s + first->id + u"' AND guide_id = 'G01'"_s), 0);
        QCOMPARE(scalar(till, u"SELECT sum(amount_fen) FROM ledger WHERE order_id = '"_s + first->id + u"' AND guide_id = 'G03'"_s), 0);
    }

    void registeringAndPayingBindTheMember()
    {
        test::TestTill t;
        Till &till = t.till();
        QVERIFY(PeopleRepository(till.database()).upsertMember({u"M9001"_s, u"13900000001"_s, u"新客"_s, {}}));
        auto registered = AttributionService(till).bind(u"M9001"_s, u"G02"_s, BindSource::Register);
        QVERIFY(registered);
        QCOMPARE(*registered, BindOutcome::Bound);
        QCOMPARE(AttributionService(till).activeBinding(u"M9001"_s, till.now())->guide, u"G02"_s);
        QCOMPARE(LeaderboardService(till).day(till.now().date()).rows.size(), 5); // G06 departed earlier
        const auto day = LeaderboardService(till).day(till.now().date());
        const auto g02 = std::find_if(day.rows.cbegin(), day.rows.cend(), [](const auto &r) { return r.guide == u"G02"_s; });
        QCOMPARE(g02->members, 1);

        // A member with no binding who pays with a chosen guide gets an `order` binding.
        QVERIFY(PeopleRepository(till.database()).upsertMember({u"M9002"_s, u"13900000002"_s, u"路人"_s, {}}));
        auto order = CheckoutService(till).checkout(sale(till, u"G04"_s, u"M9002"_s));
        QVERIFY(order);
        QCOMPARE(order->credits.size(), 1);
        QCOMPARE(order->credits[0].guide, u"G04"_s);
        QCOMPARE(AttributionService(till).activeBinding(u"M9002"_s, till.now())->source, BindSource::Order);
        // Within protection another guide's registration does not take the member.
        QCOMPARE(*AttributionService(till).bind(u"M9002"_s, u"G05"_s, BindSource::Register), BindOutcome::Kept);
    }

    void monthViewHasCommissionAndTargetProgress()
    {
        test::TestTill t;
        Till &till = t.till();
        QVERIFY(CheckoutService(till).checkout(sale(till, u"G01"_s, {})));
        const LeaderboardMonth month = LeaderboardService(till).month(till.now().date());
        QVERIFY(month.target);
        const GuideMonth &top = month.guides.first();
        QCOMPARE(top.guide, u"G01"_s);
        QCOMPARE(top.total, 3 * 62900);
        QCOMPARE(top.commission, 3 * 62900 * 200 / 10000); // demo bracket: 2% below ¥30,000
        QCOMPARE(top.tier, 0);
        QCOMPARE(top.toNextTier, 2000000 - 3 * 62900);
    }

    // Spec §7 at the till: a refund before the payout claws the target back, one after it
    // does not (it still lowers the month it falls in).
    void targetCountsRefundsOnlyBeforePayout()
    {
        test::TestTill t;
        Till &till = t.till();
        auto order = CheckoutService(till).checkout(sale(till, u"G01"_s, {}));
        QVERIFY(order);
        auto g01 = [&](QDate month) {
            for (const GuideMonth &g : LeaderboardService(till).month(month).guides)
                if (g.guide == u"G01"_s)
                    return g;
            return GuideMonth{};
        };
        const QDate november(2026, 11, 1);
        QCOMPARE(g01(november).targetAmount, 3 * 62900);
        t.clock().advanceSecs(24 * 3600); // Nov 23: before the Dec 6 payout
        const QList<RefundRequestLine> one{{1, 1}};
        QVERIFY(RefundService(till).refund(order->number, one));
        QCOMPARE(g01(november).targetAmount, 2 * 62900);
        t.clock().set(QDateTime(QDate(2026, 12, 10), QTime(11, 0), till.timeZone())); // after the payout
        QVERIFY(RefundService(till).refund(order->number, one));
        QCOMPARE(g01(november).targetAmount, 2 * 62900);
        QCOMPARE(g01(november).total, 2 * 62900);
        QCOMPARE(g01(QDate(2026, 12, 1)).total, -62900);
    }

    // HQ's online credits arrive in the ledger (channel online) with the time HQ sent them;
    // until then the day says it has no online figures.
    void onlineFiguresFromHqAreShownWithTheirTime()
    {
        test::TestTill t;
        Till &till = t.till();
        const QDate today = till.now().date();
        QVERIFY(!LeaderboardService(till).day(today).onlineAsOf);
        QVERIFY(CheckoutService(till).checkout(sale(till, u"G02"_s, {})));
        const LedgerRow online{u"W1"_s, u"W1"_s, u"G02"_s, CreditKind::Sales, 12345, till.now(), today.toString(Qt::ISODate),
                               Channel::Online, u"S01"_s, false, u"latest click within 24 h"_s};
        QVERIFY(AttributionRepository(till.database()).insertLedger(online));
        const QDateTime asOf = till.now().addSecs(-300);
        QVERIFY(SettingsRepository(till.database())
                    .setValue(QString::fromLatin1(LeaderboardService::onlineAsOfKey), asOf.toString(Qt::ISODate)));
        const LeaderboardDay day = LeaderboardService(till).day(today);
        QCOMPARE(day.onlineAsOf.value(), asOf);
        const auto &g02 = day.rows.first();
        QCOMPARE(g02.guide, u"G02"_s);
        QCOMPARE(g02.storeAmount, 3 * 62900);
        QCOMPARE(g02.onlineAmount, 12345);
        QCOMPARE(g02.total, 3 * 62900 + 12345);
        // The "why?" lists both, the online one under its HQ order id.
        const QList<CreditRecord> credits = LeaderboardService(till).creditsOf(u"G02"_s, today);
        QCOMPARE(credits.size(), 2);
        QCOMPARE(credits[1].orderNumber, u"W1"_s);
        QVERIFY2(credits[0].row.why.contains(u"G02"_s), qPrintable(credits[0].row.why));
    }
};

QTEST_GUILESS_MAIN(TestAttributionService)
#include "tst_attributionservice.moc"
