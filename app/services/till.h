#pragma once

#include "core/clock.h"
#include "core/people.h"
#include "core/result.h"
#include "store/database.h"
#include "store/tilllock.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <memory>

namespace pos {

// The open till: its database, its clock and the store/terminal it is. Every use case
// (UI, posctl, later the sync worker) starts from one of these.
class Till
{
    Q_DECLARE_TR_FUNCTIONS(Till)
public:
    explicit Till(std::shared_ptr<const Clock> clock = {});

    // Opens and migrates the database; reads which store and terminal this till is. What
    // posctl and the till's worker threads do: they work beside the till.
    Status open(const QString &path);
    // The same for the till itself (pos-till): one till per database file, so a second one
    // is refused, naming the process that runs the first.
    Status openAsTheTill(const QString &path);
    // Makes this till terminal `terminalId` of `store` (first start, or the demo store).
    Status provision(const StoreInfo &store);

    bool isProvisioned() const { return !m_store.id.isEmpty(); }
    const StoreInfo &store() const { return m_store; }
    const Database &database() const { return m_db; }
    const Clock &clock() const { return *m_clock; }
    // For a worker thread that opens its own Till on the same database and clock.
    std::shared_ptr<const Clock> sharedClock() const { return m_clock; }

    // The clock's instant in the store's time zone: how every time leaving the till is written.
    QDateTime now() const;
    QTimeZone timeZone() const;

private:
    Status loadStore();
    TillLock m_lock; // before the database: released after it closes
    Database m_db;
    std::shared_ptr<const Clock> m_clock;
    StoreInfo m_store;
};

} // namespace pos
