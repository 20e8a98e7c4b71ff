#pragma once

#include <QDateTime>

namespace pos {

// The domain never reads the wall clock: time comes in through this interface so that
// tests (and HQ replays) can fix it.
class Clock
{
public:
    virtual ~Clock() = default;
    // The current instant, expressed in the store's time zone.
    virtual QDateTime now() const = 0;
};

} // namespace pos
