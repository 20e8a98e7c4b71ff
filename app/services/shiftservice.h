#pragma once

#include "core/money.h"
#include "core/result.h"
#include "store/shiftrepository.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>

namespace pos {

class Till;

// A shift's cash as the drawer should hold it.
struct ShiftCash
{
    Shift shift;
    QList<CashMovement> movements;
    qint64 cashSalesFen = 0;
    qint64 cashRefundsFen = 0;
    qint64 movementsFen = 0;
    qint64 expectedFen = 0; // float + cash sales − cash refunds + cash in − cash out
};

// Shifts (opening float, petty cash, a blind count at the close) and the day's reports:
// X at any time, Z once per business day — numbered, kept, reprinted but never redone.
class ShiftService
{
    Q_DECLARE_TR_FUNCTIONS(ShiftService)
public:
    explicit ShiftService(const Till &till) : m_till(till) {}

    Result<Shift> open(Money openingFloat, const QString &by);
    // Petty cash: positive in, negative out, with the reason.
    Status cash(qint64 amountFen, const QString &reason);
    // Closes the open shift with a blind count by denomination ("100x3,50x2,0.5x4"): the
    // drawer is counted before the till says what it expects.
    Result<ShiftCash> close(const QString &count, const QString &by);
    std::optional<ShiftCash> current() const;

    // The count text in fen; nothing (and why) when it isn't one.
    static std::optional<qint64> countFromText(const QString &text, QString *error);

    QJsonObject dayReport(QDate date) const; // X
    // Z: only with no shift open, once per day. Returns its number and contents.
    Result<std::pair<int, QJsonObject>> makeZ(QDate date);
    std::optional<std::pair<int, QJsonObject>> storedZ(QDate date) const;

private:
    ShiftCash cashOf(const Shift &shift, qint64 untilMs) const;
    const Till &m_till;
};

} // namespace pos
