#include "hqserver.h"

#include "core/showninput.h"
#include "protocol/signature.h"

#include <QDateTime>
#include <QTimeZone>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslKey>

namespace pos::hq {

using namespace Qt::Literals::StringLiterals;
using Status = QHttpServerResponse::StatusCode;

Q_LOGGING_CATEGORY(lcHq, "pos.hq")

namespace {

QString utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// Header names are case-insensitive in HTTP.
QByteArray header(const QHttpServerRequest &request, const char *name)
{
    for (const auto &[key, value] : request.headers())
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

QByteArray pathAndQuery(const QHttpServerRequest &request)
{
    const QUrl url = request.url();
    QByteArray out = url.path(QUrl::FullyEncoded).toUtf8();
    if (url.hasQuery())
        out += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return out;
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    return method == QHttpServerRequest::Method::Post ? "POST" : method == QHttpServerRequest::Method::Get ? "GET" : "OTHER";
}

} // namespace

HqServer::HqServer(HqStore &store, QObject *parent)
    : QObject(parent), m_store(store), m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    using Method = QHttpServerRequest::Method;
    using Handler = std::function<QHttpServerResponse(const QHttpServerRequest &)>;
    // Every route is screened first (test faults, maintenance, body size).
    auto serve = [this](const QString &path, Method method, Handler handler) {
        m_http.route(path, method, [this, handler](const QHttpServerRequest &r) {
            if (auto refused = screen(r))
                return std::move(*refused);
            return handler(r);
        });
    };
    serve(u"/v1/enroll"_s, Method::Post, [this](const QHttpServerRequest &r) { return enroll(r); });
    // The tills' calls are signed: the terminal is known before the handler runs.
    using SignedHandler = QHttpServerResponse (HqServer::*)(const QHttpServerRequest &, const Terminal &);
    auto serveSigned = [this, &serve](const QString &path, Method method, SignedHandler handler) {
        serve(path, method, [this, handler](const QHttpServerRequest &r) {
            auto who = authenticate(r);
            if (auto *refused = std::get_if<QHttpServerResponse>(&who))
                return std::move(*refused);
            return (this->*handler)(r, std::get<Terminal>(who));
        });
    };
    serveSigned(u"/v1/ping"_s, Method::Get, &HqServer::ping);
    serveSigned(u"/v1/events"_s, Method::Post, &HqServer::events);
    serveSigned(u"/v1/changes"_s, Method::Get, &HqServer::changes);
    for (const QString &which : {u"leaderboard"_s, u"orders"_s, u"ledger"_s})
        serve(u"/v1/hq/"_s + which, Method::Get, [this, which](const QHttpServerRequest &r) { return report(r, which); });
}

quint16 HqServer::listen(const QString &host, quint16 port, const QString &certFile, const QString &keyFile, QString *error)
{
    QFile certIn(certFile), keyIn(keyFile);
    if (!certIn.open(QIODevice::ReadOnly) || !keyIn.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read the certificate %1 or the key %2").arg(certFile, keyFile);
        return 0;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certIn.readAll(), QSsl::Pem);
    const QSslKey key(keyIn.readAll(), QSsl::Ec, QSsl::Pem);
    keyIn.seek(0);
    const QSslKey rsa(keyIn.readAll(), QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty() || (key.isNull() && rsa.isNull())) {
        *error = tr("%1 holds no PEM certificate, or %2 no PEM private key (RSA or EC)").arg(certFile, keyFile);
        return 0;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key.isNull() ? rsa : key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    m_http.sslSetup(tls);
    const quint16 bound = m_http.listen(QHostAddress(host), port);
    if (bound == 0)
        *error = tr("cannot listen on %1:%2").arg(host).arg(port);
    return bound;
}

QHttpServerResponse HqServer::error(Status status, const QString &code, const QString &message, qint64 nowMs, QJsonObject extra)
{
    extra.insert(u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}});
    extra.insert(u"hq_time"_s, utc(nowMs));
    return QHttpServerResponse(extra, status);
}

QJsonObject HqServer::withTime(QJsonObject body) const
{
    body.insert(u"hq_time"_s, utc(m_nowMs()));
    return body;
}

std::optional<QHttpServerResponse> HqServer::screen(const QHttpServerRequest &request)
{
    if (m_interceptor)
        if (auto answer = m_interceptor(request))
            return answer;
    if (m_maintenanceRetryAfter > 0) {
        auto busy = error(Status::ServiceUnavailable, u"busy"_s, tr("HQ is being maintained"), m_nowMs());
        busy.setHeader("Retry-After", QByteArray::number(m_maintenanceRetryAfter));
        return busy;
    }
    if (request.body().size() > maxBodyBytes)
        return error(Status::PayloadTooLarge, u"too_large"_s, tr("send at most %1 bytes a call").arg(maxBodyBytes), m_nowMs());
    return std::nullopt;
}

