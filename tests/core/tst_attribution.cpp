// The attribution engine: its building blocks, and properties over random event streams.
// The scenario files in tests/attribution/ pin exact outputs; these check what must hold
// for any input.
#include "core/attribution/commission.h"
#include "core/attribution/credit.h"
#include "core/attribution/eventtime.h"
#include "core/attribution/replay.h"
#include "core/json/jsonreader.h"

#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace pos;
using namespace pos::attribution;
using namespace Qt::Literals::StringLiterals;

namespace {

std::string replayText(const std::string &events, bool explain, Replay *keep = nullptr)
{
    Replay local(explain);
    Replay &replay = keep ? *keep : local;
    std::string out;
    int number = 0;
    size_t start = 0;
    while (start <= events.size()) {
        size_t nl = events.find('\n', start);
        if (nl == std::string::npos)
            nl = events.size();
        replay.feed(std::string_view(events).substr(start, nl - start), ++number, out);
        start = nl + 1;
    }
    replay.finish(out);
    return out;
}

// A random but valid-looking day of a small chain: guides in two stores, customers who
// bind, click and buy, refunds (some too large, which must be refused), departures and
// policy changes. Times only move forward.
std::string randomStream(quint32 seed)
{
    QRandomGenerator rng(seed);
    std::string s;
    const char *modes[] = {"exclusive_first", "sales_first", "split", "sales_only"};
    const char *sources[] = {"register", "order", "stored_value", "coupon", "browse", "wecom_friend", "assign"};
    const int guides = 2 + int(rng.bounded(5));
    const int customers = 1 + int(rng.bounded(8));
    auto policy = [&] {
        s += "{\"type\":\"policy\",\"credit_mode\":\"" + std::string(modes[rng.bounded(4)]) + "\",\"exclusive_share_pct\":"
             + std::to_string(rng.bounded(101)) + ",\"protection_days\":" + std::to_string(rng.bounded(4))
             + ",\"rebind_rule\":\"" + (rng.bounded(2) ? "latest" : "earliest") + "\",\"validity_days\":"
             + (rng.bounded(3) ? std::string("null") : std::to_string(rng.bounded(5))) + "}\n";
    };
    policy();
    for (int g = 0; g < guides; ++g)
        s += "{\"type\":\"guide\",\"id\":\"G" + std::to_string(g) + "\",\"store\":\"S0" + std::to_string(g % 2) + "\"}\n";
    qint64 t = 1'793'500'000; // seconds, 2026-10
    std::vector<qint64> orderAmounts;
    int refunds = 0;
    auto at = [&] {
        t += rng.bounded(6 * 3600);
        const QDateTime dt = QDateTime::fromSecsSinceEpoch(t, QTimeZone(8 * 3600));
        return dt.toString(Qt::ISODate).toStdString();
    };
    auto guide = [&] { return "G" + std::to_string(rng.bounded(guides)); };
    auto customer = [&] { return "C" + std::to_string(rng.bounded(customers)); };
    const int events = 40 + int(rng.bounded(160));
    for (int e = 0; e < events; ++e) {
        const quint32 kind = rng.bounded(100);
        if (kind < 25) {
            s += "{\"type\":\"bind\",\"at\":\"" + at() + "\",\"customer\":\"" + customer() + "\",\"guide\":\"" + guide()
                 + "\",\"source\":\"" + sources[rng.bounded(7)] + "\"}\n";
        } else if (kind < 45) {
            s += "{\"type\":\"click\",\"at\":\"" + at() + "\",\"customer\":\"" + customer() + "\",\"guide\":\"" + guide() + "\"}\n";
        } else if (kind < 75) {
            std::string lines;
            qint64 amount = 0;
            for (quint32 l = 0, n = 1 + rng.bounded(3); l < n; ++l) {
                const qint64 a = rng.bounded(100000);
                amount += a;
                lines += (l ? "," : "") + std::string("{\"sku\":\"K") + std::to_string(l) + "\",\"amount\":" + std::to_string(a)
                         + ",\"commission_bp\":" + std::to_string(rng.bounded(1500)) + "}";
            }
            const bool online = rng.bounded(2);
            const std::string sales = rng.bounded(3) == 0 ? "null" : "\"" + guide() + "\"";
            s += "{\"type\":\"order\",\"at\":\"" + at() + "\",\"id\":\"O" + std::to_string(orderAmounts.size())
                 + "\",\"store\":\"S00\",\"channel\":\"" + (online ? "online" : "store") + "\",\"customer\":"
                 + (rng.bounded(5) ? "\"" + customer() + "\"" : std::string("null")) + ",\"sales_guide\":" + sales
                 + ",\"lines\":[" + lines + "]}\n";
            orderAmounts.push_back(amount);
        } else if (kind < 92 && !orderAmounts.empty()) {
            const size_t o = rng.bounded(quint32(orderAmounts.size()));
            const qint64 amount = rng.bounded(3) == 0 ? orderAmounts[o] : rng.bounded(qint64(orderAmounts[o]) / 2 + 2);
            s += "{\"type\":\"refund\",\"at\":\"" + at() + "\",\"id\":\"R" + std::to_string(refunds++) + "\",\"order\":\"O"
                 + std::to_string(o) + "\",\"amount\":" + std::to_string(amount) + "}\n";
        } else if (kind < 96) {
            s += "{\"type\":\"depart\",\"at\":\"" + at() + "\",\"guide\":\"" + guide() + "\",\"heir\":\"" + guide() + "\"}\n";
        } else {
            policy();
        }
    }
    s += "{\"type\":\"commission\",\"period\":\"2026-11\",\"scheme\":\"per_product\"}\n";
    s += "{\"type\":\"leaderboard\",\"store\":\"S00\",\"date\":\"2026-11-01\"}\n";
    return s;
}

// Refunds every order completely, at the end of the stream, so each must net to zero.
std::string refundEverything(const std::string &stream, const Engine &engine)
{
    std::string s = stream;
    for (int o = 0; o < engine.orderCount(); ++o) {
        const qint64 rest = engine.orderAmount(o) - engine.orderRefunded(o);
        s += "{\"type\":\"refund\",\"at\":\"2030-01-01T00:00:00+08:00\",\"id\":\"FINAL" + std::to_string(o)
             + "\",\"order\":\"" + engine.orderId(o).toStdString() + "\",\"amount\":" + std::to_string(rest) + "}\n";
    }
    return s;
}

} // namespace

