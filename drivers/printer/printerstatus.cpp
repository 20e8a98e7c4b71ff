#include "printerstatus.h"

#include "transport.h"

#include <QCoreApplication>
#include <QStringList>

namespace pos::printer {

namespace {


// A real answer has bit 1 set and bit 7 clear, and bit 4 set; anything else is noise.
bool looksLikeStatus(char b)
{
    const auto v = uchar(b);
    return (v & 0x12) == 0x12 && (v & 0x81) == 0;
}

} // namespace

QString PrinterStatus::describe() const
{
    if (!answered)
        return tr("status unknown (the printer did not answer)");
    QStringList what;
    if (paperOut)
        what << tr("paper out");
    if (coverOpen)
        what << tr("cover open");
    if (offline && what.isEmpty())
        what << tr("offline");
    if (cutterError)
        what << tr("cutter error");
    if (otherError)
        what << tr("printer error");
    if (paperNearEnd && !paperOut)
        what << tr("paper nearly out");
    return what.isEmpty() ? tr("ready") : what.join(QStringLiteral(", "));
}

PrinterStatus statusFromBytes(char printer, char offline, char error, char paper)
{
    PrinterStatus s;
    s.answered = true;
    const auto p = uchar(printer), o = uchar(offline), e = uchar(error), r = uchar(paper);
    s.drawerOpen = p & 0x04;
    s.offline = p & 0x08;
    s.coverOpen = o & 0x04;
    s.paperOut = (o & 0x20) || (r & 0x60) == 0x60;
    s.otherError = o & 0x40;
    s.cutterError = e & 0x08;
    s.otherError = s.otherError || (e & 0x60);
    s.paperNearEnd = (r & 0x0c) == 0x0c;
    return s;
}

PrinterStatus queryStatus(Transport &transport, int timeoutMs)
{
    if (!transport.canRead())
        return {};
    char answers[4];
    for (int n = 1; n <= 4; ++n) {
        if (!transport.write(QByteArray("\x10\x04", 2) + char(n)))
            return {};
        const QByteArray got = transport.read(1, timeoutMs);
        if (got.size() != 1 || !looksLikeStatus(got[0]))
            return {};
        answers[n - 1] = got[0];
    }
    return statusFromBytes(answers[0], answers[1], answers[2], answers[3]);
}

} // namespace pos::printer
