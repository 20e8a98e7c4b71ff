#pragma once

#include <QString>
#include <QtGlobal>

namespace pos {

// A UUID of version 7 (RFC 9562): the Unix time in milliseconds, then 74 random bits, written
// as the usual 36 characters. Ids that leave the till are minted on it, as before; being in
// time order, each new one lands at the end of every index that keys on it, so a sale in a
// year-old file touches a few hot pages instead of one random page per index.
QString mintOrderedId(qint64 unixMs);

} // namespace pos
