#include "leaderboard.h"

#include <algorithm>

namespace pos::attribution {

bool idLess(const QString &a, const QString &b)
{
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t x = a[i].unicode();
        const char16_t y = b[i].unicode();
        if (x == y)
            continue;
        // Surrogates (U+D800–DFFF) stand for code points above every BMP character.
        const bool xs = x >= 0xD800 && x <= 0xDFFF;
        const bool ys = y >= 0xD800 && y <= 0xDFFF;
        if (xs != ys)
            return ys;
        return x < y;
    }
    return a.size() < b.size();
}

void rankLeaderboard(QList<LeaderboardRow> &rows)
{
    std::sort(rows.begin(), rows.end(), [](const LeaderboardRow &x, const LeaderboardRow &y) {
        if (x.total != y.total)
            return x.total > y.total;
        if (x.orders != y.orders)
            return x.orders > y.orders;
        return idLess(x.guide, y.guide);
    });
    for (qsizetype i = 0; i < rows.size(); ++i)
        rows[i].rank = int(i + 1);
}

} // namespace pos::attribution
