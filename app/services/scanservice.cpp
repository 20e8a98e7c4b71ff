#include "scanservice.h"

#include "lookupservice.h"
#include "receiptlayout.h"
#include "till.h"

#include "core/showninput.h"

#include "scanner/scannerdevice.h"
#include "store/peoplerepository.h"

#include <QUrl>

namespace pos {

using namespace Qt::Literals::StringLiterals;

std::optional<scanner::WeightedLayout> ScanService::weightedLayoutFrom(const QString &text)
{
    const QStringList parts = text.split(u':');
    if (parts.size() != 4)
        return std::nullopt;
    scanner::WeightedLayout layout;
    layout.prefixes = parts[0].trimmed();
    bool itemOk = false;
    bool valueOk = false;
    layout.itemDigits = parts[1].toInt(&itemOk);
    layout.valueDigits = parts[2].toInt(&valueOk);
    const QString kind = parts[3].trimmed().toLower();
    if (!itemOk || !valueOk || layout.itemDigits + layout.valueDigits != 10 || layout.itemDigits < 1
        || layout.valueDigits < 1 || (kind != u"price"_s && kind != u"weight"_s) || layout.prefixes.isEmpty())
        return std::nullopt;
    layout.value = kind == u"weight"_s ? scanner::WeightedLayout::Value::WeightGrams
                                       : scanner::WeightedLayout::Value::PriceFen;
    return layout;
}

QString ScanService::scannerDevice() const
{
    return SettingsRepository(m_till.database()).value(QString::fromLatin1(scannerDeviceKey));
}

Status ScanService::setScannerDevice(const QString &uri)
{
    QString error;
    if (!uri.isEmpty() && !scanner::ScannerDevice::checkUri(uri, &error))
        return Status::failure(error);
    return SettingsRepository(m_till.database()).setValue(QString::fromLatin1(scannerDeviceKey), uri);
}

scanner::WedgeSettings ScanService::wedgeSettings() const
{
    const QString stored = SettingsRepository(m_till.database()).value(QString::fromLatin1(wedgeKey));
    return scanner::WedgeSettings::fromText(stored, {}).value_or(scanner::WedgeSettings{});
}

Status ScanService::setWedgeSettings(const QString &text)
{
    QString error;
    const auto settings = scanner::WedgeSettings::fromText(text, wedgeSettings(), &error);
    if (!settings)
        return Status::failure(error);
    return SettingsRepository(m_till.database()).setValue(QString::fromLatin1(wedgeKey), settings->toText());
}

Status ScanService::setWeightedLayout(const QString &layout)
{
    if (!layout.isEmpty() && !weightedLayoutFrom(layout))
        return Status::failure(tr("A weighted-code layout is PREFIXES:ITEM:VALUE:price|weight with ITEM + VALUE = 10 "
                                  "digits, e.g. 20-29:5:5:price; not \"%1\".").arg(shownInput(layout)));
    return SettingsRepository(m_till.database()).setValue(QString::fromLatin1(weightedLayoutKey), layout);
}

scanner::ParserSettings ScanService::parserSettings() const
{
    scanner::ParserSettings settings;
    const SettingsRepository stored(m_till.database());
    if (const auto layout = weightedLayoutFrom(stored.value(QString::fromLatin1(weightedLayoutKey))))
        settings.weighted = *layout;
    // The binding links this till prints are the ones it accepts back.
    const QString link = stored.value(QString::fromLatin1(ReceiptLayout::guideLinkKey));
    if (!link.isEmpty())
        settings.bindingLinkHost = QUrl(QString(link).replace(u"{guide}"_s, u"G"_s).replace(u"{store}"_s, u"S"_s)).host();
    return settings;
}

scanner::ScanCode ScanService::parse(const QString &raw) const
{
    return scanner::BarcodeParser(parserSettings()).parse(raw);
}

Result<CatalogItem> ScanService::product(const scanner::ScanCode &code) const
{
    using R = Result<CatalogItem>;
    if (!code.valid())
        return R::failure(code.error);
    const LookupService lookup(m_till);
    auto item = lookup.sellableProduct(code.lookupCode.isEmpty() ? code.text : code.lookupCode);
    if (!item && !code.lookupCode.isEmpty() && code.lookupCode != code.text)
        if (auto asScanned = lookup.sellableProduct(code.text))
            item = asScanned; // registered in the catalog exactly as scanned
    if (!item)
        return item;
    if (code.kind == scanner::ScanCode::Kind::Gs1 && code.priceFen < 0 && code.weightGrams < 0)
        return item; // a GTIN with batch, dates… sells at the catalog price
    if (code.priceFen >= 0) {
        item->price = Money::fromFen(code.priceFen);
    } else if (code.weightGrams >= 0) {
        // Catalog price per kg × grams, rounded half up to the fen.
        item->price = Money::fromFen((item->price.fen() * code.weightGrams + 500) / 1000);
    }
    if (code.weightGrams >= 0)
        item->name = tr("%1 %2 kg").arg(item->name, QString::number(double(code.weightGrams) / 1000.0, 'f', 3));
    return item;
}

} // namespace pos
