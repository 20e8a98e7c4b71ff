#pragma once

#include "core/people.h"
#include "core/result.h"

#include <QList>
#include <optional>

namespace pos {

class Database;

// Store, guides and members: the people and places a sale refers to.
class PeopleRepository
{
public:
    explicit PeopleRepository(const Database &db) : m_db(db) {}

    Status upsertStore(const StoreInfo &store);
    std::optional<StoreInfo> store(const QString &id) const;

    Status upsertGuide(const Guide &guide);
    std::optional<Guide> guide(const QString &id) const;
    QList<Guide> guides(const QString &storeId = {}) const; // all stores when empty

    Status upsertMember(const Member &member);
    std::optional<Member> member(const QString &id) const;
    std::optional<Member> memberByPhone(const QString &phone) const;
    int memberCount() const;

private:
    const Database &m_db;
};

// Small key/value settings of this till (store id, terminal id, …).
class SettingsRepository
{
public:
    explicit SettingsRepository(const Database &db) : m_db(db) {}
    QString value(const QString &key, const QString &fallback = {}) const;
    Status setValue(const QString &key, const QString &value);

private:
    const Database &m_db;
};

} // namespace pos
