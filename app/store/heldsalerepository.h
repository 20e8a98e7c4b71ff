#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <optional>

namespace pos {

class Database;

struct HeldSale
{
    qint64 id = 0;
    QDateTime heldAt;
    QString label;
    QString guideId;
    QString memberId;
    QJsonObject cart;
};

// Sales put aside (挂单) while the customer keeps shopping; they survive a restart.
class HeldSaleRepository
{
public:
    explicit HeldSaleRepository(const Database &db) : m_db(db) {}
    Result<qint64> hold(const HeldSale &sale);
    QList<HeldSale> list() const;
    // Removes the held sale and returns it; nullopt when another till already took it.
    std::optional<HeldSale> take(qint64 id);

private:
    const Database &m_db;
};

} // namespace pos
