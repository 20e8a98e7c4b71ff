#include "scannertext.h"

#include <QStringDecoder>

namespace pos::scanner {

QString textFromScannerBytes(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (utf8.hasError())
        text = QStringDecoder("GB18030").decode(bytes);
    return text.trimmed();
}

} // namespace pos::scanner
