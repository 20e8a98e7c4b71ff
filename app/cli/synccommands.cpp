// posctl enroll, sync, sync-status: the till's link to HQ (sync/PROTOCOL.md), the same
// SyncService the till's sync worker runs.
#include "cliparse.h"
#include "posctl.h"

#include "textcolumns.h"

#include "client/backoff.h"
#include "core/showninput.h"
#include "services/syncservice.h"
#include "services/till.h"

#include <QDateTime>
#include <QFile>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QThread>

namespace pos {

using namespace Qt::Literals::StringLiterals;

namespace {

QJsonObject statusJson(const SyncStatus &s)
{
    return {{u"enrolled"_s, s.enrolled},   {u"url"_s, s.url},
            {u"online"_s, s.online},       {u"pending"_s, s.pending},
            {u"parked"_s, s.parked},       {u"oldest_pending"_s, s.oldestPending},
            {u"last_ok_at"_s, s.lastOkAt}, {u"last_attempt_at"_s, s.lastAttemptAt},
            {u"last_error"_s, s.lastError}, {u"skew_ms"_s, s.skewMs},
            {u"parked_changes"_s, s.parkedChanges}, {u"parked_change_reason"_s, s.parkedChangeReason}};
}

QString roundLine(const SyncRound &r)
{
    return Posctl::tr("sent %1 (%2 HQ had already), parked %3; received %4 change(s) from HQ")
        .arg(r.accepted + r.duplicates).arg(r.duplicates).arg(r.parked).arg(r.received);
}

} // namespace

int runEnroll(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"URL"_s, Posctl::tr("HQ's address, https://HOST[:PORT]."));
    parser.addPositionalArgument(u"CODE"_s, Posctl::tr("The one-time code from pos-hq enroll."));
    parser.addOption({u"ca"_s, Posctl::tr("The chain's CA certificate (PEM): the only one this till will trust for HQ."), u"FILE"_s});
    parser.addOption({u"pin"_s, Posctl::tr("Also pin HQ's key: the SHA-256 of its public key, base64."), u"SHA256"_s});
    if (!parseCommand(ctx, parser, 2, 2))
        return ExitBadInput;
    if (!parser.isSet(u"ca"_s))
        return fail(ctx, Posctl::tr("enroll needs --ca CA.pem, the chain's CA certificate."));
    QFile ca(parser.value(u"ca"_s));
    if (!ca.open(QIODevice::ReadOnly))
        return fail(ctx, Posctl::tr("cannot read %1: %2").arg(shownPath(ca.fileName()), ca.errorString()));
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    const QStringList pos = parser.positionalArguments();
    if (Status s = SyncService(till).enroll(pos[0], pos[1], ca.readAll(), parser.value(u"pin"_s)); !s)
        return failWith(ctx, s);
    ctx.out << Posctl::tr("Enrolled with %1 as %2/%3.").arg(terminalText(pos[0]), terminalText(till.store().id), terminalText(till.store().terminalId))
            << Qt::endl;
    return ExitOk;
}

int runSync(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"once"_s, Posctl::tr("Send what is waiting, then stop (exit 1 if HQ could not take it all).")});
    parser.addOption({u"batch"_s, Posctl::tr("Events per call, 1 to 500 (default 500)."), u"N"_s, u"500"_s});
    parser.addOption({u"retry-parked"_s, Posctl::tr("First put the events HQ refused back in the queue (after HQ was fixed), "
                                                    "and try the changes from HQ that could not be applied again.")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    bool ok = false;
    const int batch = parser.value(u"batch"_s).toInt(&ok);
    if (!ok || batch < 1 || batch > 500)
        return fail(ctx, Posctl::tr("--batch is 1 to 500"));
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    SyncService sync(till);
    if (!sync.isEnrolled())
        return fail(ctx, Posctl::tr("This till is not enrolled with HQ (posctl enroll URL CODE --ca CA.pem)."));
    if (parser.isSet(u"retry-parked"_s)) {
        const auto again = sync.retryParked();
        if (!again)
            return fail(ctx, again.error(), ExitFailure);
        ctx.out << Posctl::tr("%n refused event(s) back in the queue.", nullptr, *again) << Qt::endl;
        const auto changes = sync.retryParkedChanges();
        if (!changes)
            return fail(ctx, changes.error(), ExitFailure);
        ctx.out << Posctl::tr("%n parked change(s) from HQ applied now", nullptr, changes->applied) << u", "_s
                << Posctl::tr("%n still parked.", nullptr, changes->stillParked) << Qt::endl;
    }
    int failures = 0;
    for (;;) {
        const SyncRound round = sync.syncOnce(batch);
        ctx.out << roundLine(round) << Qt::endl;
        if (round.parked > 0)
            warn(ctx, Posctl::tr("%n event(s) refused by HQ were parked (see posctl sync-status; posctl sync --retry-parked once HQ is fixed).", nullptr, round.parked));
        if (round.unapplied > 0)
            warn(ctx, Posctl::tr("%n change(s) from HQ could not be applied and were parked (see posctl sync-status).", nullptr, round.unapplied));
        if (parser.isSet(u"once"_s))
            return round.failed ? fail(ctx, SyncService::describe(round.failure), ExitFailure) : ExitOk;
        // Running on: a failure waits its backoff (or HQ's Retry-After); a drained outbox
        // looks again in a few seconds.
        failures = round.failed ? failures + 1 : 0;
        if (round.failed)
            warn(ctx, SyncService::describe(round.failure));
        const qint64 wait = round.failed ? sync::Backoff::delayMs(failures, QRandomGenerator::global()->generateDouble(),
                                                                  round.failure.retryAfterSeconds)
                                         : 5000;
        QThread::msleep(quint64(wait));
    }
}

int runSyncStatus(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({u"json"_s, Posctl::tr("Print the status as one JSON object.")});
    if (!parseCommand(ctx, parser, 0, 0))
        return ExitBadInput;
    Till till;
    if (!openTill(ctx, till))
        return ExitFailure;
    const SyncStatus s = SyncService(till).status();
    if (parser.isSet(u"json"_s)) {
        ctx.out << jsonLine(statusJson(s)) << Qt::endl;
        return ExitOk;
    }
    for (const QString &line : SyncService::describe(s)) // HQ's last error among them
        ctx.out << terminalText(line) << u'\n';
    ctx.out.flush();
    return ExitOk;
}

} // namespace pos
