#pragma once

#include <QtGlobal>

#include <algorithm>

namespace pos::sync {

// When to try HQ again after a failure: "full jitter" (a random wait between 0 and an
// exponentially growing ceiling, 1 s doubling up to 5 min), so that a hundred tills coming
// back after an outage don't all call at once. HQ's Retry-After, when it gives one, wins.
class Backoff
{
public:
    static constexpr qint64 baseMs = 1000;
    static constexpr qint64 capMs = 5 * 60 * 1000;

    // The ceiling of the wait after `failures` failures in a row (1, 2, …).
    static qint64 ceilingMs(int failures)
    {
        const int doublings = std::clamp(failures - 1, 0, 20);
        return std::min(capMs, baseMs << doublings);
    }
    // The wait: `unit` is a uniform random number in [0, 1) (from the caller's generator).
    static qint64 delayMs(int failures, double unit, int retryAfterSeconds = -1)
    {
        if (retryAfterSeconds >= 0)
            return std::min<qint64>(capMs, qint64(retryAfterSeconds) * 1000);
        return qint64(unit * double(ceilingMs(failures)));
    }
};

} // namespace pos::sync
