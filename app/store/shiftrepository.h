#pragma once

#include "core/result.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace pos {

class Database;

struct Shift
{
    qint64 id = 0;
    QString openedAt;
    qint64 openedUtcMs = 0;
    QString openedBy;
    qint64 floatFen = 0;
    QString closedAt; // empty while open
    qint64 closedUtcMs = 0;
    QString closedBy;
    qint64 expectedFen = 0;
    qint64 countedFen = 0;
    QString countDetail;
};

struct CashMovement
{
    QString at;
    qint64 amountFen = 0; // in: positive, out: negative
    QString reason;
};

// The day's figures as the database has them (business day = the store's local day).
struct DayFigures
{
    int orders = 0;
    qint64 subtotalFen = 0, discountFen = 0, salesFen = 0;
    int refunds = 0;
    qint64 refundsFen = 0;
    QMap<QString, qint64> tenderSales;   // method → amount taken
    QMap<QString, qint64> tenderRefunds; // method → amount given back
    QMap<QString, std::pair<qint64, qint64>> guides; // guide → (credited, reversed by refunds), store channel
    int memberSignups = 0;
};

// Shifts, petty cash and Z reports, and the sums the reports are made of.
class ShiftRepository
{
public:
    explicit ShiftRepository(const Database &db) : m_db(db) {}

    std::optional<Shift> openShift() const;
    std::optional<Shift> lastShift() const;
    QList<Shift> shiftsOn(const QString &businessDate) const; // opened that day
    Result<qint64> open(const QString &at, qint64 atUtcMs, const QString &by, qint64 floatFen) const;
    Status close(qint64 id, const QString &at, qint64 atUtcMs, const QString &by, qint64 expectedFen, qint64 countedFen,
                 const QString &detail) const;
    Status addMovement(qint64 shiftId, const QString &at, qint64 atUtcMs, qint64 amountFen, const QString &reason) const;
    QList<CashMovement> movements(qint64 shiftId) const;

    // Cash taken by sales and given back by refunds in [fromMs, toMs).
    qint64 cashSales(qint64 fromMs, qint64 toMs) const;
    qint64 cashRefunds(qint64 fromMs, qint64 toMs) const;

    DayFigures day(const QString &businessDate) const;

    // Z reports: the next number, and what was stored.
    Result<int> insertZ(const QString &businessDate, const QString &createdAt, const QString &report) const;
    std::optional<std::pair<int, QString>> zFor(const QString &businessDate) const;

private:
    const Database &m_db;
};

} // namespace pos
