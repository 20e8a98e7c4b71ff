#include "syncservice.h"

#include "till.h"

#include "store/database.h"
#include "core/pinyin.h"
#include "core/showninput.h"
#include "store/attributionrepository.h"
#include "store/catalogrepository.h"
#include "store/outboxrepository.h"
#include "store/peoplerepository.h"

#include "attributionservice.h"
#include "leaderboardservice.h"
#include "settingsservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
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
    SettingsRepository settings(m_till.database());
    Transaction tx(m_till.database());
    for (const auto &[k, v] : {std::pair{urlKey, url}, {caKey, QString::fromLatin1(caPem)}, {pinKey, pinSha256},
                               {secretKey, QString::fromLatin1(secret.toBase64())}})
        if (Status s = settings.setValue(settingKey(k), v); !s)
            return s;
    return tx.commit();
}

bool SyncService::isEnrolled() const
{
    return endpoint().has_value();
}

std::optional<sync::HqEndpoint> SyncService::endpoint() const
{
    const SettingsRepository settings(m_till.database());
    sync::HqEndpoint e;
    e.url = QUrl(settings.value(settingKey(urlKey)));
    e.ca = QSslCertificate::fromData(settings.value(settingKey(caKey)).toLatin1(), QSsl::Pem);
    e.pinnedKeySha256 = settings.value(settingKey(pinKey)).toLatin1();
    e.secret = QByteArray::fromBase64(settings.value(settingKey(secretKey)).toLatin1());
    e.store = m_till.store().id;
    e.terminal = m_till.store().terminalId;
    if (!e.url.isValid() || e.ca.isEmpty() || e.secret.isEmpty())
        return std::nullopt;
    return e;
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
    if (!s.lastOkAt.isEmpty())
        lines << tr("Last reached HQ: %1").arg(s.lastOkAt);
    if (!s.lastError.isEmpty())
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
    const auto e = endpoint();
    if (!e) {
        round.failed = true;
        round.failure.message = tr("This till is not enrolled with HQ (posctl enroll URL CODE --ca CA.pem).");
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
        Transaction tx(m_till.database());
        for (const QJsonValue &c : changes) {
            if (Status s = apply(c.toObject()); !s) {
                round.failed = true;
                round.failure.message = tr("A change from HQ could not be applied: %1").arg(s.error());
                return round; // rolled back, cursor unmoved: tried again next time
            }
            credits = credits || c.toObject().value(u"kind"_s).toString() == u"online_credit"_s;
        }
        settings.setValue(settingKey(cursorKey), QString::number(reply.body.value(u"cursor"_s).toInteger(cursor)));
        if (credits)
            settings.setValue(QString::fromLatin1(LeaderboardService::onlineAsOfKey), m_till.now().toString(Qt::ISODate));
        if (Status s = tx.commit(); !s) {
            round.failed = true;
            round.failure.message = s.error();
            return round;
        }
        round.received += int(changes.size());
        if (!reply.body.value(u"more"_s).toBool())
            return round;
    }
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
        return PeopleRepository(m_till.database()).upsertGuide(g);
    }
    if (kind == u"member"_s) {
        const QJsonObject binding = d.value(u"binding"_s).toObject();
        Member m;
        m.id = d.value(u"id"_s).toString();
        m.phone = d.value(u"phone"_s).toString();
        m.name = d.value(u"name"_s).toString();
        m.exclusiveGuideId = binding.value(u"guide"_s).toString();
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
    return s;
}

} // namespace pos
