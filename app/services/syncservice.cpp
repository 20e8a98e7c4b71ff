#include "syncservice.h"

#include "till.h"

#include "store/database.h"
#include "core/pinyin.h"
#include "core/showninput.h"
#include "store/attributionrepository.h"
#include "store/catalogrepository.h"
#include "store/outboxrepository.h"
#include "store/parkedchangerepository.h"
#include "store/peoplerepository.h"
#include "store/privatefiles.h"

#include "attributionservice.h"
#include "leaderboardservice.h"
#include "settingsservice.h"
#include "staffservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QSslCertificate>

namespace pos {

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcSync, "pos.sync")

namespace {

// HQ's own explanation of a refusal is quoted a line long at most: it is HQ's text, not
// something typed at this till, so it gets more room than the 40 characters of an input,
// but it is still cut and its control characters still shown as escapes.
constexpr qsizetype hqMessageChars = 120;

} // namespace

qint64 SyncService::nowMs() const
{
    return m_till.clock().now().toMSecsSinceEpoch();
}

Status SyncService::enroll(const QString &url, const QString &code, const QByteArray &caPem, const QString &pinSha256)
{
    const QUrl hq(url);
    if (!hq.isValid() || hq.scheme() != u"https"_s || hq.host().isEmpty())
        return Status::failure(tr("HQ's address is https://HOST[:PORT], not \"%1\" (the till talks to HQ over TLS only).").arg(shownInput(url)));
    const QList<QSslCertificate> ca = QSslCertificate::fromData(caPem, QSsl::Pem);
    if (ca.isEmpty())
        return Status::failure(tr("The CA file holds no PEM certificate: give the chain's CA certificate."));
    if (!m_till.isProvisioned())
        return Status::failure(tr("This till is not set up for a store yet (run posctl init --demo)."));
    const sync::HqReply reply = sync::HqClient::enroll(hq, ca, code.trimmed(), m_till.store().id, m_till.store().terminalId, m_timeoutMs);
    record(reply);
    if (!reply.ok())
        return Status::failure(reply.code == u"bad_code"_s ? tr("HQ refused the code: %1").arg(shownInput(reply.message, hqMessageChars)) : describe(reply),
                               reply.outcome == sync::HqReply::Outcome::Unreachable ? ErrorKind::System : ErrorKind::BadInput);
    const QString store = reply.body.value(u"store"_s).toString();
    const QString terminal = reply.body.value(u"terminal"_s).toString();
    const QByteArray secret = QByteArray::fromBase64(reply.body.value(u"secret"_s).toString().toLatin1());
    if (store != m_till.store().id || terminal != m_till.store().terminalId)
        return Status::failure(tr("The code is for till %1/%2, but this is %3/%4: ask HQ for this till's code.")
                                   .arg(shownInput(store), shownInput(terminal), m_till.store().id, m_till.store().terminalId));
    if (secret.size() < 16)
        return Status::failure(tr("HQ's answer holds no usable secret."), ErrorKind::System);
    // The secret goes to its own file first: the settings that make the till "enrolled" follow.
    if (Status s = storeSecret(secret); !s)
        return s;
    SettingsRepository settings(m_till.database());
    Transaction tx(m_till.database());
    for (const auto &[k, v] : {std::pair{urlKey, url}, {caKey, QString::fromLatin1(caPem)}, {pinKey, pinSha256}})
        if (Status s = settings.setValue(settingKey(k), v); !s)
            return s;
    return tx.commit();
}

bool SyncService::isEnrolled() const
{
    return endpoint().has_value();
}

std::optional<sync::HqEndpoint> SyncService::endpoint(QString *why) const
{
    const SettingsRepository settings(m_till.database());
    sync::HqEndpoint e;
    e.url = QUrl(settings.value(settingKey(urlKey)));
    e.ca = QSslCertificate::fromData(settings.value(settingKey(caKey)).toLatin1(), QSsl::Pem);
    e.pinnedKeySha256 = settings.value(settingKey(pinKey)).toLatin1();
    const Result<QByteArray> secretRead = secret();
    if (!secretRead) {
        if (why)
            *why = secretRead.error();
        return std::nullopt;
    }
    e.secret = *secretRead;
    e.store = m_till.store().id;
    e.terminal = m_till.store().terminalId;
    if (!e.url.isValid() || e.ca.isEmpty() || e.secret.isEmpty())
        return std::nullopt;
    return e;
}

