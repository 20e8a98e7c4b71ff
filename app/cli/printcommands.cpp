// posctl printers, print: receipt printers found and configured, test pages and receipts.
#include "cliparse.h"
#include "posctl.h"
#include "textcolumns.h"

#include "core/showninput.h"
#include "printer/printer.h"
#include "printer/usbtransport.h"
#include "services/printqueue.h"
#include "services/till.h"

#include <QJsonObject>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QStringList profileIds()
{
    QStringList ids;
    for (const printer::PrinterProfile &p : printer::Profiles::all())
        ids.append(p.id);
    return ids;
}

QString unknownProfile(const QString &id)
{
    return Posctl::tr("unknown printer profile \"%1\" (known: %2)").arg(shownInput(id), profileIds().join(u", "_s));
}

// --width (0 when absent) and --profile as given, or why they are wrong.
Result<PrinterChoice> paperOptions(const QCommandLineParser &parser)
{
    PrinterChoice paper;
    if (parser.isSet(u"width"_s)) {
        paper.paperMm = parser.value(u"width"_s).toInt();
        if (paper.paperMm != 58 && paper.paperMm != 80)
            return Result<PrinterChoice>::failure(Posctl::tr("--width must be 58 or 80."));
    }
    paper.profile = parser.value(u"profile"_s);
    if (!paper.profile.isEmpty() && !printer::Profiles::byId(paper.profile))
        return Result<PrinterChoice>::failure(unknownProfile(paper.profile));
    return paper;
}

// Sets or clears the till's receipt printer (printers --set / --clear).
int configureReceiptPrinter(CliContext &ctx, const QCommandLineParser &parser)
{
    auto choice = paperOptions(parser);
    if (!choice)
        return fail(ctx, choice.error());
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    choice->uri = parser.isSet(u"clear"_s) ? QString() : parser.value(u"set"_s);
    if (Status s = PrintQueue(till).setReceiptPrinter(*choice); !s)
        return failWith(ctx, s);
    ctx.out << (choice->isEmpty() ? Posctl::tr("Receipt printer removed: receipts are no longer printed.")
                                  : Posctl::tr("Receipt printer: %1").arg(terminalText(choice->uri)))
            << u'\n';
    ctx.out.flush();
    return ExitOk;
}

QString describeChoice(const PrinterChoice &choice)
{
    QString text = terminalText(choice.uri);
    if (!choice.profile.isEmpty())
        text += Posctl::tr(", profile %1").arg(terminalText(choice.profile));
    if (choice.paperMm)
        text += Posctl::tr(", %1 mm").arg(choice.paperMm);
    return text;
}

} // namespace

int runPrinters(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"json"_s, Posctl::tr("One JSON object per printer.")});
    parser.addOption({u"set"_s, Posctl::tr("Make this the till's receipt printer."), u"URI"_s});
    parser.addOption({u"clear"_s, Posctl::tr("The till has no receipt printer any more.")});
    parser.addOption({u"width"_s, Posctl::tr("With --set: paper width in mm, 58 or 80."), u"MM"_s});
    parser.addOption({u"profile"_s, Posctl::tr("With --set: the printer profile."), u"ID"_s});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    if (parser.isSet(u"set"_s) && parser.isSet(u"clear"_s))
        return fail(ctx, Posctl::tr("use either --set URI or --clear."));
    if (parser.isSet(u"set"_s) || parser.isSet(u"clear"_s))
        return configureReceiptPrinter(ctx, parser);
    if (parser.isSet(u"width"_s) || parser.isSet(u"profile"_s))
        return fail(ctx, Posctl::tr("--width and --profile go with --set URI."));
    const auto backend = printer::makeLibUsbBackend();
    const bool json = parser.isSet(u"json"_s);
    const int rc = backend->init();
    const QList<printer::UsbPrinterInfo> found = rc == 0 ? backend->printers() : QList<printer::UsbPrinterInfo>{};
    if (rc != 0 && !json)
        ctx.out << Posctl::tr("USB: not available (%1)").arg(printer::UsbTransport::explain(rc)) << u'\n';
    for (const printer::UsbPrinterInfo &p : found) {
        const auto profile = printer::Profiles::forUsb(p.vendorId, p.productId);
        if (json) {
            ctx.out << jsonLine({{u"type"_s, u"usb"_s},
                                {u"uri"_s, p.uri()},
                                {u"vendor_id"_s, u"%1"_s.arg(p.vendorId, 4, 16, QChar(u'0'))},
                                {u"product_id"_s, u"%1"_s.arg(p.productId, 4, 16, QChar(u'0'))},
                                {u"manufacturer"_s, p.manufacturer},
                                {u"product"_s, p.product},
                                {u"serial"_s, p.serialNumber},
                                {u"bus"_s, p.bus},
                                {u"address"_s, p.address},
                                {u"interface"_s, p.interfaceNumber},
                                {u"interface_class"_s, p.interfaceClass},
                                {u"can_answer"_s, p.bulkIn != 0},
                                {u"profile"_s, profile ? profile->id : QString()}})
                    << u'\n';
        } else {
            ctx.out << padToWidth(p.uri(), 34) << u' ' << terminalText(p.manufacturer) << u' ' << terminalText(p.product)
                    << Posctl::tr("  (bus %1 device %2, interface %3%4)")
                           .arg(p.bus).arg(p.address).arg(p.interfaceNumber)
                           .arg(profile ? u", profile "_s + profile->id : QString())
                    << u'\n';
        }
    }
    if (found.isEmpty() && !json)
        ctx.out << Posctl::tr("No USB receipt printer found.") << u'\n';
    Till till;
    if (openTill(ctx, till)) {
        const PrinterChoice configured = PrintQueue(till).receiptPrinter();
        if (json && !configured.isEmpty())
            ctx.out << jsonLine({{u"type"_s, u"configured"_s}, {u"role"_s, u"receipt"_s}, {u"uri"_s, configured.uri},
                                 {u"profile"_s, configured.profile}, {u"paper_mm"_s, configured.paperMm}})
                    << u'\n';
        else if (!json)
            ctx.out << (configured.isEmpty() ? Posctl::tr("Receipt printer: not configured (posctl printers --set URI).")
                                             : Posctl::tr("Receipt printer: %1").arg(describeChoice(configured)))
                    << u'\n';
    }
    ctx.out.flush();
    return ExitOk;
}

