#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace pos {

class Till;

// The demo store S01 西湖店: ~200 products, 6 guides, 30 members. Loading it again
// refreshes the same records and touches no sales.
class DemoStore
{
    Q_DECLARE_TR_FUNCTIONS(DemoStore)
public:
    static Status load(Till &till);

private:
    static Status loadRules(const Till &till, const QJsonObject &store);
};

} // namespace pos