class TestAttribution : public QObject
{
    Q_OBJECT
private slots:
    void eventTimesNeedAnOffset()
    {
        QCOMPARE(parseEventTime("2026-11-01T21:00:00+08:00"), std::optional<Millis>(1'793'538'000'000));
        QCOMPARE(parseEventTime("2026-11-01T13:00:00Z"), parseEventTime("2026-11-01T21:00:00+08:00"));
        QCOMPARE(*parseEventTime("2026-11-01T21:00:00.5+08:00") - *parseEventTime("2026-11-01T21:00:00+08:00"), 500);
        QVERIFY(!parseEventTime("2026-11-01T21:00:00"));
        QVERIFY(!parseEventTime("2026-02-30T21:00:00+08:00"));
        QVERIFY(!parseEventTime("2026-11-01 21:00:00+08:00x"));
    }

    void localDaysFollowTheZone()
    {
        const LocalCalendar shanghai{QTimeZone("Asia/Shanghai")};
        QCOMPARE(shanghai.dateOf(*parseEventTime("2026-11-30T16:00:00Z")), QDate(2026, 12, 1));
        QCOMPARE(shanghai.dateOf(*parseEventTime("2026-11-30T15:59:59Z")), QDate(2026, 11, 30));
        const LocalCalendar newYork{QTimeZone("America/New_York")};
        QCOMPARE(newYork.dateOf(*parseEventTime("2026-11-01T03:59:00Z")), QDate(2026, 10, 31)); // EDT
        QCOMPARE(newYork.dateOf(*parseEventTime("2026-11-02T04:59:00Z")), QDate(2026, 11, 1));  // EST
    }

