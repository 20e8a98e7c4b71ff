#include "barcodeparser.h"

#include "text/safetext.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace pos::scanner {

using namespace Qt::Literals::StringLiterals;

namespace {

// Longer than any code a store prints: garbage, or someone leaning on the keyboard.
constexpr qsizetype maxPayload = 512;

// The reader's AIM symbology identifier (]Xm) and whether it says "GS1 data".
bool isGs1Symbology(const QString &aim)
{
    static const QStringList gs1 = {u"]C1"_s, u"]e0"_s, u"]e1"_s, u"]e2"_s, u"]d2"_s, u"]Q3"_s, u"]J1"_s};
    return gs1.contains(aim);
}

// A Chinese input method in full-width mode turns a wedge scanner's keys into full-width
// forms (６９５１, ＧＵＩＤＥ：Ｇ０３); no code we read has them, so they are folded back.
QChar narrow(QChar c)
{
    if (c.unicode() >= 0xFF01 && c.unicode() <= 0xFF5E)
        return QChar(char16_t(c.unicode() - 0xFF01 + 0x21));
    return c.unicode() == 0x3000 ? QChar(u' ') : c;
}

// Removes what scanners and serial lines add: CR/LF/Tab, NULs and other controls (keeping
// GS, the GS1 separator), and surrounding spaces; folds full-width forms.
QString cleaned(const QString &raw)
{
    QString out;
    out.reserve(raw.size());
    for (QChar c : raw)
        if (c == Gs1::groupSeparator || c.isSurrogate() || (c.isPrint() && c != QChar(0xfffd)))
            out += narrow(c);
    return out.trimmed();
}

bool inPrefixRanges(const QString &ranges, int prefix)
{
    for (const QString &part : ranges.split(u',', Qt::SkipEmptyParts)) {
        const QStringList ends = part.trimmed().split(u'-');
        const int low = ends.value(0).toInt();
        const int high = ends.size() > 1 ? ends[1].toInt() : low;
        if (prefix >= low && prefix <= high)
            return true;
    }
    return false;
}

// 10^n for the decimals an AI's last digit gives.
qint64 power10(int n)
{
    qint64 p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

// value / 10^decimals × scale, rounded half up (a 3103 weight in kg → grams: scale 1000).
// Nothing (0) when the AI's decimals digit isn't one or the figure doesn't fit (the fuzzer's
// find: an AI 310x whose last character is not a digit overflowed 10^n).
qint64 scaled(const QString &digits, int decimals, qint64 scale)
{
    if (decimals < 0 || decimals > 9)
        return 0;
    const qint64 value = digits.toLongLong();
    const qint64 divisor = power10(decimals);
    qint64 product = 0;
    if (__builtin_mul_overflow(value, scale, &product) || __builtin_add_overflow(product, divisor / 2, &product))
        return 0;
    return product / divisor;
}

} // namespace

QString ScanCode::kindKey(Kind kind)
{
    switch (kind) {
    case Kind::Product: return u"product"_s;
    case Kind::Weighted: return u"weighted"_s;
    case Kind::Gs1: return u"gs1"_s;
    case Kind::Member: return u"member"_s;
    case Kind::Guide: return u"guide"_s;
    case Kind::Receipt: return u"receipt"_s;
    case Kind::BindingLink: return u"binding_link"_s;
    case Kind::Invalid: return u"invalid"_s;
    }
    return {};
}

QString BarcodeParser::upcEToUpcA(const QString &upce)
{
    if (upce.size() != 8 || !Gs1::isDigits(upce) || (upce[0] != u'0' && upce[0] != u'1'))
        return {};
    const QString d = upce.mid(1, 6);
    const QChar last = d[5];
    QString body; // manufacturer (5) + product (5)
    switch (last.unicode() - u'0') {
    case 0: case 1: case 2: body = d.left(2) + last + u"0000"_s + d.mid(2, 3); break;
    case 3: body = d.left(3) + u"00000"_s + d.mid(3, 2); break;
    case 4: body = d.left(4) + u"00000"_s + d.mid(4, 1); break;
    default: body = d.left(5) + u"0000"_s + last; break;
    }
    return upce.left(1) + body + upce.back();
}

ScanCode BarcodeParser::parse(const QString &raw) const
{
    ScanCode code;
    QString text = cleaned(raw);
    if (text.startsWith(u']') && text.size() >= 3) {
        code.symbology = text.left(3);
        text = text.mid(3);
    }
    code.text = text;
    if (text.isEmpty()) {
        code.error = tr("The scan was empty.");
        return code;
    }
    if (text.size() > maxPayload) {
        code.error = tr("The scan is too long (%1 characters) to be a code.").arg(text.size());
        code.text = text.left(40) + u'…';
        return code;
    }
    if (isGs1Symbology(code.symbology) || text.contains(Gs1::groupSeparator) || (text.startsWith(u"(0"_s) || text.startsWith(u"(1"_s))) {
        parseGs1(text, code);
        return code;
    }

    const QRegularExpression member(m_settings.memberPattern);
    const QRegularExpression guide(m_settings.guidePattern);
    const QRegularExpression receipt(m_settings.receiptPattern);
    static const QRegularExpression mobile(u"^1[3-9]\\d{9}$"_s);
    if (const auto m = member.match(text); m.hasMatch()) {
        code.kind = ScanCode::Kind::Member;
        code.memberId = m.captured(m.lastCapturedIndex());
        return code;
    }
    if (mobile.match(text).hasMatch()) {
        code.kind = ScanCode::Kind::Member;
        code.memberPhone = text;
        return code;
    }
    if (const auto m = guide.match(text); m.hasMatch()) {
        code.kind = ScanCode::Kind::Guide;
        code.guideId = m.captured(m.lastCapturedIndex());
        return code;
    }
    if (const auto m = receipt.match(text); m.hasMatch()) {
        code.kind = ScanCode::Kind::Receipt;
        code.receiptNumber = m.captured(1);
        code.isRefundReceipt = !m.captured(2).isEmpty();
        return code;
    }
    if (text.startsWith(u"http://"_s, Qt::CaseInsensitive) || text.startsWith(u"https://"_s, Qt::CaseInsensitive)) {
        const QUrl url(text);
        const QUrlQuery query(url);
        const bool ourHost = m_settings.bindingLinkHost.isEmpty() || url.host() == m_settings.bindingLinkHost;
        if (url.isValid() && ourHost && query.hasQueryItem(u"guide"_s) && !query.queryItemValue(u"guide"_s).isEmpty()) {
            code.kind = ScanCode::Kind::BindingLink;
            code.guideId = query.queryItemValue(u"guide"_s);
            code.storeId = query.queryItemValue(u"store"_s);
        } else {
            code.error = tr("This link is not a code the till knows.");
        }
        return code;
    }
    if (Gs1::isDigits(text)) {
        parseDigits(text, code);
        return code;
    }
    // Letters and digits: the store's own code or a SKU, looked up as it is.
    code.kind = ScanCode::Kind::Product;
    code.lookupCode = text;
    return code;
}

void BarcodeParser::parseDigits(const QString &digits, ScanCode &code) const
{
    auto product = [&](const QString &gtin14) {
        code.kind = ScanCode::Kind::Product;
        code.gtin14 = gtin14;
        // The catalog keeps EAN-13 (a UPC-A as 0 + 12 digits).
        code.lookupCode = gtin14.startsWith(u'0') ? gtin14.mid(1) : gtin14;
    };
    auto wrongCheck = [&](const QString &kind, int expected) {
        code.error = tr("%1 %2 has a wrong check digit (it should end in %3): scan it again.")
                         .arg(kind, shownInput(digits)).arg(expected);
    };
    switch (digits.size()) {
    case 8:
        if (Gs1::hasValidCheckDigit(digits)) {
            product(digits.rightJustified(14, u'0'));
            code.lookupCode = digits; // EAN-8 is kept as printed
            return;
        }
        if (const QString upca = upcEToUpcA(digits); !upca.isEmpty() && Gs1::hasValidCheckDigit(upca))
            return product(upca.rightJustified(14, u'0'));
        return wrongCheck(u"EAN-8"_s, Gs1::checkDigit(QStringView(digits).left(7)));
    case 12:
        if (Gs1::hasValidCheckDigit(digits))
            return product(digits.rightJustified(14, u'0'));
        return wrongCheck(u"UPC-A"_s, Gs1::checkDigit(QStringView(digits).left(11)));
    case 13:
        if (!Gs1::hasValidCheckDigit(digits))
            return wrongCheck(u"EAN-13"_s, Gs1::checkDigit(QStringView(digits).left(12)));
        if (inPrefixRanges(m_settings.weighted.prefixes, digits.left(2).toInt()) && parseWeighted(digits, code))
            return;
        return product(digits.rightJustified(14, u'0'));
    case 14:
        if (Gs1::hasValidCheckDigit(digits))
            return product(digits);
        return wrongCheck(u"GTIN-14"_s, Gs1::checkDigit(QStringView(digits).left(13)));
    case 18:
        if (digits.startsWith(u'2') && parseScale(digits, code))
            return;
        break;
    default:
        break;
    }
    if (digits.size() > 16 && (digits.startsWith(u"01"_s) || digits.startsWith(u"02"_s))) {
        parseGs1(digits, code); // GS1-128 or DataMatrix read without its symbology id
        return;
    }
    // Other lengths: a store code; looked up as it is.
    code.kind = ScanCode::Kind::Product;
    code.lookupCode = digits;
}

bool BarcodeParser::parseWeighted(const QString &digits, ScanCode &code) const
{
    const WeightedLayout &l = m_settings.weighted;
    if (2 + l.itemDigits + l.valueDigits + 1 != 13)
        return false; // a layout that does not fit EAN-13: treat the code as a plain one
    code.kind = ScanCode::Kind::Weighted;
    code.lookupCode = digits.mid(2, l.itemDigits);
    const qint64 value = digits.mid(2 + l.itemDigits, l.valueDigits).toLongLong();
    (l.value == WeightedLayout::Value::PriceFen ? code.priceFen : code.weightGrams) = value;
    return true;
}

bool BarcodeParser::parseScale(const QString &digits, ScanCode &code) const
{
    const ScaleLayout &l = m_settings.scale;
    if (l.prefixDigits + l.itemDigits + l.weightDigits + l.amountDigits + 1 != 18)
        return false;
    if (!Gs1::hasValidCheckDigit(digits)) {
        code.error = tr("Scale code %1 has a wrong check digit: scan it again.").arg(shownInput(digits));
        return true;
    }
    code.kind = ScanCode::Kind::Weighted;
    qsizetype at = l.prefixDigits;
    code.lookupCode = digits.mid(at, l.itemDigits);
    at += l.itemDigits;
    code.weightGrams = digits.mid(at, l.weightDigits).toLongLong();
    at += l.weightDigits;
    code.priceFen = digits.mid(at, l.amountDigits).toLongLong();
    return true;
}

void BarcodeParser::parseGs1(const QString &data, ScanCode &code) const
{
    QString error;
    const auto elements = Gs1::parse(data, &error);
    if (!elements) {
        code.error = tr("Not a valid GS1 code: %1.").arg(error);
        return;
    }
    code.kind = ScanCode::Kind::Gs1;
    code.gs1 = *elements;
    for (const Gs1Element &e : code.gs1) {
        if (e.ai == u"01"_s || (e.ai == u"02"_s && code.gtin14.isEmpty())) {
            code.gtin14 = e.value;
            code.lookupCode = e.value.startsWith(u'0') ? e.value.mid(1) : e.value;
        } else if (e.ai.startsWith(u"310"_s)) {
            code.weightGrams = scaled(e.value, e.ai.back().unicode() - u'0', 1000);
        } else if (e.ai.startsWith(u"392"_s)) {
            code.priceFen = scaled(e.value, e.ai.back().unicode() - u'0', 100);
        }
    }
}

} // namespace pos::scanner
