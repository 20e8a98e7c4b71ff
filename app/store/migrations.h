#pragma once

#include "core/result.h"

namespace pos {

class Database;

// The schema's history, one numbered step at a time. The version lives in
// PRAGMA user_version, which SQLite changes atomically with the step's transaction.
class Migrations
{
public:
    static int latestVersion();
    // Applies every step after the current version up to `target`, each in its own
    // transaction; a failing step rolls back and leaves the file at the previous version.
    static Status migrate(Database &db, int target);
};

} // namespace pos
