// posctl parse-barcode, scan-image: what a scan says, and what a picture holds.
#include "cliparse.h"
#include "posctl.h"
#include "textcolumns.h"

#include "core/showninput.h"
#include "scanner/barcodeparser.h"
#include "scanner/hidposscanner.h"
#include "scanner/imagedecoder.h"
#include "services/scanservice.h"
#include "services/till.h"

#include <QDir>
#include <QFileInfo>
#include <QSerialPortInfo>
#include <QImageReader>
#include <QJsonArray>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

// The store's layouts when this till has a database; the defaults otherwise (parsing never
// creates a database).
scanner::ParserSettings parserSettings(CliContext &ctx)
{
    if (!QFileInfo::exists(ctx.dbPath))
        return {};
    Till till;
    if (!till.open(ctx.dbPath))
        return {};
    return ScanService(till).parserSettings();
}

QJsonObject codeJson(const scanner::ScanCode &code)
{
    QJsonObject o{{u"kind"_s, scanner::ScanCode::kindKey(code.kind)}, {u"valid"_s, code.valid()}, {u"text"_s, code.text}};
    auto put = [&](const QString &key, const QString &value) {
        if (!value.isEmpty())
            o.insert(key, value);
    };
    put(u"symbology"_s, code.symbology);
    put(u"error"_s, code.error);
    put(u"lookup_code"_s, code.lookupCode);
    put(u"gtin"_s, code.gtin14);
    if (code.priceFen >= 0)
        o.insert(u"price_fen"_s, code.priceFen);
    if (code.weightGrams >= 0)
        o.insert(u"weight_g"_s, code.weightGrams);
    if (!code.gs1.isEmpty()) {
        QJsonArray elements;
        for (const scanner::Gs1Element &e : code.gs1)
            elements.append(QJsonObject{{u"ai"_s, e.ai}, {u"value"_s, e.value}, {u"title"_s, e.title}});
        o.insert(u"gs1"_s, elements);
    }
    put(u"member_id"_s, code.memberId);
    put(u"member_phone"_s, code.memberPhone);
    put(u"guide_id"_s, code.guideId);
    put(u"store_id"_s, code.storeId);
    put(u"receipt"_s, code.receiptNumber);
    if (code.kind == scanner::ScanCode::Kind::Receipt)
        o.insert(u"refund"_s, code.isRefundReceipt);
    return o;
}

// The fields as "key: value" lines, for people.
void printCode(CliContext &ctx, const QJsonObject &o)
{
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        QString value;
        if (it->isArray()) {
            QStringList parts;
            for (const QJsonValue &e : it->toArray())
                parts.append(u"(%1) %2"_s.arg(e[u"ai"_s].toString(), e[u"value"_s].toString()));
            value = parts.join(u' ');
        } else {
            value = it->isString() ? it->toString() : it->toVariant().toString();
        }
        ctx.out << u"  "_s << it.key() << u": "_s << terminalText(value.replace(QChar(0x1d), u"<GS>"_s)) << u'\n';
    }
}

// The scanners plugged in now, each with the address that selects it.
void listScanners(CliContext &ctx)
{
    int found = 0;
    for (const scanner::HidrawScanner &hid : scanner::HidPosScanner::discover()) {
        ctx.out << u"  "_s << terminalText(hid.uri()) << u"  "_s
                << Posctl::tr("HID POS scanner %1 (%2)").arg(terminalText(hid.name), terminalText(hid.node)) << u'\n';
        ++found;
    }
    for (const QSerialPortInfo &port : QSerialPortInfo::availablePorts()) {
        if (!port.hasVendorIdentifier())
            continue; // the board's own UARTs: never a scanner
        ctx.out << u"  serial:"_s << terminalText(port.systemLocation()) << u"  "_s
                << Posctl::tr("serial/USB-COM %1 %2 (%3:%4)")
                       .arg(terminalText(port.manufacturer()), terminalText(port.description()))
                       .arg(port.vendorIdentifier(), 4, 16, QChar(u'0')).arg(port.productIdentifier(), 4, 16, QChar(u'0'))
                << u'\n';
        ++found;
    }
    const QDir byId(u"/dev/input/by-id"_s);
    for (const QString &name : byId.entryList({u"*-event-kbd"_s}, QDir::System | QDir::Files, QDir::Name)) {
        ctx.out << u"  evdev:"_s << terminalText(byId.filePath(name)) << u"  "_s << Posctl::tr("keyboard device (a wedge scanner is one)") << u'\n';
        ++found;
    }
    if (found == 0)
        ctx.out << u"  "_s << Posctl::tr("none found besides the keyboard wedge") << u'\n';
}

} // namespace

int runParseBarcode(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"json"_s, Posctl::tr("Print the result as one JSON object.")});
    parser.addPositionalArgument(u"TEXT"_s, Posctl::tr("What the scanner sent (\\x1d or <GS> for the GS1 separator)."));
    if (!parseCommand(ctx, parser, 1, 1))
        return ExitBadInput;
    // A GS1 separator can't be typed in a shell: accept the usual spellings of it.
    QString text = parser.positionalArguments().constFirst();
    text.replace(u"<GS>"_s, QString(scanner::Gs1::groupSeparator)).replace(u"\\x1d"_s, QString(scanner::Gs1::groupSeparator));
    const scanner::ScanCode code = scanner::BarcodeParser(parserSettings(ctx)).parse(text);
    const QJsonObject o = codeJson(code);
    if (parser.isSet(u"json"_s))
        ctx.out << jsonLine(o) << u'\n';
    else
        printCode(ctx, o);
    ctx.out.flush();
    if (!code.valid())
        return fail(ctx, code.error);
    return ExitOk;
}

