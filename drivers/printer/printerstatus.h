#pragma once

#include <QCoreApplication>

#include <QString>

namespace pos::printer {

class Transport;

// What DLE EOT 1–4 say about a printer. A printer that does not answer in time is Unknown,
// never "ok".
struct PrinterStatus
{
    Q_DECLARE_TR_FUNCTIONS(PrinterStatus)
public:
    bool answered = false;
    bool offline = false;
    bool coverOpen = false;
    bool paperOut = false;
    bool paperNearEnd = false;
    bool cutterError = false;
    bool otherError = false;
    bool drawerOpen = false; // pin 3 high; what "open" means depends on the drawer

    // Nothing stands in the way of printing.
    bool canPrint() const { return answered && !offline && !coverOpen && !paperOut && !cutterError && !otherError; }
    // In words for the cashier: "paper out", "cover open", … ("status unknown" when silent).
    QString describe() const;
};

// Asks over the transport (it must be open and able to read).
PrinterStatus queryStatus(Transport &transport, int timeoutMs = 500);

// The bits of the four answers (one byte each, bits 1 and 4 always set).
PrinterStatus statusFromBytes(char printerStatus, char offlineStatus, char errorStatus, char paperStatus);

} // namespace pos::printer
