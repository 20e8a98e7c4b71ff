#pragma once

#include <QString>

class QFrame;
class QLabel;
class QPushButton;
class QWidget;

namespace pos {

// One place for the look of the till: built for a touch screen read at arm's length.
namespace Theme {
constexpr int touchHeight = 60; // px, every button a finger presses
// Fonts and colours: body 14 pt, the amount due 34 pt, the change 28 pt.
QString styleSheet();

// The building blocks every screen uses.
QPushButton *touchButton(const QString &text, const QString &objectName, QWidget *parent);
QFrame *panel(QWidget *parent);
QLabel *caption(const QString &text, QWidget *parent);

// Sets a property the style sheet styles by (error, exclusive…) and restyles the widget.
void setLook(QWidget *widget, const char *property, bool on);
// A message line: red when it is an error.
void showMessage(QLabel *label, const QString &text, bool error);
} // namespace Theme

} // namespace pos