std::variant<Terminal, QHttpServerResponse> HqServer::authenticate(const QHttpServerRequest &request)
{
    const qint64 now = m_nowMs();
    const QString who = QString::fromUtf8(header(request, sync::Signature::terminalHeader));
    const QStringList parts = who.split(u'/');
    const auto terminal = parts.size() == 2 ? m_store.terminal(parts[0], parts[1]) : std::nullopt;
    if (!terminal || terminal->secret.isEmpty())
        return error(Status::Unauthorized, u"unknown_terminal"_s, tr("terminal \"%1\" is not enrolled, or was revoked").arg(shownInput(who)), now);
    const QByteArray stamp = header(request, sync::Signature::timestampHeader);
    bool ok = false;
    const qint64 theirs = stamp.toLongLong(&ok);
    const QByteArray expected = sync::Signature::sign(terminal->secret, methodName(request.method()), pathAndQuery(request),
                                                      stamp, request.body());
    if (!ok || !sync::Signature::equal(expected, header(request, sync::Signature::signatureHeader).toLower()))
        return error(Status::Unauthorized, u"bad_signature"_s, tr("the signature does not match"), now);
    // Checked after the signature, so that only the terminal itself learns HQ's clock.
    if (std::abs(theirs - now) > sync::Signature::maxSkewMs)
        return error(Status::Unauthorized, u"clock_skew"_s,
                     tr("the terminal's clock is %1 s off HQ's").arg((theirs - now) / 1000), now,
                     {{u"skew_ms"_s, theirs - now}});
    return *terminal;
}

QHttpServerResponse HqServer::enroll(const QHttpServerRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    const QString code = body.value(u"code"_s).toString();
    if (code.isEmpty())
        return error(Status::BadRequest, u"invalid"_s, tr("send {\"code\": \"…\"}"), m_nowMs());
    auto t = m_store.redeem(code, body.value(u"store"_s).toString(), body.value(u"terminal"_s).toString(), m_nowMs());
    if (!t)
        return t.errorKind() == ErrorKind::BadInput ? error(Status::Forbidden, u"bad_code"_s, t.error(), m_nowMs())
                                                    : error(Status::InternalServerError, u"internal"_s, t.error(), m_nowMs());
    qCInfo(lcHq) << "enrolled" << t->store << t->terminal;
    return QHttpServerResponse(withTime({{u"store"_s, t->store},
                                         {u"terminal"_s, t->terminal},
                                         {u"secret"_s, QString::fromLatin1(t->secret.toBase64())}}));
}

QHttpServerResponse HqServer::ping(const QHttpServerRequest &, const Terminal &t)
{
    return QHttpServerResponse(withTime({{u"store"_s, t.store}, {u"terminal"_s, t.terminal}}));
}

QHttpServerResponse HqServer::events(const QHttpServerRequest &request, const Terminal &t)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parse);
    if (!doc.isObject() || !doc.object().value(u"events"_s).isArray())
        return error(Status::BadRequest, u"invalid"_s, tr("send {\"events\": [...]}"), m_nowMs());
    const QJsonArray events = doc.object().value(u"events"_s).toArray();
    if (events.size() > maxEventsPerCall)
        return error(Status::PayloadTooLarge, u"too_large"_s, tr("send at most %1 events a call").arg(maxEventsPerCall), m_nowMs());
    auto results = m_store.ingest(t, events, m_nowMs());
    if (!results) {
        qCWarning(lcHq) << "ingest failed:" << results.error();
        return error(Status::InternalServerError, u"internal"_s, tr("HQ could not store the events; nothing was kept"), m_nowMs());
    }
    return QHttpServerResponse(withTime({{u"results"_s, *results}}));
}

QHttpServerResponse HqServer::report(const QHttpServerRequest &request, const QString &which)
{
    const QByteArray auth = header(request, "Authorization");
    if (!auth.startsWith("Bearer ") || !m_store.adminTokenValid(QString::fromLatin1(auth.mid(7).trimmed())))
        return error(Status::Unauthorized, u"bad_token"_s, tr("send Authorization: Bearer TOKEN (pos-hq admin-token NAME)"), m_nowMs());
    const QUrlQuery q = request.query();
    const QString store = q.queryItemValue(u"store"_s);
    const QString date = q.queryItemValue(u"date"_s);
    const QString from = q.queryItemValue(u"from"_s);
    const QString to = q.queryItemValue(u"to"_s);
    auto isDay = [](const QString &d) { return QDate::fromString(d, Qt::ISODate).isValid(); };
    QJsonArray rows;
    if (which == u"ledger"_s) {
        if (store.isEmpty() || !isDay(from) || !isDay(to))
            return error(Status::BadRequest, u"invalid"_s, tr("send ?store=S01&from=YYYY-MM-DD&to=YYYY-MM-DD"), m_nowMs());
        for (const QJsonObject &o : m_store.ledger(store, from, to))
            rows.append(o);
    } else {
        if (store.isEmpty() || (which == u"leaderboard"_s ? !isDay(date) : (!date.isEmpty() && !isDay(date))))
            return error(Status::BadRequest, u"invalid"_s, tr("send ?store=S01&date=YYYY-MM-DD"), m_nowMs());
        for (const QJsonObject &o : which == u"leaderboard"_s ? m_store.leaderboard(store, date) : m_store.orders(store, date))
            rows.append(o);
    }
    return QHttpServerResponse(withTime({{which == u"orders"_s ? u"orders"_s : u"rows"_s, rows}, {u"store"_s, store}}));
}

QHttpServerResponse HqServer::changes(const QHttpServerRequest &request, const Terminal &t)
{
    bool ok = false;
    const qint64 cursor = request.query().queryItemValue(u"cursor"_s).toLongLong(&ok);
    if (!ok || cursor < 0)
        return error(Status::BadRequest, u"invalid"_s, tr("send ?cursor=N (0 for everything)"), m_nowMs());
    bool more = false;
    const QJsonArray changes = m_store.changes(t.store, cursor, maxEventsPerCall, &more);
    const qint64 next = changes.isEmpty() ? cursor : changes.last().toObject().value(u"seq"_s).toInteger();
    return QHttpServerResponse(withTime({{u"changes"_s, changes}, {u"cursor"_s, next}, {u"more"_s, more}}));
}

} // namespace pos::hq
