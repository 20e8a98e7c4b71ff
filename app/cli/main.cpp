#include "posctl.h"

#include "i18n/translator.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

namespace {

// Printing draws (Chinese as images for some printers, PNG previews): the commands that may
// print need Qt's GUI side, headless unless a platform is set. The others start without it.
bool needsGui(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i)
        for (const char *command : {"print", "print-jobs", "sale", "refund", "scan-image", "report"})
            if (qstrcmp(argv[i], command) == 0)
                return true;
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // Errors reach the user as one clear line; the store's diagnostics stay available
    // through QT_LOGGING_RULES=pos.*=true for support.
    // Qt's own start-up chatter (a headless session has no XDG_RUNTIME_DIR) is not the user's
    // business either.
    QLoggingCategory::setFilterRules(QStringLiteral("pos.*.warning=false\ndefault.warning=false"));
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

    QTextStream out(stdout);
    QTextStream err(stderr);
    return pos::Posctl::run(app.arguments().mid(1), out, err);
}
