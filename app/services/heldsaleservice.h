#pragma once

#include "core/cart.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

namespace pos {

class Till;

struct HeldSaleSummary
{
    qint64 id = 0;
    QDateTime heldAt;
    QString label;
    QString guideId;
    QString memberId;
    int itemCount = 0;
    Money total;
};

struct ResumedSale
{
    Cart cart;
    QString guideId;
    QString memberId;
};

// 挂单 / 取单: put the current sale aside for the next customer, and take it back later.
class HeldSaleService
{
    Q_DECLARE_TR_FUNCTIONS(HeldSaleService)
public:
    explicit HeldSaleService(const Till &till) : m_till(till) {}

    Result<qint64> hold(const Cart &cart, const QString &guideId, const QString &memberId,
                        const QString &label = {}) const;
    QList<HeldSaleSummary> list() const;
    Result<ResumedSale> resume(qint64 id) const;

private:
    const Till &m_till;
};

} // namespace pos
