#pragma once

#include "posctl.h"

#include <QCommandLineParser>

namespace pos {

// Parses a command's own options; on a mistake prints one line and returns false.
bool parseCommand(CliContext &ctx, QCommandLineParser &parser, int minPositional, int maxPositional);

} // namespace pos
