#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QList>

namespace pos {

class Till;

// A settings key as the services declare it (constexpr auto fooKey = "section.name").
inline QString settingKey(const char *key)
{
    return QString::fromLatin1(key);
}

// One setting a store manager may change at the till (on the settings screen or with
// posctl settings): its key, its value now, and what it is for.
struct SettingInfo
{
    QString key;
    QString value;
    QString description;
};

// The till's own settings that people change: the receipt's header and footer, the screens'
// language, when an idle till locks itself, how far a cashier may discount, the receipt
// printer and the scanners. Every change is checked first and written to the audit log with
// who made it and what it was before.
class SettingsService
{
    Q_DECLARE_TR_FUNCTIONS(SettingsService)
public:
    explicit SettingsService(const Till &till) : m_till(till) {}

    static constexpr auto receiptHeaderKey = "receipt.header"; // lines under the store's name
    static constexpr auto receiptFooterKey = "receipt.footer"; // replaces the default thank-you line
    static constexpr auto languageKey = "ui.language";         // zh_CN, en, or empty for the system's
    static constexpr auto idleLockKey = "staff.idle_lock_minutes";
    static constexpr auto discountLimitKey = "staff.discount_limit_percent";

    static constexpr int defaultIdleLockMinutes = 5;
    static constexpr int defaultDiscountLimitPercent = 20;
    static constexpr int maxReceiptLines = 4;
    static constexpr int maxReceiptLineChars = 48;

    QStringList receiptHeader() const;
    QStringList receiptFooter() const;
    QString language() const;
    int idleLockMinutes() const; // 0: never
    int discountLimitPercent() const;

    // Every key set() takes, with its value now.
    QList<SettingInfo> all() const;
    QString value(const QString &key) const;
    // Checks and stores one setting, and audits it as `actor`'s change ("old → new").
    Status set(const QString &key, const QString &value, const QString &actor);

private:
    Status store(const QString &key, const QString &value);
    const Till &m_till;
};

} // namespace pos
