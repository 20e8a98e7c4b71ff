#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace pos::scanner {

// How the keyboard wedge tells a scanner from a person, as a store sets it up for its
// scanners: "gap=35,min=4,tab=on,prefix=,suffix=" (any of them; the rest stay as in `base`).
struct WedgeSettings
{
    Q_DECLARE_TR_FUNCTIONS(WedgeSettings)
public:
    int maxInterKeyMs = 35; // scanners send a key every 1–15 ms; people rarely beat 60
    int minLength = 4;      // shorter bursts are people, even fast ones
    bool tabTerminates = true;
    QString prefix; // configured on some scanners; stripped when present
    QString suffix;

    static std::optional<WedgeSettings> fromText(const QString &text, const WedgeSettings &base, QString *error = nullptr);
    QString toText() const;
};

} // namespace pos::scanner
