#include "attributionrepository.h"

#include "database.h"
#include "outboxrepository.h"

#include "core/orderedid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace pos {

using namespace Qt::Literals::StringLiterals;
using namespace pos::attribution;

namespace {

const char *outcomeKey(BindOutcome o)
{
    switch (o) {
    case BindOutcome::Ignored: return "ignored";
    case BindOutcome::Bound: return "bound";
    case BindOutcome::Renewed: return "renewed";
    case BindOutcome::Kept: return "kept";
    case BindOutcome::Rebound: return "rebound";
    case BindOutcome::Assigned: return "assigned";
    }
    return "ignored";
}

QString recipientsJson(const QList<CreditPart> &recipients)
{
    QJsonArray a;
    for (const CreditPart &p : recipients)
        a.append(QJsonObject{{u"guide"_s, p.guide}, {u"kind"_s, creditKindKey(p.kind)}});
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QList<CreditPart> recipientsFromJson(const QString &text)
{
    QList<CreditPart> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        out.append({o.value(u"guide"_s).toString(),
                    o.value(u"kind"_s).toString() == u"exclusive"_s ? CreditKind::Exclusive : CreditKind::Sales, 0});
    }
    return out;
}

} // namespace

std::optional<Binding> AttributionRepository::binding(const QString &memberId) const
{
    std::optional<Binding> found;
    m_db.run(u"SELECT guide_id, bound_at, bound_at_utc_ms, source, inherited_from FROM member_bindings WHERE member_id = ?"_s,
             {memberId}, [&](const QSqlQuery &q) {
                 Binding b;
                 b.guide = q.value(0).toString();
                 b.eventAt = q.value(1).toString();
                 b.boundAt = q.value(2).toLongLong();
                 b.source = bindSourceFromKey(q.value(3).toString().toStdString()).value_or(BindSource::Assign);
                 b.inheritedFrom = q.value(4).toString();
                 found = b;
             });
    return found;
}

Status AttributionRepository::saveBinding(const QString &memberId, const Binding &b)
{
    Status s = m_db.write(uR"(INSERT INTO member_bindings (member_id, guide_id, bound_at, bound_at_utc_ms, source, inherited_from)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(member_id) DO UPDATE SET guide_id = excluded.guide_id,
            bound_at = excluded.bound_at, bound_at_utc_ms = excluded.bound_at_utc_ms, source = excluded.source,
            inherited_from = excluded.inherited_from)"_s,
                        {memberId, b.guide, b.eventAt, b.boundAt, bindSourceKey(b.source), b.inheritedFrom});
    if (!s)
        return Status::failure(s.error(), ErrorKind::System);
    s = m_db.run(u"UPDATE members SET exclusive_guide_id = ? WHERE id = ?"_s, {b.guide, memberId});
    return s ? s : Status::failure(s.error(), ErrorKind::System);
}

Status AttributionRepository::insertBindEvent(const QString &memberId, const BindEvent &e, BindOutcome outcome,
                                              const QString &businessDate)
{
    const QString id = mintOrderedId(e.at);
    Status s = m_db.write(uR"(INSERT INTO bind_events (id, member_id, guide_id, source, at, at_utc_ms, business_date, outcome)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?))"_s,
                        {id, memberId, e.guide, bindSourceKey(e.source), e.atText, e.at, businessDate,
                         QString::fromLatin1(outcomeKey(outcome))});
    if (!s)
        return Status::failure(s.error(), ErrorKind::System);
    // HQ hears of it with the same transaction: the member as the till knows them, and what
    // the event did, so that the chain's other stores learn the binding.
    QJsonObject payload{{u"event"_s, id},
                        {u"member"_s, memberId},
                        {u"guide"_s, e.guide},
                        {u"source"_s, bindSourceKey(e.source)},
                        {u"at"_s, e.atText},
                        {u"business_date"_s, businessDate},
                        {u"outcome"_s, QString::fromLatin1(outcomeKey(outcome))}};
    m_db.run(u"SELECT coalesce(phone, ''), name FROM members WHERE id = ?"_s, {memberId}, [&](const QSqlQuery &q) {
        payload.insert(u"member_phone"_s, q.value(0).toString());
        payload.insert(u"member_name"_s, q.value(1).toString());
    });
    s = OutboxRepository(m_db).add(u"binding.created"_s, id, payload, e.atText);
    return s ? s : Status::failure(s.error(), ErrorKind::System);
}

