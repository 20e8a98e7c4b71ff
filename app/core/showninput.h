#pragma once

// pos::shownInput — what a person or a scanner typed, as a message quotes it back (at most
// 40 characters, control and format characters shown as escapes) — lives with the other
// text helpers every layer shares, the drivers included.
#include "text/safetext.h"
