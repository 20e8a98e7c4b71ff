#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace pos {

class Database;

// A change from HQ the till could not apply (a member bound to a guide it does not know, a
// policy it can't read…), kept with why, so that the changes after it still apply.
struct ParkedChange
{
    QString kind;
    QString item;  // what the change is about: a guide's or member's id, a SKU, a credit's doc
    qint64 seq = 0; // HQ's number for the change
    QJsonObject change; // as HQ sent it
    QString reason;
    QString parkedAt;
    QString lastTryAt;
    int tries = 1;
};

struct ParkedChangeCounts
{
    int count = 0;
    QString lastReason; // of the one tried last
};

// The till's parked changes, one per item (the newest HQ sent). Every write is in the
// caller's transaction — the sync's page, with the cursor that moves past them.
class ParkedChangeRepository
{
public:
    explicit ParkedChangeRepository(const Database &db) : m_db(db) {}

    // Parks a change; an older parked change of the same item is replaced by it.
    Status park(const ParkedChange &change) const;
    // A change of this item up to `seq` applied: the parked ones it makes stale are dropped.
    Status applied(const QString &kind, const QString &item, qint64 seq) const;
    // Tried again and still failing: counted, with the new reason.
    Status noteTry(const QString &kind, const QString &item, const QString &reason, const QString &at) const;
    // Oldest first, as HQ sent them.
    QList<ParkedChange> all() const;
    ParkedChangeCounts counts() const;

private:
    const Database &m_db;
};

} // namespace pos
