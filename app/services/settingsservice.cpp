#include "settingsservice.h"

#include "printqueue.h"
#include "scanservice.h"
#include "staffservice.h"
#include "till.h"

#include "core/showninput.h"
#include "store/peoplerepository.h"

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {


QStringList linesOf(const QString &text)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines)
        line = line.trimmed();
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

// A whole number in [low, high], or nothing.
std::optional<int> numberIn(const QString &text, int low, int high)
{
    bool ok = false;
    const int n = text.trimmed().toInt(&ok);
    return ok && n >= low && n <= high ? std::optional<int>(n) : std::nullopt;
}

} // namespace

QStringList SettingsService::receiptHeader() const
{
    return linesOf(value(settingKey(receiptHeaderKey)));
}

QStringList SettingsService::receiptFooter() const
{
    return linesOf(value(settingKey(receiptFooterKey)));
}

QString SettingsService::language() const
{
    return value(settingKey(languageKey));
}

int SettingsService::idleLockMinutes() const
{
    const QString stored = SettingsRepository(m_till.database()).value(settingKey(idleLockKey));
    return numberIn(stored, 0, 240).value_or(defaultIdleLockMinutes);
}

int SettingsService::discountLimitPercent() const
{
    const QString stored = SettingsRepository(m_till.database()).value(settingKey(discountLimitKey));
    return numberIn(stored, 0, 100).value_or(defaultDiscountLimitPercent);
}

QList<SettingInfo> SettingsService::all() const
{
    const QList<std::pair<QString, QString>> described = {
        {settingKey(receiptHeaderKey), tr("Receipt header: up to 4 lines under the store's name.")},
        {settingKey(receiptFooterKey), tr("Receipt footer: up to 4 lines instead of the thank-you line.")},
        {settingKey(languageKey), tr("Language of the screens: zh_CN, en, or empty for the system's (after a restart).")},
        {settingKey(idleLockKey), tr("Minutes without a touch before the till locks itself (0: never).")},
        {settingKey(discountLimitKey), tr("Largest discount, in percent, a cashier may give without a manager.")},
        {settingKey(PrintQueue::printerKey), tr("Receipt printer address (usb:auto, tcp://HOST, serial:/dev/ttyUSB0…).")},
        {settingKey(ScanService::scannerDeviceKey), tr("Scanner besides the keyboard wedge (serial:…, evdev:…, hidpos:auto).")},
        {settingKey(ScanService::wedgeKey), tr("How the keyboard wedge tells a scanner from a person (gap=35,min=4,…).")},
    };
    QList<SettingInfo> out;
    for (const auto &[k, description] : described)
        out.append({k, value(k), description});
    return out;
}

QString SettingsService::value(const QString &k) const
{
    if (k == settingKey(ScanService::wedgeKey))
        return ScanService(m_till).wedgeSettings().toText();
    if (k == settingKey(idleLockKey))
        return QString::number(idleLockMinutes());
    if (k == settingKey(discountLimitKey))
        return QString::number(discountLimitPercent());
    return SettingsRepository(m_till.database()).value(k);
}

Status SettingsService::set(const QString &k, const QString &newValue, const QString &actor)
{
    const bool known = std::ranges::any_of(all(), [&](const SettingInfo &s) { return s.key == k; });
    if (!known)
        return Status::failure(tr("There is no setting \"%1\" to change here.").arg(shownInput(k)));
    const QString before = value(k);
    if (Status s = store(k, newValue); !s)
        return s;
    const QString after = value(k);
    if (before == after)
        return {};
    return StaffService(m_till).audit(actor, u"setting.change"_s, k, tr("%1 → %2").arg(before, after));
}

Status SettingsService::store(const QString &k, const QString &v)
{
    if (k == settingKey(receiptHeaderKey) || k == settingKey(receiptFooterKey)) {
        // What the manager typed is what prints: a line break (LF, CR LF or CR) starts the next
        // line and a tab is a space, but any other control or format character (ESC, GS, a
        // bidi override…) is refused, not quietly dropped, so the line is fixed where it was typed.
        QString text = v;
        text.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n').replace(u'\t', u' ');
        const QStringList lines = linesOf(text);
        if (lines.size() > maxReceiptLines)
            return Status::failure(tr("At most %1 lines fit there.").arg(maxReceiptLines));
        for (const QString &line : lines) {
            if (hasUnsafeChars(line))
                return Status::failure(tr("A receipt line can't hold control characters: \"%1\"").arg(shownInput(line)));
            if (line.size() > maxReceiptLineChars)
                return Status::failure(tr("A line is too long for the receipt (at most %1 characters): %2")
                                           .arg(maxReceiptLineChars)
                                           .arg(shownInput(line, 20)));
        }
        return SettingsRepository(m_till.database()).setValue(k, lines.join(u'\n'));
    }
    if (k == settingKey(languageKey)) {
        const QString lang = v.trimmed();
        if (!lang.isEmpty() && lang != u"zh_CN"_s && lang != u"en"_s)
            return Status::failure(tr("The language is zh_CN or en (or empty for the system's)."));
        return SettingsRepository(m_till.database()).setValue(k, lang);
    }
    if (k == settingKey(idleLockKey) || k == settingKey(discountLimitKey)) {
        const bool idle = k == settingKey(idleLockKey);
        const auto n = numberIn(v, 0, idle ? 240 : 100);
        if (!n)
            return Status::failure(idle ? tr("The idle lock is a number of minutes from 0 to 240.")
                                        : tr("The discount limit is a percentage from 0 to 100."));
        return SettingsRepository(m_till.database()).setValue(k, QString::number(*n));
    }
    if (k == settingKey(PrintQueue::printerKey)) {
        PrintQueue queue(m_till);
        PrinterChoice choice = queue.receiptPrinter();
        choice.uri = v.trimmed();
        return queue.setReceiptPrinter(choice);
    }
    if (k == settingKey(ScanService::scannerDeviceKey))
        return ScanService(m_till).setScannerDevice(v.trimmed());
    return ScanService(m_till).setWedgeSettings(v.trimmed());
}

} // namespace pos