int runPrint(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"printer"_s, Posctl::tr("Where to print (default: the till's receipt printer): usb://VID:PID, usb://auto, tcp://HOST[:PORT], file:/dev/usb/lp0, serial:/dev/ttyUSB0[?baud=N], png:FILE.png."), u"URI"_s});
    parser.addOption({u"test"_s, Posctl::tr("Print a test page.")});
    parser.addOption({u"order"_s, Posctl::tr("Print this order's receipt."), u"NUMBER"_s});
    parser.addOption({u"refund"_s, Posctl::tr("Print this refund's receipt."), u"NUMBER"_s});
    parser.addOption({u"copy"_s, Posctl::tr("Print a copy, marked as such (a receipt already printed always is).")});
    parser.addOption({u"width"_s, Posctl::tr("Paper width in mm: 58 or 80 (default: the till's setting, else 80)."), u"MM"_s});
    parser.addOption({u"profile"_s, Posctl::tr("Printer profile (see the profiles list in the README)."), u"ID"_s});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    const int chosen = int(parser.isSet(u"test"_s)) + int(parser.isSet(u"order"_s)) + int(parser.isSet(u"refund"_s));
    if (chosen != 1)
        return fail(ctx, Posctl::tr("print needs exactly one of --test, --order NUMBER or --refund NUMBER."));
    if (parser.isSet(u"test"_s) && parser.isSet(u"copy"_s))
        return fail(ctx, Posctl::tr("--copy goes with --order or --refund."));
    const auto paper = paperOptions(parser);
    if (!paper)
        return fail(ctx, paper.error());
    QString error;
    if (parser.isSet(u"printer"_s) && !printer::PrinterUri::parse(parser.value(u"printer"_s), &error))
        return fail(ctx, error);

    // A test page on a named printer needs no database; everything else reads the till's.
    const bool needTill = !(parser.isSet(u"test"_s) && parser.isSet(u"printer"_s));
    Till till;
    if (needTill && !openTill(ctx, till))
        return ExitFailure;
    // The printer named on the command line (80 mm unless told), else the till's own.
    PrinterChoice choice = needTill ? PrintQueue(till).receiptPrinter() : PrinterChoice{};
    if (parser.isSet(u"printer"_s))
        choice = {parser.value(u"printer"_s), {}, 80};
    if (!paper->profile.isEmpty())
        choice.profile = paper->profile;
    if (paper->paperMm)
        choice.paperMm = paper->paperMm;
    if (choice.isEmpty())
        return fail(ctx, Posctl::tr("no receipt printer is set up: give --printer URI, or set one with posctl printers --set URI."));

    if (parser.isSet(u"test"_s)) {
        auto device = PrintQueue::printerFor(choice);
        if (!device)
            return fail(ctx, device.error());
        if (!device->print(printer::testPage(device->profile(), device->uri().toString())))
            return fail(ctx, Posctl::tr("not printed: %1").arg(device->errorString()));
        ctx.out << Posctl::tr("Printed on %1 (%2).").arg(terminalText(device->uri().toString()), device->profile().id) << u'\n';
        ctx.out.flush();
        return ExitOk;
    }

    PrintQueue queue(till);
    const PrintQueue::Print what = parser.isSet(u"copy"_s) ? PrintQueue::Print::Copy : PrintQueue::Print::AsNeeded;
    const bool onTillPrinter = !parser.isSet(u"printer"_s) && paper->profile.isEmpty() && paper->paperMm == 0;
    const PrinterChoice jobPrinter = onTillPrinter ? PrinterChoice{} : choice;
    auto job = parser.isSet(u"order"_s) ? queue.queueSale(parser.value(u"order"_s), what, jobPrinter)
                                        : queue.queueRefund(parser.value(u"refund"_s), what, jobPrinter);
    if (!job)
        return failWith(ctx, job);
    if (job->isCopy())
        auditCli(till, u"reprint"_s, job->document);
    return printQueuedJob(ctx, queue, job->id, ReportPrinted::Always);
}

} // namespace pos
