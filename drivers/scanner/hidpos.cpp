#include "hidpos.h"

#include <QList>

namespace pos::scanner {

namespace {

constexpr quint32 usage(quint16 page, quint16 id)
{
    return quint32(page) << 16 | id;
}
constexpr quint32 byteCountUsage = usage(0x01, 0x3B);
constexpr quint32 symbologyUsage[3] = {usage(0x8C, 0xFB), usage(0x8C, 0xFC), usage(0x8C, 0xFD)};
constexpr quint32 decodedDataUsage = usage(0x8C, 0xFE);
constexpr quint32 continuedUsage = usage(0x8C, 0xFF);

// Item types and tags of the HID 1.11 short items we need.
enum ItemType { Main = 0, Global = 1, Local = 2 };
enum MainTag { Input = 0x8, Collection = 0xA, EndCollection = 0xC };
enum GlobalTag { UsagePage = 0x0, ReportSize = 0x7, ReportId = 0x8, ReportCount = 0x9, Push = 0xA, Pop = 0xB };
enum LocalTag { Usage = 0x0, UsageMinimum = 0x1, UsageMaximum = 0x2 };
constexpr quint32 inputConstant = 0x001, inputVariable = 0x002, inputBufferedBytes = 0x100;

struct Globals
{
    quint16 usagePage = 0;
    quint32 reportSize = 0;
    quint32 reportCount = 0;
    int reportId = 0;
};

// Bits [bit, bit + n) of a little-endian report, n ≤ 32.
quint32 bitsAt(const QByteArray &bytes, int bit, int n)
{
    quint32 value = 0;
    for (int i = 0; i < n; ++i) {
        const int at = bit + i;
        if (at / 8 >= bytes.size())
            break;
        if (quint8(bytes[at / 8]) >> (at % 8) & 1)
            value |= 1u << i;
    }
    return value;
}

} // namespace

std::optional<HidPosLayout> HidPosLayout::fromDescriptor(const QByteArray &descriptor, QString *why)
{
    auto refuse = [&](const QString &reason) {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    HidPosLayout layout;
    Globals globals;
    QList<Globals> pushed;
    QList<quint32> usages;
    quint32 usageMinimum = 0;
    QMap<int, int> inputBits; // by report id
    bool found = false;

    for (qsizetype at = 0; at < descriptor.size();) {
        const quint8 prefix = quint8(descriptor[at]);
        if (prefix == 0xFE) { // a long item: skip it
            if (at + 1 >= descriptor.size())
                return refuse(tr("The report descriptor ends inside an item."));
            at += 3 + quint8(descriptor[at + 1]);
            continue;
        }
        const int size = (prefix & 3) == 3 ? 4 : (prefix & 3);
        const int type = (prefix >> 2) & 3;
        const int tag = prefix >> 4;
        if (at + 1 + size > descriptor.size())
            return refuse(tr("The report descriptor ends inside an item."));
        quint32 data = 0;
        for (int i = 0; i < size; ++i)
            data |= quint32(quint8(descriptor[at + 1 + i])) << (8 * i);
        at += 1 + size;

        // A usage of 1 or 2 bytes is on the current page; a 4-byte one names its page.
        const quint32 full = size == 4 ? data : usage(globals.usagePage, quint16(data));
        if (type == Global) {
            switch (tag) {
            case UsagePage: globals.usagePage = quint16(data); break;
            case ReportSize: globals.reportSize = data; break;
            case ReportCount: globals.reportCount = data; break;
            case ReportId:
                globals.reportId = int(data & 0xFF);
                layout.m_numbered = true;
                break;
            case Push: pushed.append(globals); break;
            case Pop:
                if (!pushed.isEmpty())
                    globals = pushed.takeLast();
                break;
            default: break;
            }
        } else if (type == Local) {
            if (tag == Usage)
                usages.append(full);
            else if (tag == UsageMinimum)
                usageMinimum = full;
            else if (tag == UsageMaximum)
                for (quint32 u = usageMinimum; u <= full && usages.size() < 1024; ++u)
                    usages.append(u);
        } else if (type == Main) {
            if (tag == Input) {
                int &offset = inputBits[globals.reportId];
                const quint64 bits = quint64(globals.reportSize) * globals.reportCount;
                if (bits > 8 * 4096)
                    return refuse(tr("The report descriptor declares an impossibly large report."));
                const bool isData = !(data & inputConstant) && !usages.isEmpty();
                const bool oneField = !(data & inputVariable) || (data & inputBufferedBytes);
                for (quint32 i = 0; isData && i < (oneField ? 1 : globals.reportCount); ++i) {
                    const quint32 u = usages.value(qsizetype(i), usages.constLast());
                    const Field field{offset + int(i * globals.reportSize), int(oneField ? bits : globals.reportSize)};
                    Field *slot = nullptr;
                    if (u == decodedDataUsage)
                        slot = &layout.m_decodedData, found = true, layout.m_reportId = globals.reportId;
                    else if (u == byteCountUsage)
                        slot = &layout.m_byteCount;
                    else if (u == continuedUsage)
                        slot = &layout.m_continued;
                    for (int s = 0; s < 3; ++s)
                        if (u == symbologyUsage[s])
                            slot = &layout.m_symbology[s];
                    if (slot && slot->bit < 0)
                        *slot = field;
                }
                offset += int(bits);
            }
            usages.clear(); // locals last until the next main item
            usageMinimum = 0;
        }
    }
    if (!found)
        return refuse(tr("It is not a barcode scanner in HID POS mode (no Decoded Data on usage page 0x8C)."));
    for (auto it = inputBits.cbegin(); it != inputBits.cend(); ++it)
        layout.m_inputBytes.insert(it.key(), (it.value() + 7) / 8 + (layout.m_numbered ? 1 : 0));
    return layout;
}

std::optional<HidPosChunk> HidPosLayout::read(const QByteArray &report) const
{
    const int id = m_numbered && !report.isEmpty() ? quint8(report[0]) : 0;
    if (id != m_reportId || report.size() < m_inputBytes.value(id))
        return std::nullopt;
    const QByteArray body = m_numbered ? report.mid(1) : report;
    HidPosChunk chunk;
    int length = m_decodedData.bits / 8;
    if (m_byteCount.bit >= 0)
        length = qMin(length, int(bitsAt(body, m_byteCount.bit, qMin(m_byteCount.bits, 32))));
    chunk.data.reserve(length);
    for (int i = 0; i < length; ++i)
        chunk.data.append(char(bitsAt(body, m_decodedData.bit + 8 * i, 8)));
    if (m_byteCount.bit < 0) // no count: the data is padded with NULs
        while (chunk.data.endsWith('\0'))
            chunk.data.chop(1);
    for (const Field &f : m_symbology)
        if (f.bit >= 0)
            if (const char c = char(bitsAt(body, f.bit, 8)); c != 0)
                chunk.symbology.append(c);
    chunk.continued = m_continued.bit >= 0 && bitsAt(body, m_continued.bit, 1);
    return chunk;
}

QList<QByteArray> HidPosLayout::takeReports(QByteArray &stream, int *dropped) const
{
    QList<QByteArray> reports;
    while (!stream.isEmpty()) {
        const int id = m_numbered ? quint8(stream[0]) : 0;
        const int size = m_inputBytes.value(id, -1);
        if (size <= 0) {
            if (dropped)
                *dropped += int(stream.size());
            stream.clear();
            break;
        }
        if (stream.size() < size)
            break;
        reports.append(stream.left(size));
        stream.remove(0, size);
    }
    return reports;
}

} // namespace pos::scanner
