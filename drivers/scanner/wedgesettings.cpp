#include "wedgesettings.h"

#include "text/safetext.h"

#include <QStringList>

namespace pos::scanner {

using namespace Qt::Literals::StringLiterals;

std::optional<WedgeSettings> WedgeSettings::fromText(const QString &text, const WedgeSettings &base, QString *error)
{
    auto refuse = [&](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    WedgeSettings s = base;
    for (const QString &item : text.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype eq = item.indexOf(u'=');
        const QString key = item.left(eq).trimmed().toLower();
        const QString value = eq < 0 ? QString() : item.mid(eq + 1);
        bool ok = false;
        if (key == u"gap"_s) {
            s.maxInterKeyMs = value.toInt(&ok);
            if (!ok || s.maxInterKeyMs < 5 || s.maxInterKeyMs > 200)
                return refuse(tr("gap is the longest pause between a scanner's keys, 5 to 200 ms; not \"%1\".").arg(shownInput(value)));
        } else if (key == u"min"_s) {
            s.minLength = value.toInt(&ok);
            if (!ok || s.minLength < 1 || s.minLength > 64)
                return refuse(tr("min is the shortest code, 1 to 64 characters; not \"%1\".").arg(shownInput(value)));
        } else if (key == u"tab"_s) {
            const QString v = value.trimmed().toLower();
            if (v != u"on"_s && v != u"off"_s)
                return refuse(tr("tab is on or off (whether Tab ends a scan); not \"%1\".").arg(shownInput(value)));
            s.tabTerminates = v == u"on"_s;
        } else if (key == u"prefix"_s || key == u"suffix"_s) {
            if (value.size() > 8 || std::any_of(value.cbegin(), value.cend(), [](QChar c) { return !c.isPrint(); }))
                return refuse(tr("%1 is up to 8 printable characters; not \"%2\".").arg(shownInput(key), shownInput(value)));
            (key == u"prefix"_s ? s.prefix : s.suffix) = value;
        } else {
            return refuse(tr("Unknown wedge setting \"%1\" (gap, min, tab, prefix, suffix).").arg(shownInput(item)));
        }
    }
    return s;
}

QString WedgeSettings::toText() const
{
    return u"gap=%1,min=%2,tab=%3,prefix=%4,suffix=%5"_s.arg(maxInterKeyMs)
        .arg(minLength)
        .arg(tabTerminates ? u"on"_s : u"off"_s, prefix, suffix);
}

} // namespace pos::scanner
