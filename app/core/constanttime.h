#pragma once

#include <QByteArray>

namespace pos {

// Whether two secrets' digests are equal, in time that does not depend on where they differ
// (request signatures at HQ, PIN hashes at the till).
inline bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= char(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace pos
