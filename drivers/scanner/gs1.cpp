#include "gs1.h"

#include "text/safetext.h"

#include <QDate>

namespace pos::scanner {

using namespace Qt::Literals::StringLiterals;

namespace {

// What the parser needs to know of an AI: how long it is (0: variable, up to maxLength) and
// how its data is checked.
enum class Check : quint8 { None, Digits, Gtin, Date };
struct AiSpec
{
    const char *ai;
    int fixedLength; // data length when fixed, else 0
    int maxLength;
    Check check;
    const char *title;
};

// The AIs a store sees on goods and logistics labels (GS1 General Specifications §3.2).
// 310n…369n and 390n…395n take their last digit as the decimal places.
constexpr AiSpec specs[] = {
    {"00", 18, 18, Check::Gtin, "SSCC"},
    {"01", 14, 14, Check::Gtin, "GTIN"},
    {"02", 14, 14, Check::Gtin, "CONTENT"},
    {"10", 0, 20, Check::None, "BATCH/LOT"},
    {"11", 6, 6, Check::Date, "PROD DATE"},
    {"12", 6, 6, Check::Date, "DUE DATE"},
    {"13", 6, 6, Check::Date, "PACK DATE"},
    {"15", 6, 6, Check::Date, "BEST BEFORE"},
    {"16", 6, 6, Check::Date, "SELL BY"},
    {"17", 6, 6, Check::Date, "USE BY"},
    {"20", 2, 2, Check::Digits, "VARIANT"},
    {"21", 0, 20, Check::None, "SERIAL"},
    {"22", 0, 20, Check::None, "CPV"},
    {"240", 0, 30, Check::None, "ADDITIONAL ID"},
    {"241", 0, 30, Check::None, "CUST. PART No."},
    {"30", 0, 8, Check::Digits, "VAR. COUNT"},
    {"37", 0, 8, Check::Digits, "COUNT"},
    {"400", 0, 30, Check::None, "ORDER NUMBER"},
    {"410", 13, 13, Check::Gtin, "SHIP TO LOC"},
    {"414", 13, 13, Check::Gtin, "LOC No."},
    {"420", 0, 20, Check::None, "SHIP TO POST"},
    {"422", 3, 3, Check::Digits, "ORIGIN"},
    {"7003", 10, 10, Check::Digits, "EXPIRY TIME"},
    {"8005", 6, 6, Check::Digits, "PRICE PER UNIT"},
    {"8200", 0, 70, Check::None, "PRODUCT URL"},
    {"90", 0, 30, Check::None, "INTERNAL"},
};

// 31nn–36nn (measures) and 390n–395n (amounts): the last digit is the decimal places.
struct DecimalAi
{
    const char *prefix; // three digits
    int fixedLength;    // 6 for measures, 0 for variable amounts
    int maxLength;
    const char *title;
};
constexpr DecimalAi decimalSpecs[] = {
    {"310", 6, 6, "NET WEIGHT (kg)"}, {"311", 6, 6, "LENGTH (m)"},  {"312", 6, 6, "WIDTH (m)"},
    {"313", 6, 6, "HEIGHT (m)"},      {"314", 6, 6, "AREA (m2)"},   {"315", 6, 6, "NET VOLUME (l)"},
    {"316", 6, 6, "NET VOLUME (m3)"}, {"320", 6, 6, "NET WEIGHT (lb)"}, {"330", 6, 6, "GROSS WEIGHT (kg)"},
    {"390", 0, 15, "AMOUNT"},         {"391", 0, 18, "AMOUNT"},     {"392", 0, 15, "PRICE"},
    {"393", 0, 18, "PRICE"},          {"395", 6, 6, "PRICE/UoM"},
};

struct Found
{
    QString ai;
    int fixedLength = 0;
    int maxLength = 0;
    Check check = Check::None;
    QString title;
};

// The AI at the start of `rest`, if it is one the parser knows.
std::optional<Found> lookUp(QStringView rest)
{
    for (const AiSpec &s : specs) {
        const QLatin1StringView ai(s.ai);
        if (rest.startsWith(ai))
            return Found{ai.toString(), s.fixedLength, s.maxLength, s.check, QString::fromLatin1(s.title)};
    }
    for (const DecimalAi &d : decimalSpecs) {
        const QLatin1StringView prefix(d.prefix);
        if (rest.size() >= 4 && rest.startsWith(prefix) && rest[3].isDigit())
            return Found{rest.left(4).toString(), d.fixedLength, d.maxLength, Check::Digits, QString::fromLatin1(d.title)};
    }
    return std::nullopt;
}

bool validDate(QStringView yymmdd)
{
    if (!Gs1::isDigits(yymmdd) || yymmdd.size() != 6)
        return false;
    const int month = yymmdd.mid(2, 2).toInt();
    const int day = yymmdd.mid(4, 2).toInt();
    if (month < 1 || month > 12)
        return false;
    if (day == 0) // "00" means the end of the month
        return true;
    return QDate(2000 + yymmdd.left(2).toInt(), month, day).isValid();
}

// The human-readable form "(01)0690…(17)261231" as the same elements.
QString fromBrackets(const QString &text, QString *error)
{
    QString out;
    qsizetype at = 0;
    while (at < text.size()) {
        if (text[at] != u'(') {
            *error = Gs1::tr("expected \"(\" at position %1").arg(at + 1);
            return {};
        }
        const qsizetype close = text.indexOf(u')', at);
        if (close < 0) {
            *error = Gs1::tr("an AI is not closed with \")\"");
            return {};
        }
        const qsizetype next = text.indexOf(u'(', close);
        const QString ai = text.mid(at + 1, close - at - 1);
        const QString value = text.mid(close + 1, (next < 0 ? text.size() : next) - close - 1);
        out += ai + value;
        if (next >= 0) {
            const auto spec = lookUp(ai);
            if (!spec || spec->fixedLength == 0)
                out += Gs1::groupSeparator;
        }
        at = next < 0 ? text.size() : next;
    }
    return out;
}

} // namespace

bool Gs1::isDigits(QStringView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

int Gs1::checkDigit(QStringView digits)
{
    int sum = 0;
    // From the right: weights 3, 1, 3, 1… (the check digit itself would weigh 1).
    for (qsizetype i = 0; i < digits.size(); ++i) {
        const int d = digits[digits.size() - 1 - i].unicode() - u'0';
        sum += d * (i % 2 == 0 ? 3 : 1);
    }
    return (10 - sum % 10) % 10;
}

bool Gs1::hasValidCheckDigit(QStringView digits)
{
    return digits.size() >= 2 && Gs1::isDigits(digits)
        && checkDigit(digits.left(digits.size() - 1)) == digits.back().unicode() - u'0';
}

std::optional<QList<Gs1Element>> Gs1::parse(const QString &input, QString *error)
{
    QString data = input;
    if (data.startsWith(u'(')) {
        data = fromBrackets(input, error);
        if (data.isEmpty())
            return std::nullopt;
    }
    if (data.startsWith(groupSeparator))
        data.remove(0, 1); // a leading FNC1 some scanners pass on
    QList<Gs1Element> elements;
    qsizetype at = 0;
    while (at < data.size()) {
        const QStringView rest = QStringView(data).mid(at);
        const auto spec = lookUp(rest);
        if (!spec) {
            *error = tr("unknown GS1 application identifier at \"%1\"").arg(shownInput(rest.left(4)));
            return std::nullopt;
        }
        at += spec->ai.size();
        QString value;
        if (spec->fixedLength > 0) {
            value = data.mid(at, spec->fixedLength);
            if (value.size() < spec->fixedLength || value.contains(groupSeparator)) {
                *error = tr("(%1) needs %2 characters").arg(spec->ai).arg(spec->fixedLength);
                return std::nullopt;
            }
            at += spec->fixedLength;
            if (at < data.size() && data[at] == groupSeparator)
                ++at; // tolerated after a fixed-length field
        } else {
            const qsizetype end = data.indexOf(groupSeparator, at);
            value = data.mid(at, (end < 0 ? data.size() : end) - at);
            at = end < 0 ? data.size() : end + 1;
            if (value.isEmpty() || value.size() > spec->maxLength) {
                *error = tr("(%1) must have 1 to %2 characters").arg(spec->ai).arg(spec->maxLength);
                return std::nullopt;
            }
        }
        const bool ok = spec->check == Check::None || (spec->check == Check::Digits && Gs1::isDigits(value))
                        || (spec->check == Check::Gtin && hasValidCheckDigit(value))
                        || (spec->check == Check::Date && validDate(value));
        if (!ok) {
            *error = spec->check == Check::Gtin ? tr("(%1) %2 has a wrong check digit").arg(spec->ai, shownInput(value))
                     : spec->check == Check::Date ? tr("(%1) %2 is not a date (YYMMDD)").arg(spec->ai, shownInput(value))
                                                  : tr("(%1) must be digits").arg(spec->ai);
            return std::nullopt;
        }
        elements.append({spec->ai, value, spec->title});
    }
    if (elements.isEmpty()) {
        *error = tr("no GS1 data");
        return std::nullopt;
    }
    return elements;
}

} // namespace pos::scanner
