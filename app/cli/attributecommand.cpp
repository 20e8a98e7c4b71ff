// posctl attribute: the attribution engine replayed over an events file (spec §10).
#include "cliparse.h"
#include "posctl.h"

#include "core/attribution/replay.h"
#include "core/showninput.h"

#include <QFile>

#include <cstdio>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace pos {

using namespace Qt::Literals::StringLiterals;

int runAttribute(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"explain"_s, Posctl::tr("Say why each credit went where it did.")});
    parser.addPositionalArgument(u"EVENTS.jsonl"_s, Posctl::tr("Events, one JSON object a line (- for standard input)."));
    if (!parseCommand(ctx, parser, 1, 1))
        return ExitBadInput;
    const QString path = parser.positionalArguments().constFirst();
    QFile file;
    const bool opened = path == u"-"_s ? file.open(stdin, QIODevice::ReadOnly)
                                       : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened)
        return fail(ctx, Posctl::tr("cannot read %1: %2").arg(shownPath(path), file.errorString()));

#ifdef __GLIBC__
    // A replay only grows: ask the kernel for memory in big steps, not one page run at a time.
    mallopt(M_TOP_PAD, 256 << 20);
#endif
    // Deliberately never freed: tearing down millions of small records at exit would cost
    // a tenth of the run, and the process ends right after.
    attribution::Replay &replay = *new attribution::Replay(parser.isSet(u"explain"_s));
    ctx.out.flush();
    std::string out;
    out.reserve(1 << 20);
    auto flush = [&out] {
        std::fwrite(out.data(), 1, out.size(), stdout);
        out.clear();
    };
    // Lines are split by hand over big reads: a million events must replay in seconds.
    QByteArray pending;
    int lineNumber = 0;
    for (;;) {
        const QByteArray chunk = file.read(1 << 20);
        if (chunk.isEmpty()) {
            if (file.error() != QFileDevice::NoError) {
                flush();
                return fail(ctx, Posctl::tr("cannot read %1: %2").arg(shownPath(path), file.errorString()));
            }
            break;
        }
        pending += chunk;
        qsizetype start = 0;
        for (qsizetype nl; (nl = pending.indexOf('\n', start)) >= 0; start = nl + 1)
            replay.feed(std::string_view(pending.constData() + start, size_t(nl - start)), ++lineNumber, out);
        pending.remove(0, start);
        if (out.size() > (1 << 20))
            flush();
    }
    if (!pending.isEmpty())
        replay.feed(std::string_view(pending.constData(), size_t(pending.size())), ++lineNumber, out);
    replay.finish(out);
    flush();
    std::fflush(stdout);
    return replay.hadErrors() ? ExitFailure : ExitOk;
}

} // namespace pos