QString SyncService::secretFile() const
{
    return m_till.database().filePath() + u".hq-secret"_s;
}

Result<QByteArray> SyncService::secret() const
{
    QString error;
    if (const auto inFile = PrivateFiles::read(secretFile(), &error))
        return QByteArray::fromBase64(inFile->trimmed());
    if (!error.isEmpty()) // there, but not readable (another user's, after a root-run posctl)
        return Result<QByteArray>::failure(tr("The till's HQ secret %1 cannot be read: %2").arg(secretFile(), error),
                                           ErrorKind::System);
    // Not moved out yet (the till has not restarted since the upgrade): it still signs.
    return QByteArray::fromBase64(SettingsRepository(m_till.database()).value(settingKey(secretKey)).toLatin1());
}

Status SyncService::storeSecret(const QByteArray &secret) const
{
    if (const QString failed = PrivateFiles::writeAtomically(secretFile(), secret.toBase64() + '\n'); !failed.isEmpty())
        return Status::failure(failed, ErrorKind::System);
    return {};
}

Status SyncService::moveSecretOutOfDatabase() const
{
    SettingsRepository settings(m_till.database());
    const Database &db = m_till.database();
    if (const QString stored = settings.value(settingKey(secretKey)); !stored.isEmpty()) {
        // Only an older till writes the setting, so it is the newest secret there is: it wins
        // over a file left by an earlier move.
        const auto inFile = PrivateFiles::read(secretFile());
        if (!inFile || inFile->trimmed() != stored.toLatin1())
            if (Status s = storeSecret(QByteArray::fromBase64(stored.toLatin1())); !s)
                return s;
        // Overwritten, not just unlinked from the b-tree, so the database's pages no longer hold it.
        db.exec(u"PRAGMA secure_delete=ON"_s);
        const auto removed = db.exec(u"DELETE FROM settings WHERE key = ?"_s, {settingKey(secretKey)});
        db.exec(u"PRAGMA secure_delete=OFF"_s);
        if (!removed)
            return Status::failure(removed.error(), ErrorKind::System);
        settings.setValue(settingKey(secretWipeKey), u"1"_s);
        qCInfo(lcSync) << "the terminal's HQ secret moved out of the database into" << secretFile();
    }
    if (settings.value(settingKey(secretWipeKey)).isEmpty())
        return {};
    // Older frames of the WAL still hold it until the WAL starts over, which it can't while
    // someone reads: tried again at every start until it could.
    int busy = -1;
    db.run(u"PRAGMA wal_checkpoint(TRUNCATE)"_s, {}, [&](const QSqlQuery &q) { busy = q.value(0).toInt(); });
    if (busy == 0)
        settings.setValue(settingKey(secretWipeKey), QString());
    return {};
}

void SyncService::record(const sync::HqReply &reply) const
{
    SettingsRepository settings(m_till.database());
    const QString now = m_till.now().toString(Qt::ISODate);
    settings.setValue(settingKey(lastAttemptKey), now);
    if (reply.ok())
        settings.setValue(settingKey(lastOkKey), now);
    settings.setValue(settingKey(lastErrorKey), reply.ok() ? QString() : describe(reply));
    settings.setValue(settingKey(onlineKey), reply.ok() ? u"1"_s : u"0"_s);
    if (reply.outcome != sync::HqReply::Outcome::Unreachable)
        settings.setValue(settingKey(skewKey), QString::number(reply.skewMs));
}

QStringList SyncService::describe(const SyncStatus &s)
{
    QStringList lines;
    lines << (!s.enrolled ? tr("Not enrolled with HQ: the till sells offline and keeps everything for HQ "
                               "(posctl enroll URL CODE --ca CA.pem).")
              : s.online  ? tr("Online with %1").arg(s.url)
                          : tr("Offline from %1 — selling normally").arg(s.url));
    lines << tr("Waiting for HQ: %1").arg(s.pending)
                 + (s.oldestPending.isEmpty() ? QString() : u"  "_s + tr("(oldest %1)").arg(s.oldestPending));
    if (s.parked > 0)
        lines << tr("Refused by HQ and kept: %1 (posctl sync --retry-parked once HQ is fixed)").arg(s.parked);
    const QString unapplied = describeParkedChanges(s);
    if (!unapplied.isEmpty())
        lines << unapplied + u"  "_s + tr("(tried again after each pull; posctl sync --retry-parked)");
    if (!s.lastOkAt.isEmpty())
        lines << tr("Last reached HQ: %1").arg(s.lastOkAt);
    if (!s.lastError.isEmpty() && s.lastError != unapplied)
        lines << tr("Last problem: %1").arg(s.lastError);
    if (qAbs(s.skewMs) > 2000)
        lines << tr("This till's clock is %1 s off HQ's.").arg(s.skewMs / 1000);
    return lines;
}

