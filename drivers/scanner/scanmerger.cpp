#include "scanmerger.h"

namespace pos::scanner {

bool ScanMerger::accept(const QString &code, Source source, qint64 nowMs)
{
    const bool echo = m_lastMs >= 0 && source != m_lastSource && code == m_lastCode && nowMs - m_lastMs <= echoWindowMs;
    if (echo)
        return false; // keep the first reading's time: a third echo is still one scan
    m_lastCode = code;
    m_lastSource = source;
    m_lastMs = nowMs;
    return true;
}

} // namespace pos::scanner
