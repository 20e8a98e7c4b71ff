#include "translator.h"

#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace pos {

using namespace Qt::Literals::StringLiterals;

QString languageFromArguments(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == u"--lang"_s && i + 1 < arguments.size())
            return arguments[i + 1];
        if (arguments[i].startsWith(u"--lang="_s))
            return arguments[i].mid(7);
    }
    return {};
}

QString installTranslators(QCoreApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    // Chinese of any region reads the zh_CN texts; everything else the English ones.
    const QString chosen = locale.language() == QLocale::Chinese ? u"zh_CN"_s : u"en"_s;
    QLocale::setDefault(chosen == u"zh_CN"_s ? QLocale(QLocale::Chinese, QLocale::China) : QLocale(QLocale::English, QLocale::UnitedStates));

    auto *ours = new QTranslator(&app);
    if (ours->load(u":/i18n/pos_"_s + chosen + u".qm"_s))
        QCoreApplication::installTranslator(ours);
    auto *qt = new QTranslator(&app);
    if (qt->load(u"qtbase_"_s + chosen, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return chosen;
}

} // namespace pos