QString SyncService::describe(const sync::HqReply &reply)
{
    if (reply.ok())
        return {};
    if (reply.outcome == sync::HqReply::Outcome::Unreachable)
        return reply.tlsFailure ? tr("HQ's certificate is not the chain's (TLS: %1).").arg(shownInput(reply.message, hqMessageChars))
                                : tr("HQ cannot be reached: %1").arg(shownInput(reply.message, hqMessageChars));
    if (reply.code == u"clock_skew"_s)
        return tr("This till's clock is %1 s off HQ's: set the clock right.").arg(reply.skewMs / 1000);
    if (reply.code == u"unknown_terminal"_s)
        return tr("HQ does not know this till (not enrolled, or revoked): enrol it again.");
    if (reply.code == u"bad_signature"_s)
        return tr("HQ refused this till's signature: enrol it again.");
    if (reply.code == u"busy"_s)
        return tr("HQ is busy (HTTP %1); trying again in %2 s.").arg(reply.status).arg(qMax(0, reply.retryAfterSeconds));
    return tr("HQ answered %1: %2").arg(reply.status).arg(shownInput(reply.message, hqMessageChars));
}

std::unique_ptr<sync::HqClient> SyncService::connect(SyncRound &round) const
{
    QString why;
    const auto e = endpoint(&why);
    if (!e) {
        round.failed = true;
        round.failure.message = !why.isEmpty() ? why : tr("This till is not enrolled with HQ (posctl enroll URL CODE --ca CA.pem).");
        return {};
    }
    return std::make_unique<sync::HqClient>(*e, [this] { return nowMs(); });
}

SyncRound SyncService::push(int batchSize)
{
    SyncRound round;
    auto client = connect(round);
    if (!client)
        return round;
    const OutboxRepository outbox(m_till.database());
    for (;;) {
        const QList<OutboxEvent> batch = outbox.pending(qBound(1, batchSize, 500));
        if (batch.isEmpty()) {
            round.drained = true;
            return round;
        }
        QJsonArray events;
        QStringList ids;
        for (const OutboxEvent &ev : batch) {
            events.append(QJsonObject{{u"id"_s, ev.id}, {u"topic"_s, ev.topic}, {u"ref"_s, ev.ref},
                                      {u"created_at"_s, ev.createdAt}, {u"payload"_s, ev.payload}});
            ids.append(ev.id);
        }
        const sync::HqReply reply = client->post(u"/v1/events"_s, {{u"events"_s, events}}, m_timeoutMs);
        record(reply);
        if (!reply.ok()) {
            outbox.noteAttempt(ids, describe(reply));
            round.failed = true;
            round.failure = reply;
            return round;
        }
        // Marked sent only now that HQ has them; a lost answer means they go again, and HQ
        // answers "duplicate".
        QStringList done;
        const QString at = m_till.now().toString(Qt::ISODate);
        for (const QJsonValue &v : reply.body.value(u"results"_s).toArray()) {
            const QJsonObject result = v.toObject();
            const QString id = result.value(u"id"_s).toString();
            const QString status = result.value(u"status"_s).toString();
            if (!ids.contains(id))
                continue;
            if (status == u"accepted"_s || status == u"duplicate"_s) {
                done.append(id);
                ++(status == u"accepted"_s ? round.accepted : round.duplicates);
            } else if (status == u"rejected"_s) {
                qCWarning(lcSync) << "HQ rejected" << id << result.value(u"error"_s).toString();
                outbox.park(id, result.value(u"error"_s).toString(), at);
                ++round.parked;
            }
        }
        if (Status s = outbox.markSent(done, at); !s) {
            round.failed = true;
            round.failure.message = s.error();
            return round;
        }
        if (done.size() + round.parked == 0) { // HQ answered without taking anything: don't spin
            round.failed = true;
            round.failure.message = tr("HQ's answer acknowledged none of the events sent.");
            return round;
        }
    }
}

SyncRound SyncService::syncOnce(int batchSize)
{
    SyncRound round = push(batchSize);
    if (round.failed)
        return round;
    const SyncRound pulled = pull();
    round.received = pulled.received;
    round.unapplied = pulled.unapplied;
    round.failed = pulled.failed;
    round.failure = pulled.failure;
    return round;
}

