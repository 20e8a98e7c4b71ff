#pragma once

#include <QCoreApplication>

#include "printdocument.h"
#include "printerprofile.h"
#include "printerstatus.h"
#include "transport.h"

namespace pos::printer {

// One print job to one printer: open, ask its status when it can answer (a printer that
// reports paper out or cover open gets nothing, so nothing is half-printed), send, close.
class Printer
{
    Q_DECLARE_TR_FUNCTIONS(Printer)
public:
    Printer(PrinterUri uri, PrinterProfile profile) : m_uri(std::move(uri)), m_profile(std::move(profile)) {}

    bool print(const PrintDocument &document);
    bool send(const QByteArray &escpos);
    // The cash drawer's pulse alone, sent whatever the paper says (a drawer opens without paper).
    bool pulseDrawer();
    // After print/send: why it failed, in the cashier's words.
    QString errorString() const { return m_error; }
    // The status read before sending (answered = false when the printer can't or didn't say).
    const PrinterStatus &status() const { return m_status; }
    const PrinterProfile &profile() const { return m_profile; }
    const PrinterUri &uri() const { return m_uri; }

    // The profile for an address: the one named, else the one claiming a USB printer's ids,
    // else the generic printer of the paper width.
    static std::optional<PrinterProfile> profileFor(const PrinterUri &uri, const QString &profileId, int paperMm);

private:
    enum class StatusCheck : quint8 { First, Skip };
    bool deliver(const QByteArray &escpos, StatusCheck check);
    PrinterUri m_uri;
    PrinterProfile m_profile;
    PrinterStatus m_status;
    QString m_error;
};

// A page that shows a printer is set up right: its profile, Chinese, columns, styles, a QR
// code and a barcode, then a cut.
PrintDocument testPage(const PrinterProfile &profile, const QString &uri);

} // namespace pos::printer
