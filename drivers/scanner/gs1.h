#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace pos::scanner {

// One GS1 element: an application identifier and its data, e.g. (01) 06901234567892.
struct Gs1Element
{
    QString ai;
    QString value;
    QString title; // "GTIN", "BATCH/LOT", "NET WEIGHT (kg)"… as GS1 names them
};

// GS1 element strings as scanners send them: AIs run together, a variable-length field ended
// by GS (0x1D, FNC1) unless it is last; or the human-readable form "(01)…(10)…".
class Gs1
{
    Q_DECLARE_TR_FUNCTIONS(Gs1)
public:
    // The elements, or why the string is not a valid GS1 element string (an unknown AI, a
    // fixed-length field cut short, a bad check digit, an impossible date).
    static std::optional<QList<Gs1Element>> parse(const QString &data, QString *error);

    // Standard GS1 mod-10 check digit of the digits given (without their check digit).
    static int checkDigit(QStringView digits);
    static bool hasValidCheckDigit(QStringView digitsWithCheck);
    // Non-empty and ASCII digits only.
    static bool isDigits(QStringView s);

    static constexpr QChar groupSeparator = QChar(0x1d);
};

} // namespace pos::scanner
