#pragma once

#include "core/catalogitem.h"
#include "core/result.h"
#include "scanner/barcodeparser.h"
#include "scanner/wedgesettings.h"

#include <QCoreApplication>

namespace pos {

class Till;

// What a scan means in this store: the payload parsed with the store's own layouts (weighted
// codes, the chain's binding-link host), and the product a product code names, priced as the
// code says.
class ScanService
{
    Q_DECLARE_TR_FUNCTIONS(ScanService)
public:
    explicit ScanService(const Till &till) : m_till(till) {}

    // Settings key of the in-store weighted EAN-13 layout: "PREFIXES:ITEM:VALUE:price|weight",
    // e.g. "20-29:5:5:price" (the default) or "21,22:5:5:weight".
    static constexpr auto weightedLayoutKey = "scan.weighted_layout";
    // Settings key of a scanner device besides the keyboard wedge (scanner::ScannerDevice):
    // serial:/dev/ttyACM0?baud=9600, evdev:/dev/input/by-id/…-event-kbd or hidpos:auto.
    // Empty: the keyboard wedge only.
    static constexpr auto scannerDeviceKey = "scanner.device";

    // Settings key of how the keyboard wedge tells scanners from people (WedgeSettings text).
    static constexpr auto wedgeKey = "scanner.wedge";

    QString scannerDevice() const;
    scanner::WedgeSettings wedgeSettings() const;
    // Checks the text ("gap=35,min=4,tab=on,prefix=,suffix=", any subset: the others stay as
    // they are) before storing it.
    Status setWedgeSettings(const QString &text);
    // Checks the address before storing it.
    Status setScannerDevice(const QString &uri);
    Status setWeightedLayout(const QString &layout);

    scanner::ParserSettings parserSettings() const;
    scanner::ScanCode parse(const QString &raw) const;

    // The product a Product, Weighted or GS1 code names. A weighted code's embedded price
    // becomes the line price; an embedded weight is priced at the catalog price per kg.
    Result<CatalogItem> product(const scanner::ScanCode &code) const;

    // Checks a layout text before it is stored.
    static std::optional<scanner::WeightedLayout> weightedLayoutFrom(const QString &text);

private:
    const Till &m_till;
};

} // namespace pos