Status AttributionRepository::insertOrderAttribution(const QString &orderId, const StoredAttribution &s)
{
    const OrderAttribution &a = s.attribution;
    Status r = m_db.write(uR"(INSERT INTO order_attribution (order_id, policy_version, credit_mode, exclusive_share_pct,
            exclusive_guide_id, sales_guide_id, two_guide_split, recipients, amount_fen, rate_numerator)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))"_s,
                        {orderId, a.policyVersion, creditModeKey(a.mode), a.exclusiveSharePct, a.exclusiveGuide,
                         a.salesGuide, a.twoGuideSplit ? 1 : 0, recipientsJson(a.recipients), s.amount,
                         s.rateNumerator});
    return r ? r : Status::failure(r.error(), ErrorKind::System);
}

std::optional<StoredAttribution> AttributionRepository::orderAttribution(const QString &orderId) const
{
    std::optional<StoredAttribution> found;
    m_db.run(uR"(SELECT policy_version, credit_mode, exclusive_share_pct, exclusive_guide_id, sales_guide_id,
            two_guide_split, recipients, amount_fen, rate_numerator FROM order_attribution WHERE order_id = ?)"_s,
             {orderId}, [&](const QSqlQuery &q) {
                 StoredAttribution s;
                 s.attribution.policyVersion = q.value(0).toString();
                 s.attribution.mode = creditModeFromKey(q.value(1).toString().toStdString()).value_or(CreditMode::SalesFirst);
                 s.attribution.exclusiveSharePct = q.value(2).toInt();
                 s.attribution.exclusiveGuide = q.value(3).toString();
                 s.attribution.salesGuide = q.value(4).toString();
                 s.attribution.twoGuideSplit = q.value(5).toInt() != 0;
                 s.attribution.recipients = recipientsFromJson(q.value(6).toString());
                 s.amount = q.value(7).toLongLong();
                 s.rateNumerator = q.value(8).toLongLong();
                 found = s;
             });
    return found;
}

Status AttributionRepository::insertLedger(const LedgerRow &r)
{
    Status s = m_db.write(uR"(INSERT INTO ledger (doc_id, order_id, guide_id, kind, amount_fen, at, at_utc_ms,
            business_date, channel, store_id, is_refund, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))"_s,
                        {r.docId, r.orderId, r.guideId, creditKindKey(r.kind), r.amount, r.at.toString(Qt::ISODate),
                         r.at.toMSecsSinceEpoch(), r.businessDate, channelKey(r.channel), r.storeId, r.isRefund ? 1 : 0,
                         r.why});
    return s ? s : Status::failure(s.error(), ErrorKind::System);
}

QString AttributionRepository::creditWhy(const QString &orderId, const QString &guideId, CreditKind kind) const
{
    QString why;
    m_db.run(u"SELECT why FROM ledger WHERE order_id = ? AND doc_id = ? AND guide_id = ? AND kind = ? AND is_refund = 0"_s,
             {orderId, orderId, guideId, creditKindKey(kind)}, [&](const QSqlQuery &q) { why = q.value(0).toString(); });
    return why;
}

QHash<QString, GuideTotals> AttributionRepository::totals(const QString &fromDate, const QString &toDate) const
{
    QHash<QString, GuideTotals> out;
    m_db.run(uR"(SELECT guide_id, channel, sum(amount_fen), sum(is_refund = 0) FROM ledger
            WHERE business_date BETWEEN ? AND ? GROUP BY guide_id, channel)"_s,
             {fromDate, toDate}, [&](const QSqlQuery &q) {
                 GuideTotals &t = out[q.value(0).toString()];
                 (q.value(1).toString() == u"online"_s ? t.onlineAmount : t.storeAmount) += q.value(2).toLongLong();
                 t.orders += q.value(3).toLongLong();
             });
    return out;
}

