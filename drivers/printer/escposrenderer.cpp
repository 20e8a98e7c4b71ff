#include "escposrenderer.h"

#include "raster.h"
#include "textlayout.h"

#include <QPainter>
#include <QStringDecoder>

namespace pos::printer {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int margin = 16; // paper either side of the printable width

// The page being printed: grows downwards as lines are added.
class Paper
{
public:
    explicit Paper(int dots) : m_dots(dots), m_image(dots + 2 * margin, 2048, QImage::Format_RGB32)
    {
        m_image.fill(Qt::white);
    }

    QPainter &painterFor(int height)
    {
        if (m_y + height + margin > m_image.height()) {
            m_painter.reset();
            QImage bigger(m_image.width(), qMax(m_image.height() * 2, m_y + height + 2048), QImage::Format_RGB32);
            bigger.fill(Qt::white);
            QPainter(&bigger).drawImage(0, 0, m_image);
            m_image = std::move(bigger);
        }
        if (!m_painter)
            m_painter = std::make_unique<QPainter>(&m_image);
        return *m_painter;
    }

    // x of something `width` dots wide, aligned on the printable width.
    int xFor(int width, Align align) const { return margin + alignedOffset(align, qMax(0, m_dots - width)); }

    void drawImage(const QImage &img, Align align)
    {
        if (img.isNull())
            return;
        painterFor(img.height()).drawImage(xFor(img.width(), align), m_y, img);
        m_y += img.height();
    }

    void advance(int dots) { m_y += dots; }
    int y() const { return m_y; }
    int dots() const { return m_dots; }

    QImage finish()
    {
        m_painter.reset();
        return m_image.copy(0, 0, m_image.width(), m_y + margin);
    }

private:
    int m_dots;
    QImage m_image;
    std::unique_ptr<QPainter> m_painter;
    int m_y = margin;
};

// A run of text bytes printed with one style.
struct Run
{
    QByteArray bytes;
    bool chinese = false;
    TextStyle style;
};


} // namespace

