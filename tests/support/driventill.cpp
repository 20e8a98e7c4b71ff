// pos-till-driven: the till as pos-till starts it (the till's lock, the database opened with its
// start-up check, the demo store on a first start, the main window with its print and sync
// workers), shown offscreen and rung up through its own screens on command, so that tests can
// run posctl and kill -9 beside a real till process.
//
// Standard input, a command a line:  sell  → scans a product, touches a guide, pays exact cash
// on the payment screen; prints "SOLD <number>" once the sale is committed (or "FAILED <why>").
// quit → exits. It prints "READY <pid>" when the window is up, or "REFUSED <why>" and exits 1.
#include "services/demostore.h"
#include "services/till.h"
#include "ui/mainwindow.h"
#include "ui/salescreen.h"
#include "ui/theme.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSocketNotifier>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace {

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

void touch(QWidget *w)
{
    if (w)
        QTest::mouseClick(w, Qt::LeftButton);
}

// One customer: a scan, a guide, exact cash — the touches a cashier makes.
void sell(pos::MainWindow &window)
{
    auto *scanInput = window.findChild<QLineEdit *>(u"scanInput"_s);
    if (!scanInput) {
        say(u"FAILED no scan box on screen"_s);
        return;
    }
    QTest::keyClicks(scanInput, u"6951593000011"_s);
    QTest::keyClick(scanInput, Qt::Key_Return);
    touch(window.findChild<QPushButton *>(u"guideButton_G01"_s));
    QTimer::singleShot(0, &window, [] {
        QWidget *dialog = QApplication::activeModalWidget();
        if (!dialog)
            return;
        touch(dialog->findChild<QPushButton *>(u"quickCash_0"_s));
        touch(dialog->findChild<QPushButton *>(u"finishPaymentButton"_s));
        if (QApplication::activeModalWidget() == dialog) { // refused: say why, give the sale back
            auto *message = dialog->findChild<QLabel *>(u"messageLabel"_s);
            say(u"FAILED "_s + (message ? message->text() : u"payment refused"_s));
            touch(dialog->findChild<QPushButton *>(u"cancelPaymentButton"_s));
        }
    });
    touch(window.findChild<QPushButton *>(u"payButton"_s));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString db = args.value(args.indexOf(u"--db"_s) + 1);
    pos::Till till;
    if (pos::Status s = till.openAsTheTill(db); !s) {
        say(u"REFUSED "_s + s.error());
        return 1;
    }
    if (!till.isProvisioned()) {
        if (pos::Status s = pos::DemoStore::load(till, pos::DemoStore::Staff::Skip); !s) {
            say(u"REFUSED "_s + s.error());
            return 1;
        }
    }
    app.setStyleSheet(pos::Theme::styleSheet());
    pos::MainWindow window(till);
    window.resize(1280, 800);
    window.show();
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window)) {
        say(u"REFUSED the window did not come up"_s);
        return 1;
    }
    auto *screen = window.findChild<pos::SaleScreen *>();
    if (!screen) {
        say(u"REFUSED no sale screen"_s);
        return 1;
    }
    QObject::connect(screen, &pos::SaleScreen::saleCommitted, &window, [](const QString &number) { say(u"SOLD "_s + number); });

    QSocketNotifier commands(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&commands, &QSocketNotifier::activated, &window, [&] {
        char line[64] = {};
        const ssize_t n = ::read(STDIN_FILENO, line, sizeof line - 1);
        const QByteArray command = QByteArray(line, n > 0 ? int(n) : 0).trimmed();
        if (n <= 0 || command == "quit") {
            commands.setEnabled(false);
            QTimer::singleShot(0, &app, &QApplication::quit);
            return;
        }
        for (const QByteArray &c : command.split('\n'))
            if (c.trimmed() == "sell")
                sell(window);
    });
    say(u"READY %1"_s.arg(QCoreApplication::applicationPid()));
    return app.exec();
}