    void jsonIntegersAreExact()
    {
        json::Reader r;
        QVERIFY(r.parse(R"({"a":9007199254740993,"b":1.0,"c":1e3,"d":"\u4e2d\ud83d\ude00","a":5})"));
        QCOMPARE(r.node(r.member(json::Reader::root, "a")).integer, 5); // the last of a repeated member
        QCOMPARE(r.node(r.member(json::Reader::root, "b")).type, json::Reader::Type::Number);
        QCOMPARE(r.node(r.member(json::Reader::root, "c")).type, json::Reader::Type::Number);
        QCOMPARE(QString::fromStdString(std::string(r.node(r.member(json::Reader::root, "d")).text)), u"中😀"_s);
        QVERIFY(r.parse("9223372036854775807"));
        QCOMPARE(r.node(0).type, json::Reader::Type::Integer);
        QVERIFY(r.parse("9223372036854775808"));
        QCOMPARE(r.node(0).type, json::Reader::Type::Number); // too big to be an amount
        for (const char *bad : {"{", "{\"a\":}", "[1,]", "01", "\"\\x\"", "{\"a\":1}x", "\"\xff\"", "\"\\ud800\""})
            QVERIFY2(!r.parse(bad), bad);
    }

    void splitRoundsHalfAwayFromZero()
    {
        Policy p;
        p.creditMode = CreditMode::Split;
        p.exclusiveSharePct = 50;
        const Binding b{u"E"_s, 0, BindSource::Register, {}, {}};
        const auto a = attributeOrder(p, u"E"_s, b, u"S"_s, SalesSource::Chosen, 999);
        QCOMPARE(a.parts.size(), 2);
        QCOMPARE(a.parts[0].guide, u"E"_s);
        QCOMPARE(a.parts[0].amount, 500);
        QCOMPARE(a.parts[1].amount, 499);
        p.exclusiveSharePct = 0;
        const auto none = attributeOrder(p, u"E"_s, b, u"S"_s, SalesSource::Chosen, 999);
        QCOMPARE(none.parts.size(), 1); // a zero part is not written
        QCOMPARE(none.parts[0].guide, u"S"_s);
    }

    void bindingRules()
    {
        Policy p; // earliest, protection 7 days, permanent
        std::optional<Binding> current;
        const auto event = [](const char *guide, Millis day, BindSource source = BindSource::Register) {
            return BindEvent{QString::fromLatin1(guide), day * dayMs, source, {}};
        };
        QCOMPARE(applyBindEvent(p, current, event("A", 0), false), BindOutcome::Bound);
        QCOMPARE(applyBindEvent(p, current, event("B", 30), false), BindOutcome::Kept);
        QCOMPARE(applyBindEvent(p, current, event("A", 31), false), BindOutcome::Renewed);
        QCOMPARE(current->boundAt, 31 * dayMs);
        QCOMPARE(applyBindEvent(p, current, event("B", 32, BindSource::Assign), false), BindOutcome::Assigned);
        QCOMPARE(applyBindEvent(p, current, event("C", 33), true), BindOutcome::Ignored); // departed
        p.rebindRule = RebindRule::Latest;
        QCOMPARE(applyBindEvent(p, current, event("C", 38), false), BindOutcome::Kept); // protected until day 39
        QCOMPARE(applyBindEvent(p, current, event("C", 39), false), BindOutcome::Rebound);
        p.bindSources = 0;
        QCOMPARE(applyBindEvent(p, current, event("A", 90, BindSource::Assign), false), BindOutcome::Ignored);
        QCOMPARE(current->guide, u"C"_s);
    }