int runScanners(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"set"_s, Posctl::tr("Use this scanner too: serial:/dev/ttyACM0[?baud=9600], a wedge scanner's own device "
                                            "evdev:/dev/input/by-id/…-event-kbd, or a HID POS scanner hidpos:auto|VID:PID|/dev/hidrawN."), u"URI"_s});
    parser.addOption({u"list"_s, Posctl::tr("List the scanners plugged in now, with their addresses.")});
    parser.addOption({u"clear"_s, Posctl::tr("The keyboard-wedge scanner only.")});
    parser.addOption({u"weighted"_s, Posctl::tr("The store's weighted-code layout, e.g. 20-29:5:5:price or 28:5:5:weight."), u"LAYOUT"_s});
    parser.addOption({u"wedge"_s, Posctl::tr("How the keyboard wedge tells a scanner from a person: gap=MS,min=N,tab=on|off,prefix=TEXT,suffix=TEXT (any of them)."), u"SETTINGS"_s});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    if (parser.isSet(u"set"_s) && parser.isSet(u"clear"_s))
        return fail(ctx, Posctl::tr("use either --set URI or --clear."));
    if (parser.isSet(u"list"_s)) { // looks at the machine only: no database needed
        ctx.out << Posctl::tr("Scanners found:") << u'\n';
        listScanners(ctx);
        ctx.out.flush();
        return ExitOk;
    }
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    ScanService scans(till);
    if (parser.isSet(u"set"_s) || parser.isSet(u"clear"_s))
        if (Status s = scans.setScannerDevice(parser.isSet(u"clear"_s) ? QString() : parser.value(u"set"_s)); !s)
            return fail(ctx, s.error());
    if (parser.isSet(u"weighted"_s))
        if (Status s = scans.setWeightedLayout(parser.value(u"weighted"_s)); !s)
            return fail(ctx, s.error());
    if (parser.isSet(u"wedge"_s))
        if (Status s = scans.setWedgeSettings(parser.value(u"wedge"_s)); !s)
            return fail(ctx, s.error());
    const QString device = scans.scannerDevice();
    const scanner::WeightedLayout w = scans.parserSettings().weighted;
    const scanner::WedgeSettings wedge = scans.wedgeSettings();
    ctx.out << Posctl::tr("Keyboard-wedge scanner: always on (%1)").arg(terminalText(wedge.toText())) << u'\n'
            << (device.isEmpty() ? Posctl::tr("Scanner device: none") : Posctl::tr("Scanner device: %1").arg(terminalText(device))) << u'\n'
            << Posctl::tr("Weighted codes: prefixes %1, %2-digit item, %3-digit %4")
                   .arg(terminalText(w.prefixes)).arg(w.itemDigits).arg(w.valueDigits)
                   .arg(w.value == scanner::WeightedLayout::Value::PriceFen ? Posctl::tr("price in fen") : Posctl::tr("weight in grams"))
            << u'\n';
    ctx.out.flush();
    return ExitOk;
}

int runScanImage(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"json"_s, Posctl::tr("One JSON object per file.")});
    parser.addPositionalArgument(u"FILE"_s, Posctl::tr("Images (PNG, JPEG, BMP…)."), u"FILE..."_s);
    if (!parseCommand(ctx, parser, 1, 10000))
        return ExitBadInput;
    const bool json = parser.isSet(u"json"_s);
    const scanner::BarcodeParser barcodes(parserSettings(ctx));
    bool unreadable = false;
    bool missing = false;
    for (const QString &file : parser.positionalArguments()) {
        QImageReader reader(file);
        reader.setAutoTransform(true); // a phone photo's EXIF rotation
        const QImage image = reader.read();
        if (image.isNull()) {
            unreadable = true;
            const QString why = Posctl::tr("cannot read %1 as an image: %2").arg(shownPath(file), reader.errorString());
            if (json)
                ctx.out << jsonLine({{u"file"_s, file}, {u"error"_s, why}}) << u'\n';
            else
                warn(ctx, why);
            continue;
        }
        const QList<scanner::DecodedBarcode> found = scanner::ImageDecoder::decode(image);
        if (found.isEmpty()) {
            missing = true;
            if (json)
                ctx.out << jsonLine({{u"file"_s, file}, {u"error"_s, u"no barcode found"_s}}) << u'\n';
            else
                ctx.out << Posctl::tr("%1: no barcode found").arg(terminalText(file)) << u'\n';
            continue;
        }
        QJsonArray all;
        for (const scanner::DecodedBarcode &b : found) {
            QJsonObject o = codeJson(barcodes.parse(b.symbology + b.text));
            o.insert(u"format"_s, b.format);
            o.insert(u"text"_s, b.text);
            all.append(o);
        }
        QJsonObject first = all.first().toObject();
        first.insert(u"file"_s, file);
        if (all.size() > 1)
            first.insert(u"barcodes"_s, all);
        if (json) {
            ctx.out << jsonLine(first) << u'\n';
        } else {
            for (const QJsonValue &b : all) {
                ctx.out << terminalText(file) << u": "_s << terminalText(b[u"format"_s].toString()) << u'\n';
                printCode(ctx, b.toObject());
            }
        }
    }
    ctx.out.flush();
    return unreadable ? ExitBadInput : missing ? ExitFailure : ExitOk;
}

} // namespace pos
