#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace pos::attribution {

// One guide's day on the store's leaderboard (spec §8).
struct LeaderboardRow
{
    int rank = 0;
    QString guide;
    QString name;
    qint64 storeAmount = 0;
    qint64 onlineAmount = 0;
    qint64 total = 0;
    qint64 orders = 0;
    qint64 members = 0;
    qint64 delta = 0; // total minus the guide's total the day before
};

// Sorts by total desc, orders desc, guide id asc (code points) and numbers the ranks 1..n.
void rankLeaderboard(QList<LeaderboardRow> &rows);

// Code-point order of two ids (QString's operator< compares UTF-16 units, which differs
// above U+FFFF): the order every listing of guides uses.
bool idLess(const QString &a, const QString &b);

} // namespace pos::attribution
