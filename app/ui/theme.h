#pragma once

#include <QString>

namespace pos {

// One place for the look of the till: built for a touch screen read at arm's length.
namespace Theme {
constexpr int touchHeight = 60;     // px, every button a finger presses
constexpr int basePointSize = 14;   // body text
constexpr int totalPointSize = 34;  // the amount due
constexpr int changePointSize = 28; // the change to hand back
QString styleSheet();
} // namespace Theme

} // namespace pos
