#include "eventtime.h"

#include <QDateTime>

namespace pos::attribution {

namespace {

bool readDigits(std::string_view s, size_t pos, size_t count, int &value)
{
    if (pos + count > s.size())
        return false;
    value = 0;
    for (size_t i = 0; i < count; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's method).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = unsigned((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

bool validDate(int y, int m, int d)
{
    return QDate::isValid(y, m, d);
}

} // namespace

std::optional<Millis> parseEventTime(std::string_view s)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
    int y, mo, d, h, mi, sec;
    if (s.size() < 20 || !readDigits(s, 0, 4, y) || s[4] != '-' || !readDigits(s, 5, 2, mo) || s[7] != '-'
        || !readDigits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !readDigits(s, 11, 2, h) || s[13] != ':'
        || !readDigits(s, 14, 2, mi) || s[16] != ':' || !readDigits(s, 17, 2, sec))
        return std::nullopt;
    if (!validDate(y, mo, d) || h > 23 || mi > 59 || sec > 59)
        return std::nullopt;
    size_t pos = 19;
    int millis = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 3)
                millis = millis * 10 + (s[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return std::nullopt;
        for (int i = digits; i < 3; ++i)
            millis *= 10;
    }
    int offsetMinutes = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!readDigits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':'
            || !readDigits(s, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offsetMinutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt; // no offset
    }
    if (pos != s.size())
        return std::nullopt;
    const qint64 days = daysFromCivil(y, mo, d);
    const qint64 seconds = days * 86400 + h * 3600 + mi * 60 + sec - qint64(offsetMinutes) * 60;
    return seconds * 1000 + millis;
}

std::optional<QDate> parseDay(std::string_view s)
{
    int y, m, d;
    if (s.size() != 10 || !readDigits(s, 0, 4, y) || s[4] != '-' || !readDigits(s, 5, 2, m) || s[7] != '-'
        || !readDigits(s, 8, 2, d) || !validDate(y, m, d))
        return std::nullopt;
    return QDate(y, m, d);
}

std::optional<QDate> parseMonth(std::string_view s)
{
    int y, m;
    if (s.size() != 7 || !readDigits(s, 0, 4, y) || s[4] != '-' || !readDigits(s, 5, 2, m) || !validDate(y, m, 1))
        return std::nullopt;
    return QDate(y, m, 1);
}

LocalCalendar::LocalCalendar(const QTimeZone &zone) : m_zone(zone) {}

qint64 LocalCalendar::dayOf(Millis t) const
{
    const qint64 hour = t >= 0 ? t / hourMs : (t - hourMs + 1) / hourMs;
    auto it = m_offsetByHour.find(hour);
    if (it == m_offsetByHour.end()) {
        // One offset per UTC hour: zone transitions fall on whole hours in every zone a
        // Chinese chain trades in.
        const int offset = m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(hour * hourMs, Qt::UTC));
        it = m_offsetByHour.emplace(hour, offset).first;
    }
    const qint64 local = t + qint64(it->second) * 1000;
    return local >= 0 ? local / dayMs : (local - dayMs + 1) / dayMs;
}

} // namespace pos::attribution