QHash<QString, qint64> AttributionRepository::recruits(const QString &fromDate, const QString &toDate) const
{
    QHash<QString, qint64> out;
    m_db.run(uR"(SELECT guide_id, count(DISTINCT member_id) FROM bind_events
            WHERE business_date BETWEEN ? AND ? AND source = 'register' AND outcome IN ('bound', 'renewed', 'rebound')
            GROUP BY guide_id)"_s,
             {fromDate, toDate}, [&](const QSqlQuery &q) { out.insert(q.value(0).toString(), q.value(1).toLongLong()); });
    return out;
}

QList<CreditRecord> AttributionRepository::creditsOf(const QString &guideId, const QString &fromDate,
                                                     const QString &toDate) const
{
    QList<CreditRecord> out;
    m_db.run(uR"(SELECT l.doc_id, l.order_id, l.kind, l.amount_fen, l.at, l.business_date, l.channel, l.store_id,
            l.is_refund, l.why, coalesce(o.number, l.order_id), coalesce(r.number, '')
            FROM ledger l LEFT JOIN orders o ON o.id = l.order_id LEFT JOIN refunds r ON r.id = l.doc_id
            WHERE l.business_date BETWEEN ? AND ? AND l.guide_id = ? ORDER BY l.at_utc_ms, l.id)"_s,
             {fromDate, toDate, guideId}, [&](const QSqlQuery &q) {
                 CreditRecord c;
                 c.row.docId = q.value(0).toString();
                 c.row.orderId = q.value(1).toString();
                 c.row.guideId = guideId;
                 c.row.kind = q.value(2).toString() == u"exclusive"_s ? CreditKind::Exclusive : CreditKind::Sales;
                 c.row.amount = q.value(3).toLongLong();
                 c.row.at = QDateTime::fromString(q.value(4).toString(), Qt::ISODate);
                 c.row.businessDate = q.value(5).toString();
                 c.row.channel = q.value(6).toString() == u"online"_s ? Channel::Online : Channel::Store;
                 c.row.storeId = q.value(7).toString();
                 c.row.isRefund = q.value(8).toInt() != 0;
                 c.row.why = q.value(9).toString();
                 c.orderNumber = q.value(10).toString();
                 c.refundNumber = q.value(11).toString();
                 out.append(c);
             });
    return out;
}

QList<CommissionEntry> AttributionRepository::commissionEntries(const QString &fromDate, const QString &toDate) const
{
    QList<CommissionEntry> out;
    m_db.run(uR"(SELECT l.guide_id, l.amount_fen, a.rate_numerator, a.amount_fen FROM ledger l
            JOIN order_attribution a ON a.order_id = l.order_id WHERE l.business_date BETWEEN ? AND ?)"_s,
             {fromDate, toDate}, [&](const QSqlQuery &q) {
                 out.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toLongLong()});
             });
    return out;
}

QHash<QString, qint64> AttributionRepository::targetAmounts(qint64 fromMs, qint64 toMs, qint64 payoutMs) const
{
    QHash<QString, qint64> out;
    // An order's own credits carry its payment time; its refunds count if they came before
    // the payout. Both halves are range scans of ledger_time (the refunds are few).
    m_db.run(uR"(SELECT guide_id, sum(amount_fen) FROM (
              SELECT guide_id, amount_fen FROM ledger WHERE is_refund = 0 AND at_utc_ms >= ? AND at_utc_ms < ?
              UNION ALL
              SELECT r.guide_id, r.amount_fen FROM ledger r
              WHERE r.is_refund = 1 AND r.at_utc_ms >= ? AND r.at_utc_ms < ?
                AND EXISTS (SELECT 1 FROM ledger c WHERE c.order_id = r.order_id AND c.is_refund = 0
                            AND c.at_utc_ms >= ? AND c.at_utc_ms < ?))
            GROUP BY guide_id)"_s,
             {fromMs, toMs, fromMs, payoutMs, fromMs, toMs},
             [&](const QSqlQuery &q) { out.insert(q.value(0).toString(), q.value(1).toLongLong()); });
    return out;
}

} // namespace pos
