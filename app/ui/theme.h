#pragma once

#include <QString>

namespace pos {

// One place for the look of the till: built for a touch screen read at arm's length.
namespace Theme {
constexpr int touchHeight = 60; // px, every button a finger presses
// Fonts and colours: body 14 pt, the amount due 34 pt, the change 28 pt.
QString styleSheet();
} // namespace Theme

} // namespace pos
