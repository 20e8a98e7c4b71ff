#pragma once

#include <QString>

namespace pos {

// A dialog that asked for a scan (the refund's receipt lookup, …): while it is the
// active modal window, scans go to it instead of waiting for the sale.
class ScanConsumer
{
public:
    virtual ~ScanConsumer() = default;
    virtual void consumeScan(const QString &code) = 0;
};

} // namespace pos
