#pragma once

#include "gs1.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace pos::scanner {

// What a scanned payload is, whatever read it (keyboard wedge, serial, HID, camera, image).
struct ScanCode
{
    enum class Kind : quint8 {
        Product,     // a GTIN (EAN-13/8, UPC-A/E, ITF-14) or a store code to look up as is
        Weighted,    // an in-store code with the item and its price or weight embedded
        Gs1,         // a GS1 element string (DataMatrix, GS1-128, QR): GTIN, batch, dates…
        Member,      // a member's card or QR, or a mobile number
        Guide,       // a guide's badge
        Receipt,     // one of our receipts (a sale or a refund): opens its refund
        BindingLink, // the guide-binding link the receipts carry
        Invalid,     // looks like a code but is wrong (check digit, GS1 syntax); never looked up
    };
    Kind kind = Kind::Invalid;
    QString text;        // the payload, cleaned (control characters and AIM id removed)
    QString symbology;   // the AIM id when the reader sent one (]E0, ]Q1, ]C1, ]d2…)
    QString error;       // for Invalid: what is wrong, for the cashier
    QString lookupCode;  // Product/Weighted/Gs1: the code to look up (GTIN-13 when it has one)
    QString gtin14;      // the GTIN as 14 digits, when there is one
    qint64 priceFen = -1;     // Weighted/Gs1: price embedded in the code
    qint64 weightGrams = -1;  // Weighted/Gs1: weight embedded in the code
    QList<Gs1Element> gs1;    // Gs1
    QString memberId;    // Member: the id; or memberPhone
    QString memberPhone;
    QString guideId;     // Guide, BindingLink
    QString storeId;     // BindingLink, when it names one
    QString receiptNumber; // Receipt
    bool isRefundReceipt = false;

    bool valid() const { return kind != Kind::Invalid; }
    static QString kindKey(Kind kind); // "product", "weighted", "gs1", "member"…
};

// How a chain lays out its in-store codes. Each store can have its own.
struct WeightedLayout
{
    QString prefixes = QStringLiteral("20-29"); // the EAN-13 prefixes (two digits) it applies to
    int itemDigits = 5;     // after the two-digit prefix
    int valueDigits = 5;    // then the embedded value, then the EAN check digit
    enum class Value : quint8 { PriceFen, WeightGrams } value = Value::PriceFen;
};

// The 18-digit codes of Chinese label scales (大华, 顶尖…): prefix, item, weight, amount, check.
struct ScaleLayout
{
    int prefixDigits = 2;
    int itemDigits = 5;
    int weightDigits = 5; // grams
    int amountDigits = 5; // fen
};

struct ParserSettings
{
    WeightedLayout weighted;
    ScaleLayout scale;
    // With the MEMBER: prefix any member id; bare, only M and digits (an SKU may start with M).
    QString memberPattern = QStringLiteral("^(?:(?:MEMBER:|M:)(M[0-9A-Za-z]{1,15})|(M\\d{4,10}))$");
    QString guidePattern = QStringLiteral("^(?:GUIDE:|G:)(G\\w{1,15})$");
    QString receiptPattern = QStringLiteral("^([A-Z0-9]{1,8}-[A-Z0-9]{1,8}-(R?)\\d{6,})$");
    QString bindingLinkHost; // empty: any http(s) link with a guide= parameter
};

// One parser for every payload. Order matters: our own payloads (member, guide, receipt,
// binding link) are recognised first; then GS1; then digits by length and check digit;
// anything else is a code to look up as typed (a SKU).
class BarcodeParser
{
    Q_DECLARE_TR_FUNCTIONS(BarcodeParser)
public:
    explicit BarcodeParser(ParserSettings settings = {}) : m_settings(std::move(settings)) {}
    ScanCode parse(const QString &raw) const;

    // UPC-E (8 digits, number system 0 or 1) as the UPC-A it stands for.
    static QString upcEToUpcA(const QString &upce);

private:
    bool parseWeighted(const QString &digits, ScanCode &code) const;
    bool parseScale(const QString &digits, ScanCode &code) const;
    void parseDigits(const QString &digits, ScanCode &code) const;
    void parseGs1(const QString &data, ScanCode &code) const;
    ParserSettings m_settings;
};

} // namespace pos::scanner
