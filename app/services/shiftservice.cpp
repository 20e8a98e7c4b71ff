#include "shiftservice.h"

#include "orderhistory.h"
#include "till.h"

#include "core/showninput.h"

#include "store/database.h"
#include "store/outboxrepository.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pos {

using namespace Qt::Literals::StringLiterals;

Result<Shift> ShiftService::open(Money openingFloat, const QString &by)
{
    using R = Result<Shift>;
    if (openingFloat.fen() < 0)
        return R::failure(tr("The opening float can't be negative."));
    ShiftRepository shifts(m_till.database());
    if (const auto open = shifts.openShift())
        return R::failure(tr("Shift %1 is still open (since %2): close it first.").arg(open->id).arg(open->openedAt));
    const QDateTime now = m_till.now();
    auto id = shifts.open(now.toString(Qt::ISODate), now.toMSecsSinceEpoch(), by.trimmed(), openingFloat.fen());
    if (!id)
        return R::failure(id.error(), ErrorKind::System);
    return *shifts.openShift();
}

Status ShiftService::cash(qint64 amountFen, const QString &reason)
{
    ShiftRepository shifts(m_till.database());
    const auto open = shifts.openShift();
    if (!open)
        return Status::failure(tr("No shift is open: open one first."));
    if (amountFen == 0)
        return Status::failure(tr("Cash in or out needs an amount."));
    if (reason.trimmed().isEmpty())
        return Status::failure(tr("Cash in or out needs a reason."));
    const QDateTime now = m_till.now();
    if (const qint64 inDrawer = cashOf(*open, now.toMSecsSinceEpoch()).expectedFen; amountFen < 0 && inDrawer + amountFen < 0)
        return Status::failure(tr("The drawer should hold only %1: that much can't come out of it.")
                                   .arg(Money::fromFen(inDrawer).toString()));
    return shifts.addMovement(open->id, now.toString(Qt::ISODate), now.toMSecsSinceEpoch(), amountFen, reason.trimmed());
}

std::optional<qint64> ShiftService::countFromText(const QString &text, QString *error)
{
    // The notes and coins of the renminbi a drawer holds, in fen.
    static const QList<qint64> denominations{10000, 5000, 2000, 1000, 500, 100, 50, 10};
    qint64 total = 0;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QStringList pair = part.trimmed().split(u'x');
        const auto value = pair.size() == 2 ? Money::parse(pair[0].trimmed()) : std::nullopt;
        bool ok = false;
        const qint64 count = pair.size() == 2 ? pair[1].trimmed().toLongLong(&ok) : 0;
        if (!value || !ok || count < 0 || count > 100000 || !denominations.contains(value->fen())) {
            if (error)
                *error = tr("Count the drawer as NOTExCOUNT, e.g. 100x3,50x2,10x4,1x7,0.5x2 (notes and coins of "
                            "100, 50, 20, 10, 5, 1, 0.5, 0.1 yuan); \"%1\" is not one.").arg(shownInput(part));
            return std::nullopt;
        }
        total += value->fen() * count;
    }
    return total;
}

ShiftCash ShiftService::cashOf(const Shift &shift, qint64 untilMs) const
{
    const ShiftRepository shifts(m_till.database());
    ShiftCash c;
    c.shift = shift;
    c.movements = shifts.movements(shift.id);
    for (const CashMovement &m : std::as_const(c.movements))
        c.movementsFen += m.amountFen;
    c.cashSalesFen = shifts.cashSales(shift.openedUtcMs, untilMs + 1);
    c.cashRefundsFen = shifts.cashRefunds(shift.openedUtcMs, untilMs + 1);
    c.expectedFen = shift.floatFen + c.cashSalesFen - c.cashRefundsFen + c.movementsFen;
    return c;
}

Result<ShiftCash> ShiftService::close(const QString &count, const QString &by)
{
    using R = Result<ShiftCash>;
    ShiftRepository shifts(m_till.database());
    const auto open = shifts.openShift();
    if (!open)
        return R::failure(tr("No shift is open."));
    QString error;
    const auto counted = countFromText(count, &error);
    if (!counted)
        return R::failure(error);
    const QDateTime now = m_till.now();
    ShiftCash c = cashOf(*open, now.toMSecsSinceEpoch());
    Transaction tx(m_till.database());
    if (!tx.begun())
        return R::failure(tx.begun().error(), ErrorKind::System);
    if (Status s = shifts.close(open->id, now.toString(Qt::ISODate), now.toMSecsSinceEpoch(), by.trimmed(), c.expectedFen,
                                *counted, count.trimmed());
        !s)
        return R::failure(s.error(), ErrorKind::System);
    c.shift = *shifts.lastShift();
    // HQ hears of the close in the same transaction.
    if (Status s = OutboxRepository(m_till.database())
                       .add(u"shift.closed"_s, u"%1/%2/%3"_s.arg(m_till.store().id, m_till.store().terminalId).arg(c.shift.id),
                            {{u"store"_s, m_till.store().id}, {u"terminal"_s, m_till.store().terminalId}, {u"shift"_s, c.shift.id},
                             {u"opened_at"_s, c.shift.openedAt}, {u"closed_at"_s, c.shift.closedAt}, {u"opened_by"_s, c.shift.openedBy},
                             {u"closed_by"_s, c.shift.closedBy}, {u"float"_s, c.shift.floatFen}, {u"cash_sales"_s, c.cashSalesFen},
                             {u"cash_refunds"_s, c.cashRefundsFen}, {u"cash_in_out"_s, c.movementsFen},
                             {u"expected"_s, c.expectedFen}, {u"counted"_s, c.shift.countedFen}},
                            c.shift.closedAt);
        !s)
        return R::failure(s.error(), ErrorKind::System);
    if (Status s = tx.commit(); !s)
        return R::failure(s.error(), ErrorKind::System);
    return c;
}

