#include "ingestcheck.h"

#include "core/showninput.h"

#include <QDateTime>
#include <QJsonArray>

#include <cmath>

namespace pos::hq {

using namespace Qt::Literals::StringLiterals;

namespace {

// A JSON figure that is a whole number of fen from `min` to IngestCheck::maxFen.
std::optional<qint64> fen(const QJsonValue &v, qint64 min)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < double(min) || d > double(IngestCheck::maxFen))
        return std::nullopt;
    return qint64(d);
}

QDateTime dateTime(const QJsonValue &v)
{
    const QDateTime at = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return at.isValid() && at.timeSpec() == Qt::OffsetFromUTC ? at : QDateTime(); // times carry their zone
}

// The sum of one field over an array of objects, each a whole figure of fen from `min` to
// `max`; nothing when one is not.
std::optional<qint64> sumOf(const QJsonArray &items, const QString &field, qint64 min, qint64 max)
{
    qint64 sum = 0;
    for (const QJsonValue &item : items) {
        const auto amount = fen(item.toObject().value(field), min);
        if (!amount || *amount > max)
            return std::nullopt;
        sum += *amount;
    }
    return sum;
}

} // namespace

QString IngestCheck::envelope(const QJsonObject &event)
{
    if (!dateTime(event.value(u"created_at"_s)).isValid())
        return tr("created_at must be a date and time with its offset, not \"%1\"").arg(shownInput(event.value(u"created_at"_s).toString()));
    return {};
}

QString IngestCheck::order(const QJsonObject &p, const QJsonObject &event)
{
    const auto total = fen(p.value(u"total"_s), 0);
    if (!total)
        return tr("the total must be whole fen from 0 to %1").arg(maxFen);
    for (const QString &field : {u"subtotal"_s, u"discount"_s, u"paid"_s, u"change"_s})
        if (!fen(p.value(field), 0))
            return tr("%1 must be whole fen from 0 to %2").arg(field).arg(maxFen);
    if (p.value(u"channel"_s).toString() != u"store"_s)
        return tr("a till's order is a store order (channel \"store\"), not \"%1\"").arg(shownInput(p.value(u"channel"_s).toString()));
    const QJsonArray lines = p.value(u"lines"_s).toArray();
    if (lines.isEmpty() || sumOf(lines, u"amount"_s, 0, *total) != total)
        return tr("the lines' amounts must be whole fen adding up to the total");
    if (sumOf(p.value(u"payments"_s).toArray(), u"amount"_s, 0, *total) != total)
        return tr("the payments must be whole fen adding up to the total");
    if (*fen(p.value(u"paid"_s), 0) - *fen(p.value(u"change"_s), 0) != *total)
        return tr("what was paid less the change must be the total");
    const QJsonArray credits = p.value(u"credits"_s).toArray();
    const auto credited = sumOf(credits, u"amount"_s, 1, *total);
    if (!credited || *credited > *total)
        return tr("the guides' credits must be whole fen above 0, together no more than the total");
    for (const QJsonValue &c : credits) {
        const QString kind = c.toObject().value(u"kind"_s).toString();
        if (c.toObject().value(u"guide"_s).toString().isEmpty() || (kind != u"sales"_s && kind != u"exclusive"_s))
            return tr("each credit names a guide and is a sales or an exclusive credit");
    }
    const QDateTime paidAt = dateTime(p.value(u"paid_at"_s));
    const QDate day = QDate::fromString(p.value(u"business_date"_s).toString(), Qt::ISODate);
    if (!paidAt.isValid() || !day.isValid() || qAbs(paidAt.date().daysTo(day)) > 1)
        return tr("paid_at and business_date must be a real time and the day it fell on");
    if (qAbs(paidAt.secsTo(dateTime(event.value(u"created_at"_s)))) > 24 * 3600)
        return tr("paid_at must be within a day of the event's created_at");
    return {};
}

QString IngestCheck::refund(const QJsonObject &p, const QJsonObject &event, std::optional<qint64> left)
{
    const auto amount = fen(p.value(u"amount"_s), 1);
    if (!amount)
        return tr("a refund's amount must be whole fen from 1 to %1").arg(maxFen);
    if (!left)
        return tr("there is no order %1 of this store to refund").arg(shownInput(p.value(u"order"_s).toString()));
    if (*amount > *left)
        return tr("the refund of %1 fen is more than the %2 fen left of order %3")
            .arg(*amount).arg(*left).arg(shownInput(p.value(u"order"_s).toString()));
    const QJsonArray lines = p.value(u"lines"_s).toArray();
    if (lines.isEmpty() || sumOf(lines, u"amount"_s, 0, *amount) != amount)
        return tr("the refunded lines must be whole fen adding up to the amount");
    if (sumOf(p.value(u"payments"_s).toArray(), u"amount"_s, 0, *amount) != amount)
        return tr("the refunded payments must be whole fen adding up to the amount");
    qint64 reversed = 0;
    for (const QJsonValue &c : p.value(u"credits"_s).toArray()) {
        const QJsonValue v = c.toObject().value(u"amount"_s);
        const auto back = fen(QJsonValue(-v.toDouble()), 1);
        if (!v.isDouble() || !back)
            return tr("a refund's credits are reversals: whole fen below 0");
        reversed += *back;
    }
    if (reversed > *amount)
        return tr("the reversed credits must be no more than the amount refunded");
    const QDateTime at = dateTime(p.value(u"refunded_at"_s));
    if (!at.isValid() || qAbs(at.secsTo(dateTime(event.value(u"created_at"_s)))) > 24 * 3600)
        return tr("refunded_at must be a real time within a day of the event's created_at");
    return {};
}

} // namespace pos::hq
