#include "cliparse.h"

namespace pos {

using namespace Qt::Literals::StringLiterals;

bool parseCommand(CliContext &ctx, QCommandLineParser &parser, int minPositional, int maxPositional)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList{u"posctl"_s} + ctx.args)) {
        fail(ctx, parser.errorText());
        return false;
    }
    const qsizetype n = parser.positionalArguments().size();
    if (n < minPositional) {
        fail(ctx, Posctl::tr("missing argument (see posctl --help)"));
        return false;
    }
    if (n > maxPositional) {
        fail(ctx, Posctl::tr("unexpected argument \"%1\" (see posctl --help)")
                      .arg(parser.positionalArguments().at(maxPositional)));
        return false;
    }
    return true;
}

} // namespace pos