std::optional<ShiftCash> ShiftService::current() const
{
    const auto open = ShiftRepository(m_till.database()).openShift();
    if (!open)
        return std::nullopt;
    return cashOf(*open, m_till.now().toMSecsSinceEpoch());
}

QJsonObject ShiftService::dayReport(QDate date) const
{
    const QString day = date.toString(Qt::ISODate);
    const ShiftRepository shifts(m_till.database());
    const DayFigures f = shifts.day(day);
    QJsonObject tenders;
    QStringList methods = f.tenderSales.keys() + f.tenderRefunds.keys();
    methods.removeDuplicates();
    for (const QString &m : std::as_const(methods))
        tenders.insert(m, QJsonObject{{u"sales"_s, f.tenderSales.value(m)}, {u"refunds"_s, f.tenderRefunds.value(m)},
                                      {u"net"_s, f.tenderSales.value(m) - f.tenderRefunds.value(m)}});
    QJsonArray guides;
    for (auto it = f.guides.cbegin(); it != f.guides.cend(); ++it)
        guides.append(QJsonObject{{u"guide"_s, it.key()}, {u"credited"_s, it->first}, {u"refunded"_s, it->second},
                                  {u"net"_s, it->first + it->second}});
    QJsonArray cash;
    for (const Shift &s : shifts.shiftsOn(day)) {
        const ShiftCash c = cashOf(s, s.closedAt.isEmpty() ? m_till.now().toMSecsSinceEpoch() : s.closedUtcMs);
        QJsonObject o{{u"shift"_s, s.id}, {u"opened_at"_s, s.openedAt}, {u"opened_by"_s, s.openedBy}, {u"float"_s, s.floatFen},
                      {u"cash_sales"_s, c.cashSalesFen}, {u"cash_refunds"_s, c.cashRefundsFen}, {u"cash_in_out"_s, c.movementsFen},
                      {u"expected"_s, c.expectedFen}};
        if (!s.closedAt.isEmpty()) {
            o.insert(u"closed_at"_s, s.closedAt);
            o.insert(u"counted"_s, s.countedFen);
            o.insert(u"difference"_s, s.countedFen - s.expectedFen);
        }
        cash.append(o);
    }
    return {{u"store"_s, m_till.store().id},
            {u"terminal"_s, m_till.store().terminalId},
            {u"business_date"_s, day},
            {u"made_at"_s, m_till.now().toString(Qt::ISODate)},
            {u"orders"_s, f.orders},
            {u"subtotal"_s, f.subtotalFen},
            {u"discounts"_s, f.discountFen},
            {u"sales"_s, f.salesFen},
            {u"refund_count"_s, f.refunds},
            {u"refunds"_s, f.refundsFen},
            {u"net"_s, f.salesFen - f.refundsFen},
            {u"tenders"_s, tenders},
            {u"guides"_s, guides},
            {u"member_signups"_s, f.memberSignups},
            {u"pending_for_hq"_s, OrderHistory(m_till).pendingForHq()},
            {u"shifts"_s, cash}};
}

Result<std::pair<int, QJsonObject>> ShiftService::makeZ(QDate date)
{
    using R = Result<std::pair<int, QJsonObject>>;
    ShiftRepository shifts(m_till.database());
    if (const auto z = shifts.zFor(date.toString(Qt::ISODate)))
        return R::failure(tr("The Z report of %1 was made already (Z%2): reprint it, it can't be redone.")
                              .arg(date.toString(Qt::ISODate)).arg(z->first, 4, 10, QChar(u'0')));
    if (const auto open = shifts.openShift())
        return R::failure(tr("Shift %1 is still open: count the drawer and close it before the Z report.").arg(open->id));
    QJsonObject report = dayReport(date);
    Transaction tx(m_till.database());
    if (!tx.begun())
        return R::failure(tx.begun().error(), ErrorKind::System);
    const QString madeAt = m_till.now().toString(Qt::ISODate);
    auto number = shifts.insertZ(date.toString(Qt::ISODate), madeAt, QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Compact)));
    if (!number)
        return R::failure(number.error(), ErrorKind::System);
    report.insert(u"z"_s, *number);
    // The day's close goes to HQ with it, or neither is kept.
    if (Status s = OutboxRepository(m_till.database())
                       .add(u"z.report"_s, u"%1/%2/%3"_s.arg(m_till.store().id, m_till.store().terminalId, date.toString(Qt::ISODate)),
                            report, madeAt);
        !s)
        return R::failure(s.error(), ErrorKind::System);
    if (Status s = tx.commit(); !s)
        return R::failure(s.error(), ErrorKind::System);
    return std::pair{*number, report};
}

std::optional<std::pair<int, QJsonObject>> ShiftService::storedZ(QDate date) const
{
    const auto z = ShiftRepository(m_till.database()).zFor(date.toString(Qt::ISODate));
    if (!z)
        return std::nullopt;
    QJsonObject report = QJsonDocument::fromJson(z->second.toUtf8()).object();
    report.insert(u"z"_s, z->first);
    return std::pair{z->first, report};
}

} // namespace pos