    void commissionIsRoundedOncePerMonth()
    {
        CommissionBase base;
        base.add(100, 100 * 50, 100); // 0.5 fen
        base.add(100, 100 * 50, 100); // 0.5 fen
        QCOMPARE(base.roundedFen(), 1); // not 2, as rounding per entry would give
        CommissionBase thirds;
        for (int i = 0; i < 3; ++i)
            thirds.add(1, 10000, 3); // 1/3 fen each: exactly 1 fen together
        QCOMPARE(thirds.roundedFen(), 1);
        // Past 128 bits (many coprime order amounts in one month) the sum stays exact.
        CommissionBase wide;
        QList<qint64> primes;
        for (qint64 n = 1'000'003; primes.size() < 40; n += 2) {
            bool prime = true;
            for (qint64 f = 3; f * f <= n && prime; f += 2)
                prime = n % f != 0;
            if (prime)
                primes.append(n);
        }
        for (qint64 p : primes)
            wide.add(1, 10000 * (p / 3), p);        // (p/3)/p fen, each far from a whole fen
        wide.add(1, 5000, 1);                        // half a fen
        for (qint64 p : primes)
            wide.add(1, 10000 * (p - p / 3), p);    // the rest of each: exactly 1 fen per prime
        QCOMPARE(wide.roundedFen(), qint64(primes.size()) + 1); // 40.5 rounds away from zero
        CommissionBase wideNegative;
        for (qint64 p : primes) {
            wideNegative.add(-1, 10000 * (p / 3), p);
            wideNegative.add(-1, 10000 * (p - p / 3), p);
        }
        wideNegative.add(-1, 5000, 1);
        QCOMPARE(wideNegative.roundedFen(), -qint64(primes.size()) - 1); // exactly -40.5 → -41
        CommissionBase negative;
        negative.add(-100, 150 * 100, 100); // -1.5 fen
        QCOMPARE(negative.roundedFen(), -2);
        QCOMPARE(commissionFor({CommissionScheme::PerProduct, {}}, -100, negative), 0);
        const CommissionRule bracket{CommissionScheme::Bracket, {{0, 100}, {1000000, 300}}};
        QCOMPARE(commissionFor(bracket, 1500000, {}), 10000 + 15000);
        const CommissionRule tiered{CommissionScheme::Tiered, {{0, 100}, {1000000, 300}}};
        QCOMPARE(commissionFor(tiered, 1500000, {}), 45000);
        QCOMPARE(commissionFor(tiered, 999999, {}), 10000);
    }

    // For random streams: every split adds up, refunds never exceed the order, a fully
    // refunded order nets every guide to exactly zero, and replaying is deterministic.
    void randomStreamsKeepTheLedgerExact()
    {
        for (quint32 seed = 1; seed <= 300; ++seed) {
            const std::string stream = randomStream(seed);
            Replay first(seed % 2);
            const std::string out = replayText(stream, seed % 2, &first);
            QCOMPARE(replayText(stream, seed % 2), out); // byte-identical

            // Refund whatever is left of every order, then check each order's guides net to zero.
            Replay full(false);
            replayText(refundEverything(stream, first.engine()), false, &full);
            const Engine &engine = full.engine();
            QVERIFY2(!full.hadErrors() || first.hadErrors(), "the final refunds must all be accepted");
            std::map<std::pair<int, int>, qint64> net; // (order, guide) → sum
            std::map<int, qint64> orderCredits;
            std::map<int, qint64> refundCredits;
            for (const Engine::Entry &e : engine.ledger()) {
                net[{e.order, e.guide}] += e.amount;
                (e.refund ? refundCredits : orderCredits)[e.order] += e.amount;
            }
            for (const auto &[key, sum] : net)
                QVERIFY2(sum == 0, qPrintable(u"seed %1: order %2 leaves %3 fen with a guide"_s.arg(seed).arg(key.first).arg(sum)));
            for (int o = 0; o < engine.orderCount(); ++o) {
                QCOMPARE(engine.orderRefunded(o), engine.orderAmount(o));
                if (engine.attribution(o).recipients.isEmpty())
                    continue;
                QCOMPARE(orderCredits[o], engine.orderAmount(o));    // parts add up to the amount
                QCOMPARE(refundCredits[o], -engine.orderAmount(o));  // and so do the reversals
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestAttribution)
#include "tst_attribution.moc"
