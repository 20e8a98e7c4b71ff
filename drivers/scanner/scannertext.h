#pragma once

#include <QByteArray>
#include <QString>

namespace pos::scanner {

// What a scanner's bytes say: UTF-8 when it is set to send it, else the Chinese code page
// (GB18030, which covers GBK and ASCII). Surrounding spaces and line ends are trimmed.
QString textFromScannerBytes(const QByteArray &bytes);

} // namespace pos::scanner
