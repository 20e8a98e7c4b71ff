#pragma once

#include <QTest>
#include <QWidget>

namespace pos::test {

// Shows a window and waits until it is the active one, as a till's window is: only then does
// the application have a focus widget for key events (and the keyboard wedge) to go to.
[[nodiscard]] inline bool showActive(QWidget &window)
{
    window.show();
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window);
}

} // namespace pos::test
