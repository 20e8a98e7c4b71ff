#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QMap>

#include <optional>

namespace pos::scanner {

// One piece of a scan as a HID POS scanner (usage page 0x8C, "Scanned Data Report") sends
// it: up to the report's size of decoded bytes, the AIM symbology id, and whether more
// pieces of the same code follow.
struct HidPosChunk
{
    QByteArray data;
    QByteArray symbology; // "]E0", "]Q1"… as sent; empty when the scanner sends none
    bool continued = false;
};

// Where the fields of a scanner's Scanned Data Report sit, read from its HID report
// descriptor (makers differ: Honeywell adds a byte count and vendor bytes, others don't).
class HidPosLayout
{
    Q_DECLARE_TR_FUNCTIONS(HidPosLayout)
public:
    // The layout of a HID POS barcode scanner; nothing (and why) for any other HID device.
    static std::optional<HidPosLayout> fromDescriptor(const QByteArray &descriptor, QString *why = nullptr);

    // Whether reports start with a report id byte (any descriptor that declares one).
    bool numbered() const { return m_numbered; }
    // Bytes of each input report, its id byte included; by report id (0 when unnumbered).
    const QMap<int, int> &inputReportBytes() const { return m_inputBytes; }

    // The scan piece in one whole input report; nothing for other reports (a trigger or
    // status report) and for reports of the wrong size.
    std::optional<HidPosChunk> read(const QByteArray &report) const;

    // Splits what was read into whole reports, leaving a partial one in `stream`. A report of
    // an id the descriptor doesn't declare can't be sized: the rest is dropped (and counted).
    QList<QByteArray> takeReports(QByteArray &stream, int *dropped = nullptr) const;

private:
    struct Field
    {
        int bit = -1; // offset after the report id byte
        int bits = 0;
    };
    bool m_numbered = false;
    QMap<int, int> m_inputBytes;
    int m_reportId = 0;
    Field m_byteCount;      // Generic Desktop "Byte Count" (0x01:0x3B), when present
    Field m_symbology[3];   // 0x8C:0xFB..0xFD
    Field m_decodedData;    // 0x8C:0xFE
    Field m_continued;      // 0x8C:0xFF (its first bit)
};

} // namespace pos::scanner
