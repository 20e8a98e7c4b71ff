#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace pos {

class Till;

// The demo store S01 西湖店: ~200 products, 6 guides, 30 members, and three people who sign
// in at the till (a manager, a cashier and a guide, PINs in the README). Loading it again
// refreshes the same records and touches no sales; the staff are added only to a till that
// has nobody set up, so PINs changed since are kept.
class DemoStore
{
    Q_DECLARE_TR_FUNCTIONS(DemoStore)
public:
    enum class Staff : quint8 { Add, Skip }; // Skip: a till anyone may use (most tests)
    static Status load(Till &till, Staff staff = Staff::Add);

private:
    static Status loadRules(const Till &till, const QJsonObject &store);
    static Status loadStaff(const Till &till, const QJsonArray &staff);
};

} // namespace pos
