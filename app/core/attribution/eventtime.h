#pragma once

#include <QByteArray>
#include <QDate>
#include <QTimeZone>
#include <QtGlobal>

#include <optional>
#include <string_view>
#include <unordered_map>

namespace pos::attribution {

// Milliseconds since the Unix epoch: how the engine compares and adds times. Event times
// are ISO 8601 with an offset ("2026-11-01T21:00:00+08:00", "…Z"); one without is refused,
// since a day boundary can't be placed without it.
using Millis = qint64;
constexpr Millis hourMs = 3'600'000;
constexpr Millis dayMs = 24 * hourMs;

std::optional<Millis> parseEventTime(std::string_view text);
// "2026-11-01" → the date, or nullopt.
std::optional<QDate> parseDay(std::string_view text);
// "2026-11" → the first day of that month, or nullopt.
std::optional<QDate> parseMonth(std::string_view text);

// The store's calendar: which local day an instant falls on, in one time zone. Offsets are
// cached per UTC hour, because the leaderboard asks this for every ledger entry.
class LocalCalendar
{
public:
    explicit LocalCalendar(const QTimeZone &zone);
    // Days since 1970-01-01 of the local date of t.
    qint64 dayOf(Millis t) const;
    QDate dateOf(Millis t) const { return QDate(1970, 1, 1).addDays(dayOf(t)); }
    static qint64 dayNumber(QDate date) { return QDate(1970, 1, 1).daysTo(date); }

private:
    QTimeZone m_zone;
    mutable std::unordered_map<qint64, int> m_offsetByHour;
};

} // namespace pos::attribution
