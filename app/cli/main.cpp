#include "posctl.h"

#include "i18n/translator.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("posctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POS_VERSION));
    pos::installTranslators(app, pos::languageFromArguments(app.arguments()));
    // Errors reach the user as one clear line; the store's diagnostics stay available
    // through QT_LOGGING_RULES=pos.*=true for support.
    QLoggingCategory::setFilterRules(QStringLiteral("pos.*.warning=false"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    return pos::Posctl::run(app.arguments().mid(1), out, err);
}
