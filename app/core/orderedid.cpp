#include "orderedid.h"

#include <QRandomGenerator>

#include <array>

namespace pos {

QString mintOrderedId(qint64 unixMs)
{
    std::array<quint8, 16> b{};
    const quint64 ms = quint64(qMax<qint64>(0, unixMs)) & 0xFFFFFFFFFFFFULL;
    for (int i = 0; i < 6; ++i)
        b[i] = quint8(ms >> (8 * (5 - i)));
    QRandomGenerator::system()->generate(b.begin() + 6, b.end());
    b[6] = quint8(0x70 | (b[6] & 0x0F)); // version 7
    b[8] = quint8(0x80 | (b[8] & 0x3F)); // RFC variant
    static constexpr char hex[] = "0123456789abcdef";
    QString out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += u'-';
        out += QLatin1Char(hex[b[i] >> 4]);
        out += QLatin1Char(hex[b[i] & 0x0F]);
    }
    return out;
}

} // namespace pos