SyncRound SyncService::pull()
{
    SyncRound round;
    auto client = connect(round);
    if (!client)
        return round;
    SettingsRepository settings(m_till.database());
    for (;;) {
        const qint64 cursor = settings.value(settingKey(cursorKey), u"0"_s).toLongLong();
        const sync::HqReply reply = client->get(u"/v1/changes?cursor=%1"_s.arg(cursor), m_timeoutMs);
        record(reply);
        if (!reply.ok()) {
            round.failed = true;
            round.failure = reply;
            return round;
        }
        const QJsonArray changes = reply.body.value(u"changes"_s).toArray();
        bool credits = false;
        int applied = 0;
        int parked = 0;
        Transaction tx(m_till.database());
        if (!tx.begun()) {
            round.failed = true;
            round.failure.message = tx.begun().error();
            return round;
        }
        for (const QJsonValue &c : changes) {
            bool ok = false;
            if (Status s = applyOrPark(c.toObject(), ok); !s) {
                round.failed = true;
                round.failure.message = tr("The changes from HQ could not be stored: %1").arg(s.error());
                return round; // the page rolled back, the cursor unmoved: asked for again next time
            }
            ++(ok ? applied : parked);
            credits = credits || (ok && c.toObject().value(u"kind"_s).toString() == u"online_credit"_s);
        }
        if (Status s = settings.setValue(settingKey(cursorKey), QString::number(reply.body.value(u"cursor"_s).toInteger(cursor)));
            !s) {
            round.failed = true;
            round.failure.message = s.error();
            return round;
        }
        if (credits)
            settings.setValue(QString::fromLatin1(LeaderboardService::onlineAsOfKey), m_till.now().toString(Qt::ISODate));
        if (Status s = tx.commit(); !s) {
            round.failed = true;
            round.failure.message = s.error();
            return round;
        }
        round.received += applied;
        round.unapplied += parked;
        if (!reply.body.value(u"more"_s).toBool())
            break;
    }
    // What arrived may be what a parked change was waiting for (the guide a member is bound to).
    if (round.received > 0 && ParkedChangeRepository(m_till.database()).counts().count > 0) {
        const auto retried = retryParkedChanges();
        if (!retried)
            qCWarning(lcSync) << "trying the parked changes again failed:" << retried.error();
        else
            round.received += retried->applied;
    }
    return round;
}

namespace {

// What a change is about: a newer change of the same kind and item replaces it, so a parked
// one is dropped once a newer one of its item has applied. Credits are each their own item
// (a doc credits its guides separately; credits add up rather than replace each other).
QString itemOf(const QString &kind, const QJsonObject &d)
{
    if (kind == u"product"_s)
        return d.value(u"sku"_s).toString();
    if (kind == u"policy"_s)
        return {}; // the chain has one
    if (kind == u"credit_adjustment"_s)
        return QString::number(d.value(u"adjustment"_s).toInteger());
    if (kind == u"online_credit"_s)
        return d.value(u"doc"_s).toString() + u'/' + d.value(u"guide"_s).toString() + u'/' + d.value(u"kind"_s).toString();
    return d.value(u"id"_s).toString(); // guide, member
}

} // namespace

Status SyncService::applyAlone(const QJsonObject &change, Status &outcome) const
{
    Savepoint savepoint(m_till.database(), u"hq_change"_s);
    if (!savepoint.begun())
        return savepoint.begun();
    outcome = apply(change);
    // A failed change is undone alone; the rest of the page goes on. (The schema's foreign keys
    // are checked at each statement, none deferred to COMMIT, so a bad change fails here.)
    return outcome ? savepoint.release() : savepoint.rollback();
}

QString SyncService::parkReason(const QString &kind, const QString &item, const Status &outcome)
{
    return tr("%1 %2: %3").arg(shownInput(kind), shownInput(item), outcome.error());
}

Status SyncService::applyOrPark(const QJsonObject &change, bool &applied) const
{
    const QString kind = change.value(u"kind"_s).toString();
    const QString item = itemOf(kind, change.value(u"data"_s).toObject());
    const qint64 seq = change.value(u"seq"_s).toInteger();
    const ParkedChangeRepository parked(m_till.database());
    Status outcome;
    if (Status s = applyAlone(change, outcome); !s)
        return s;
    applied = outcome.ok();
    if (applied)
        return parked.applied(kind, item, seq);
    const QString reason = parkReason(kind, item, outcome);
    qCWarning(lcSync) << "parked a change from HQ:" << seq << reason;
    return parked.park({kind, item, seq, change, reason, m_till.now().toString(Qt::ISODate), {}, 1});
}

