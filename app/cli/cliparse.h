#pragma once

#include "posctl.h"

#include "core/result.h"

#include <QCommandLineParser>
#include <QDate>
#include <QJsonObject>

namespace pos {

// Parses a command's own options; on a mistake prints one line and returns false.
bool parseCommand(CliContext &ctx, QCommandLineParser &parser, int minPositional, int maxPositional);

// One JSON object as a compact line of text.
QString jsonLine(const QJsonObject &object);

// "CODE" or "CODE*QTY", as --scan and --line take them.
struct CodeQuantity
{
    QString code;
    int quantity = 1;
};
Result<CodeQuantity> parseCodeQuantity(const QString &arg, const QString &option, int maxQuantity);

// The --date YYYY-MM-DD option into date (left invalid when absent); prints the reason and
// returns false when it is malformed.
bool parseDateOption(CliContext &ctx, const QCommandLineParser &parser, QDate &date);

} // namespace pos
