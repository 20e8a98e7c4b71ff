#include "posctl.h"

#include "i18n/translator.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

namespace {

// Printing draws (Chinese as images for some printers, PNG previews): those commands need
// Qt's GUI side, headless unless a platform is set. The others start without it.
bool needsGui(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], "print") == 0)
            return true;
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> application;
    if (needsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication &app = *application;
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
