#pragma once

#include "core/clock.h"

namespace pos {

// The wall clock, for production. Everything else gets time through pos::Clock.
class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace pos
