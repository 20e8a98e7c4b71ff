// posctl printers, print: receipt printers found and configured, test pages and receipts.
#include "cliparse.h"
#include "posctl.h"
#include "textcolumns.h"

#include "printer/printer.h"
#include "printer/usbtransport.h"
#include "services/orderhistory.h"
#include "services/receiptlayout.h"
#include "services/till.h"
#include "store/peoplerepository.h"

#include <QJsonObject>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr auto receiptPrinterKey = "printer.receipt"; // the till's configured receipt printer URI

} // namespace

int runPrinters(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"json"_s, Posctl::tr("One JSON object per printer.")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
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
            ctx.out << padToWidth(p.uri(), 34) << u' ' << p.manufacturer << u' ' << p.product
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
        const QString configured = SettingsRepository(till.database()).value(QString::fromLatin1(receiptPrinterKey));
        if (json && !configured.isEmpty())
            ctx.out << jsonLine({{u"type"_s, u"configured"_s}, {u"role"_s, u"receipt"_s}, {u"uri"_s, configured}}) << u'\n';
        else if (!json)
            ctx.out << (configured.isEmpty() ? Posctl::tr("Receipt printer: not configured.")
                                             : Posctl::tr("Receipt printer: %1").arg(configured))
                    << u'\n';
    }
    ctx.out.flush();
    return ExitOk;
}

int runPrint(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"printer"_s, Posctl::tr("Where to print: usb://VID:PID, usb://auto, tcp://HOST[:PORT], file:/dev/usb/lp0, serial:/dev/ttyUSB0[?baud=N], png:FILE.png."), u"URI"_s});
    parser.addOption({u"test"_s, Posctl::tr("Print a test page.")});
    parser.addOption({u"order"_s, Posctl::tr("Print this order's receipt."), u"NUMBER"_s});
    parser.addOption({u"copy"_s, Posctl::tr("Mark the receipt as a copy.")});
    parser.addOption({u"width"_s, Posctl::tr("Paper width in mm: 58 or 80 (default 80)."), u"MM"_s, u"80"_s});
    parser.addOption({u"profile"_s, Posctl::tr("Printer profile (see the profiles list in the README)."), u"ID"_s});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    if (!parser.isSet(u"printer"_s))
        return fail(ctx, Posctl::tr("print needs --printer URI."));
    if (parser.isSet(u"test"_s) == parser.isSet(u"order"_s))
        return fail(ctx, Posctl::tr("print needs exactly one of --test or --order NUMBER."));
    const int width = parser.value(u"width"_s).toInt();
    if (width != 58 && width != 80)
        return fail(ctx, Posctl::tr("--width must be 58 or 80."));
    QString error;
    const auto uri = printer::PrinterUri::parse(parser.value(u"printer"_s), &error);
    if (!uri)
        return fail(ctx, error);
    const auto profile = printer::Printer::profileFor(*uri, parser.value(u"profile"_s), width);
    if (!profile) {
        QStringList ids;
        for (const printer::PrinterProfile &p : printer::Profiles::all())
            ids.append(p.id);
        return fail(ctx, Posctl::tr("unknown printer profile \"%1\" (known: %2)").arg(parser.value(u"profile"_s), ids.join(u", "_s)));
    }

    printer::PrintDocument document;
    if (parser.isSet(u"test"_s)) {
        document = printer::testPage(*profile, uri->toString());
    } else {
        Till till;
        if (!openTill(ctx, till))
            return ExitFailure;
        auto order = OrderHistory(till).byNumber(parser.value(u"order"_s));
        if (!order)
            return fail(ctx, order.error());
        document = ReceiptLayout(till).sale(*order, {profile->paperMm(), parser.isSet(u"copy"_s)});
    }
    printer::Printer printer(*uri, *profile);
    if (!printer.print(document))
        return fail(ctx, Posctl::tr("not printed: %1").arg(printer.errorString()));
    ctx.out << Posctl::tr("Printed on %1 (%2).").arg(uri->toString(), profile->id) << u'\n';
    ctx.out.flush();
    return ExitOk;
}

} // namespace pos