QImage EscPosRenderer::render(const QByteArray &bytes)
{
    m_events.clear();
    Paper paper(m_profile.dots);
    TextStyle style; // as the commands set it
    bool chineseMode = false;
    QList<Run> line;
    Align lineAlign = Align::Left; // ESC a counts at the start of a line
    // QR symbol state (GS ( k) and barcode settings (GS h / GS w).
    QByteArray qrData;
    int qrModule = 3;
    int barHeight = 162;
    int barModule = 3;

    auto flushLine = [&](bool feedIfEmpty) {
        if (line.isEmpty()) {
            if (feedIfEmpty)
                paper.advance(cellHeight + 6);
            return;
        }
        int width = 0;
        int height = cellHeight;
        QList<QString> texts;
        for (const Run &r : line) {
            QString text = r.chinese ? QStringDecoder(codecName(m_profile.encoding)).decode(r.bytes)
                                     : QString::fromLatin1(r.bytes);
            texts.append(text);
            width += displayWidth(text) * cellWidth * (r.style.doubleWidth ? 2 : 1);
            height = qMax(height, cellHeight * (r.style.doubleHeight ? 2 : 1));
        }
        QPainter &p = paper.painterFor(height + 6);
        int x = paper.xFor(width, lineAlign);
        for (qsizetype i = 0; i < line.size(); ++i) {
            const TextStyle &s = line[i].style;
            drawCells(p, x, paper.y() + height - cellHeight * (s.doubleHeight ? 2 : 1), texts[i], s);
            x += displayWidth(texts[i]) * cellWidth * (s.doubleWidth ? 2 : 1);
        }
        paper.advance(height + 6); // the printer's default line spacing leaves a small gap
        line.clear();
    };
    auto addByte = [&](char c) {
        const bool chinese = chineseMode && m_profile.printsChinese();
        if (line.isEmpty())
            lineAlign = style.align;
        if (line.isEmpty() || line.back().chinese != chinese || line.back().style != style)
            line.append({{}, chinese, style});
        line.back().bytes += c;
    };

    const auto at = [&](qsizetype i) { return i < bytes.size() ? uchar(bytes[i]) : 0; };
    qsizetype i = 0;
    while (i < bytes.size()) {
        const uchar c = at(i);
        if (c == 0x0a) {
            flushLine(true);
            ++i;
        } else if (c == 0x1b) {
            const uchar op = at(i + 1);
            switch (op) {
            case '@':
                style = {};
                chineseMode = false;
                i += 2;
                break;
            case 'a':
                style.align = Align(qBound(0, at(i + 2) % 48, 2));
                if (line.isEmpty())
                    lineAlign = style.align;
                i += 3;
                break;
            case 'E':
                style.bold = at(i + 2) & 1;
                i += 3;
                break;
            case '-':
                style.underline = at(i + 2) % 48 != 0;
                i += 3;
                break;
            case '!': {
                const uchar n = at(i + 2);
                style.bold = n & 0x08;
                style.doubleHeight = n & 0x10;
                style.doubleWidth = n & 0x20;
                style.underline = n & 0x80;
                i += 3;
                break;
            }
            case 'd':
                flushLine(false);
                paper.advance(at(i + 2) * (cellHeight + 6));
                i += 3;
                break;
            case 'J':
                flushLine(false);
                paper.advance(at(i + 2));
                i += 3;
                break;
            case 'p':
                m_events.append(u"drawer pin %1 %2/%3 ms"_s.arg(at(i + 2) % 48).arg(at(i + 3) * 2).arg(at(i + 4) * 2));
                i += 5;
                break;
            case 't':
            case 'M':
            case 'R':
            case 'G':
            case '2':
                i += op == '2' ? 2 : 3;
                break;
            case '3':
                i += 3;
                break;
            default:
                m_events.append(u"unknown 1b %1"_s.arg(op, 2, 16, QChar(u'0')));
                i += 2;
                break;
            }
        } else if (c == 0x1d) {
            const uchar op = at(i + 1);
            if (op == '!') {
                const uchar n = at(i + 2);
                style.doubleWidth = (n >> 4) & 0x7;
                style.doubleHeight = n & 0x7;
                i += 3;
            } else if (op == 'V') {
                flushLine(false);
                const uchar m = at(i + 2);
                const bool hasFeed = m == 65 || m == 66;
                if (hasFeed)
                    paper.advance(at(i + 3));
                const bool partial = m == 1 || m == 49 || m == 66;
                m_events.append(partial ? u"cut partial"_s : u"cut full"_s);
                QPainter &p = paper.painterFor(12);
                p.setPen(QPen(Qt::gray, 2, Qt::DashLine));
                p.drawLine(0, paper.y() + 6, paper.dots() + 2 * margin, paper.y() + 6);
                paper.advance(12);
                i += hasFeed ? 4 : 3;
            } else if (op == 'v' && at(i + 2) == '0') {
                flushLine(false);
                const int bytesPerRow = at(i + 4) | (at(i + 5) << 8);
                const int rows = at(i + 6) | (at(i + 7) << 8);
                const qsizetype start = i + 8;
                if (start + qsizetype(bytesPerRow) * rows > bytes.size()) {
                    m_events.append(u"raster image truncated"_s);
                    break;
                }
                if (bytesPerRow == 0 || rows == 0) { // an empty image draws nothing (and has no scan lines)
                    i = start;
                    continue;
                }
                QImage img(bytesPerRow * 8, rows, QImage::Format_Mono);
                img.setColor(0, qRgb(255, 255, 255));
                img.setColor(1, qRgb(0, 0, 0));
                for (int y = 0; y < rows; ++y)
                    memcpy(img.scanLine(y), bytes.constData() + start + qsizetype(y) * bytesPerRow, size_t(bytesPerRow));
                paper.drawImage(img.convertToFormat(QImage::Format_RGB32), style.align);
                i = start + qsizetype(bytesPerRow) * rows;
            } else if (op == '(' && at(i + 2) == 'k') {
                const int len = at(i + 3) | (at(i + 4) << 8);
                const uchar fn = at(i + 6);
                const QByteArray params = bytes.mid(i + 7, qMax(0, len - 2));
                if (fn == 67 && !params.isEmpty())
                    qrModule = qBound(1, int(uchar(params[0])), 16);
                else if (fn == 80 && !params.isEmpty())
                    qrData = params.mid(1);
                else if (fn == 81) {
                    flushLine(false);
                    if (m_profile.nativeQr)
                        paper.drawImage(qrImage(QString::fromUtf8(qrData), qrModule, 0).convertToFormat(QImage::Format_RGB32),
                                        style.align);
                    else
                        m_events.append(u"QR command on a printer without native QR"_s);
                }
                i += 5 + len;
            } else if (op == 'k') {
                flushLine(false);
                const uchar m = at(i + 2);
                QByteArray data;
                qsizetype next;
                if (m <= 6) {
                    const qsizetype end = bytes.indexOf('\0', i + 3);
                    data = bytes.mid(i + 3, (end < 0 ? bytes.size() : end) - (i + 3));
                    next = end < 0 ? bytes.size() : end + 1;
                } else {
                    const int n = at(i + 3);
                    data = bytes.mid(i + 4, n);
                    next = i + 4 + n;
                }
                if (m == 73 && data.startsWith('{'))
                    data = data.mid(2).replace("{{", "{"); // a literal '{' goes out doubled
                const BarcodeType type = (m == 67 || m == 2) ? BarcodeType::Ean13 : BarcodeType::Code128;
                QImage bar = barcodeImage(QString::fromLatin1(data), type, barHeight, barModule);
                paper.drawImage(bar.convertToFormat(QImage::Format_RGB32), style.align);
                QPainter &p = paper.painterFor(cellHeight);
                drawCells(p, paper.xFor(displayWidth(QString::fromLatin1(data)) * cellWidth, style.align), paper.y(),
                          QString::fromLatin1(data), {});
                paper.advance(cellHeight + 6);
                i = next;
            } else if (op == 'h') {
                barHeight = qMax(1, int(at(i + 2)));
                i += 3;
            } else if (op == 'w') {
                barModule = qBound(1, int(at(i + 2)), 6);
                i += 3;
            } else if (op == 'H' || op == 'f' || op == 'B' || op == 'a') {
                i += 3;
            } else if (op == 'L' || op == 'W') {
                i += 4;
            } else {
                m_events.append(u"unknown 1d %1"_s.arg(op, 2, 16, QChar(u'0')));
                i += 2;
            }
        } else if (c == 0x1c) {
            const uchar op = at(i + 1);
            if (op == '&') {
                chineseMode = true;
                i += 2;
            } else if (op == '.') {
                chineseMode = false;
                i += 2;
            } else if (op == '!') {
                const uchar n = at(i + 2);
                if (chineseMode) {
                    style.doubleWidth = n & 0x04;
                    style.doubleHeight = n & 0x08;
                }
                i += 3;
            } else {
                m_events.append(u"unknown 1c %1"_s.arg(op, 2, 16, QChar(u'0')));
                i += 2;
            }
        } else if (c == 0x10 && at(i + 1) == 0x04) {
            m_events.append(u"status request %1"_s.arg(at(i + 2)));
            i += 3;
        } else if (c < 0x20) {
            ++i; // other control bytes print nothing
        } else {
            addByte(char(c));
            ++i;
        }
    }
    flushLine(false);
    return paper.finish();
}

} // namespace pos::printer