Result<SyncService::ParkedRetry> SyncService::retryParkedChanges()
{
    using R = Result<ParkedRetry>;
    ParkedRetry result;
    const ParkedChangeRepository parked(m_till.database());
    Transaction tx(m_till.database());
    if (!tx.begun())
        return R::failure(tx.begun().error(), ErrorKind::System);
    bool credits = false;
    const QString at = m_till.now().toString(Qt::ISODate);
    for (const ParkedChange &p : parked.all()) {
        Status outcome;
        Status stored = applyAlone(p.change, outcome);
        if (stored && outcome)
            stored = parked.applied(p.kind, p.item, p.seq);
        else if (stored)
            stored = parked.noteTry(p.kind, p.item, parkReason(p.kind, p.item, outcome), at);
        if (!stored)
            return R::failure(stored.error(), ErrorKind::System);
        ++(outcome ? result.applied : result.stillParked);
        credits = credits || (outcome && p.kind == u"online_credit"_s);
    }
    if (credits)
        SettingsRepository(m_till.database()).setValue(QString::fromLatin1(LeaderboardService::onlineAsOfKey), at);
    if (Status s = tx.commit(); !s)
        return R::failure(s.error(), ErrorKind::System);
    return result;
}

// A credit as HQ sends it (online or an adjustment), as a row of the till's ledger.
static LedgerRow ledgerRowFrom(const QJsonObject &d, attribution::Channel channel)
{
    LedgerRow row;
    row.docId = d.value(u"doc"_s).toString();
    row.orderId = d.value(u"order"_s).toString();
    row.guideId = d.value(u"guide"_s).toString();
    row.kind = d.value(u"kind"_s).toString() == u"exclusive"_s ? attribution::CreditKind::Exclusive : attribution::CreditKind::Sales;
    row.amount = d.value(u"amount"_s).toInteger();
    row.at = QDateTime::fromString(d.value(u"at"_s).toString(), Qt::ISODateWithMs);
    row.businessDate = d.value(u"business_date"_s).toString();
    row.channel = channel;
    row.storeId = d.value(u"store"_s).toString();
    row.isRefund = row.amount < 0;
    return row;
}

