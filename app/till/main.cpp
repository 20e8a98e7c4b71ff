// pos-till: the cash register's GUI.
#include "i18n/translator.h"
#include "services/demostore.h"
#include "services/settingsservice.h"
#include "services/till.h"
#include "ui/mainwindow.h"
#include "ui/salescreen.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace {

// The most memory the process has held so far (VmHWM), for the start-up figures.
long long peakRssKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"pos-till"_s);
    QApplication::setApplicationVersion(QStringLiteral(POS_VERSION));
    pos::installTranslators(app, pos::languageFromArguments(app.arguments()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Guide-driven retail till"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({u"db"_s, QApplication::translate("main", "Database file."), u"PATH"_s, pos::Database::defaultPath()});
    parser.addOption({u"lang"_s, QApplication::translate("main", "Language (zh_CN or en)."), u"LANG"_s});
    parser.addOption({u"kiosk"_s, QApplication::translate("main", "Full screen without window decorations; closing needs a manager's PIN.")});
    parser.addOption({u"screenshot"_s, QApplication::translate("main", "Save the first painted screen as PNG and exit."), u"PNG"_s});
    parser.addOption({u"exit-after-paint"_s, QApplication::translate("main", "Print the start-up time and peak memory as JSON once the first screen is painted, then exit.")});
    parser.process(app);

    const QString screenshot = parser.value(u"screenshot"_s);
    const bool exitAfterPaint = parser.isSet(u"exit-after-paint"_s);
    // Why the till can't start, on standard error always, and in a box a cashier can read
    // unless nobody is there to close it (a screenshot or timing run).
    const auto cannotStart = [&](const QString &why) {
        std::fprintf(stderr, "pos-till: %s\n", qPrintable(why));
        if (screenshot.isEmpty() && !exitAfterPaint)
            QMessageBox::critical(nullptr, QApplication::translate("main", "The till cannot start"), why);
        return 1;
    };

    pos::Till till;
    if (pos::Status s = till.openAsTheTill(parser.value(u"db"_s)); !s)
        return cannotStart(s.error());
    if (!till.isProvisioned()) { // first start: the demo store, until HQ enrolment sets the real one
        if (pos::Status s = pos::DemoStore::load(till); !s)
            return cannotStart(s.error());
    }

    // The store's language setting, unless --lang says otherwise for this start.
    if (const QString stored = pos::SettingsService(till).language(); !parser.isSet(u"lang"_s) && !stored.isEmpty())
        pos::installTranslators(app, stored);

    app.setStyleSheet(pos::Theme::styleSheet()); // every window and dialog looks the same
    pos::MainWindow window(till);
    window.resize(1280, 800);
    // The first screen painted: the sale screen, or the sign-in screen of a till with staff.
    QObject::connect(&window, &pos::MainWindow::firstPainted, &window, [&] {
        if (exitAfterPaint) {
            std::printf("{\"first_paint_ms\":%lld,\"peak_rss_kb\":%lld}\n", static_cast<long long>(sinceStart.elapsed()),
                        peakRssKb());
            std::fflush(stdout);
            QTimer::singleShot(0, &app, &QApplication::quit);
        }
        if (!screenshot.isEmpty()) {
            QTimer::singleShot(50, &window, [&] {
                window.grab().save(screenshot);
                QApplication::quit();
            });
        }
    });
    if (parser.isSet(u"kiosk"_s)) {
        window.setKiosk(true);
        window.showFullScreen();
    } else {
        window.show();
    }
    return app.exec();
}
