#pragma once

#include <QString>

namespace pos::scanner {

// The same scan arriving twice, once from each of two readers, is one scan: a wedge scanner
// read through evdev that the till could not grab also types into the window, and a
// scanner set up as a device may be a keyboard too. A repeat from the same reader is a
// second item (and is kept); an echo from another reader within the window is dropped.
class ScanMerger
{
public:
    enum class Source : quint8 { Wedge, Device };
    static constexpr qint64 echoWindowMs = 800;

    // Whether a scan read at `nowMs` (a monotonic clock) is new.
    bool accept(const QString &code, Source source, qint64 nowMs);

private:
    QString m_lastCode;
    Source m_lastSource = Source::Wedge;
    qint64 m_lastMs = -1;
};

} // namespace pos::scanner