// One change from HQ onto the till's own tables. Kinds this till does not know (from a
// newer HQ) are skipped.
Status SyncService::apply(const QJsonObject &change) const
{
    const QString kind = change.value(u"kind"_s).toString();
    const QJsonObject d = change.value(u"data"_s).toObject();
    if (kind == u"guide"_s) {
        Guide g;
        g.id = d.value(u"id"_s).toString();
        g.name = d.value(u"name"_s).toString();
        g.storeId = d.value(u"store"_s).toString();
        g.active = d.value(u"active"_s).toBool(true);
        g.departedAt = QDateTime::fromString(d.value(u"departed_at"_s).toString(), Qt::ISODateWithMs);
        if (Status s = PeopleRepository(m_till.database()).upsertGuide(g); !s || g.active)
            return s; // back at HQ: a guide again, but signing in is for a manager here to allow
        // Departed: their sign-in (guides sign in with their guide id) goes with the guide row.
        return StaffService(m_till).disableDepartedGuideWithinTransaction(g.id, d.value(u"departed_at"_s).toString());
    }
    if (kind == u"member"_s) {
        const QJsonObject binding = d.value(u"binding"_s).toObject();
        Member m;
        m.id = d.value(u"id"_s).toString();
        m.phone = d.value(u"phone"_s).toString();
        m.name = d.value(u"name"_s).toString();
        m.exclusiveGuideId = binding.value(u"guide"_s).toString();
        if (!m.exclusiveGuideId.isEmpty() && !PeopleRepository(m_till.database()).guide(m.exclusiveGuideId))
            return Status::failure(tr("bound to guide %1, who is not known at this till").arg(shownInput(m.exclusiveGuideId)));
        if (Status s = PeopleRepository(m_till.database()).upsertMember(m); !s)
            return s;
        if (binding.isEmpty())
            return {};
        attribution::Binding b;
        b.guide = m.exclusiveGuideId;
        b.eventAt = binding.value(u"at"_s).toString();
        b.boundAt = QDateTime::fromString(b.eventAt, Qt::ISODateWithMs).toMSecsSinceEpoch();
        b.source = attribution::bindSourceFromKey(binding.value(u"source"_s).toString().toStdString()).value_or(attribution::BindSource::Assign);
        b.inheritedFrom = binding.value(u"inherited_from"_s).toString();
        return AttributionRepository(m_till.database()).saveBinding(m.id, b);
    }
    if (kind == u"product"_s) {
        CatalogItem item;
        item.sku = d.value(u"sku"_s).toString();
        item.name = d.value(u"name"_s).toString();
        item.pinyinInitials = pinyinInitials(item.name);
        item.category = d.value(u"category"_s).toString();
        item.price = Money::fromFen(d.value(u"price_fen"_s).toInteger());
        item.commissionBp = d.value(u"commission_bp"_s).toInt();
        item.active = d.value(u"active"_s).toBool(true);
        for (const QJsonValue &code : d.value(u"barcodes"_s).toArray())
            item.barcodes.append(code.toString());
        if (item.sku.isEmpty())
            return Status::failure(tr("a product without a SKU"));
        return CatalogRepository(m_till.database()).upsert(item);
    }
    if (kind == u"policy"_s) {
        const QByteArray json = QJsonDocument(d).toJson(QJsonDocument::Compact);
        const auto policy = attribution::policyFromJson(std::string_view(json.constData(), size_t(json.size())));
        if (!policy)
            return Status::failure(policy.error());
        return AttributionService(m_till).setPolicy(*policy); // orders already paid keep theirs
    }
    if (kind == u"credit_adjustment"_s) {
        // HQ's recomputation differs from what this till credited: a new ledger row on top,
        // on the day of the sale; nothing already credited is rewritten.
        LedgerRow row = ledgerRowFrom(d, attribution::Channel::Store);
        row.docId = u"adj:"_s + QString::number(d.value(u"adjustment"_s).toInteger());
        row.isRefund = false; // a correction of the sale, counted with it
        row.why = tr("Adjusted by HQ, which knows more than this till did at the sale (e.g. a binding made at another store): "
                     "%1 for order %2.").arg(Money::fromFen(row.amount).toString(), row.orderId);
        return row.amount == 0 ? Status() : AttributionRepository(m_till.database()).insertLedger(row);
    }
    if (kind == u"online_credit"_s) {
        LedgerRow row = ledgerRowFrom(d, attribution::Channel::Online);
        row.why = tr("Online order %1, credited by HQ.").arg(row.orderId);
        if (row.amount == 0)
            return {};
        return AttributionRepository(m_till.database()).insertLedger(row);
    }
    qCInfo(lcSync) << "skipping a change of unknown kind" << kind;
    return {};
}

Result<int> SyncService::retryParked()
{
    const OutboxRepository outbox(m_till.database());
    const QList<OutboxEvent> parked = outbox.parked();
    for (const OutboxEvent &e : parked)
        if (Status s = outbox.unpark(e.id); !s)
            return Result<int>::failure(s.error(), ErrorKind::System);
    return int(parked.size());
}

SyncStatus SyncService::status() const
{
    SyncStatus s;
    const SettingsRepository settings(m_till.database());
    s.enrolled = isEnrolled();
    s.url = settings.value(settingKey(urlKey));
    const OutboxCounts counts = OutboxRepository(m_till.database()).counts();
    s.pending = counts.pending;
    s.parked = counts.parked;
    s.oldestPending = counts.oldestPending;
    s.lastOkAt = settings.value(settingKey(lastOkKey));
    s.lastAttemptAt = settings.value(settingKey(lastAttemptKey));
    s.lastError = settings.value(settingKey(lastErrorKey));
    s.skewMs = settings.value(settingKey(skewKey)).toLongLong();
    s.online = s.enrolled && settings.value(settingKey(onlineKey)) == u"1"_s;
    const ParkedChangeCounts unapplied = ParkedChangeRepository(m_till.database()).counts();
    s.parkedChanges = unapplied.count;
    s.parkedChangeReason = unapplied.lastReason;
    // HQ answered, but not all it sent is here: that is a problem too.
    if (s.lastError.isEmpty())
        s.lastError = describeParkedChanges(s);
    return s;
}

QString SyncService::describeParkedChanges(const SyncStatus &status)
{
    if (status.parkedChanges <= 0)
        return {};
    return tr("%n change(s) from HQ could not be applied: %1", nullptr, status.parkedChanges).arg(status.parkedChangeReason);
}

} // namespace pos
