#include "hqclient.h"

#include "protocol/signature.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslKey>

namespace pos::sync {

using namespace Qt::Literals::StringLiterals;

namespace {

QSslConfiguration tlsTrusting(const QList<QSslCertificate> &ca)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(ca); // only the chain's CA: the system's roots are not consulted
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

QNetworkRequest requestFor(const QUrl &base, const QString &pathAndQuery, const QList<QSslCertificate> &ca, int timeoutMs)
{
    QUrl url = base;
    const qsizetype q = pathAndQuery.indexOf(u'?');
    url.setPath(base.path().chopped(base.path().endsWith(u'/') ? 1 : 0) + pathAndQuery.left(q < 0 ? pathAndQuery.size() : q));
    if (q >= 0)
        url.setQuery(pathAndQuery.mid(q + 1));
    QNetworkRequest request(url);
    request.setSslConfiguration(tlsTrusting(ca));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false); // pos-hq speaks HTTP/1.1
    request.setTransferTimeout(timeoutMs);
    return request;
}

// Waits for the reply and reads it as the contract says.
HqReply finish(QNetworkReply *reply, qint64 sentAtMs, const QByteArray &pin)
{
    bool pinFailed = false;
    if (!pin.isEmpty()) {
        QObject::connect(reply, &QNetworkReply::encrypted, reply, [reply, pin, &pinFailed] {
            const QByteArray key = reply->sslConfiguration().peerCertificate().publicKey().toDer();
            if (QCryptographicHash::hash(key, QCryptographicHash::Sha256).toBase64() != pin) {
                pinFailed = true;
                reply->abort(); // before the request goes out
            }
        });
    }
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();

    HqReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->isOpen() ? reply->readAll() : QByteArray();
    r.body = QJsonDocument::fromJson(data).object();
    if (pinFailed) {
        r.tlsFailure = true;
        r.message = HqClient::tr("HQ's key is not the one this till was set up to trust (pinned key mismatch).");
        return r;
    }
    if (r.status == 0) {
        const auto e = reply->error();
        r.tlsFailure = e == QNetworkReply::SslHandshakeFailedError;
        r.message = e == QNetworkReply::OperationCanceledError ? HqClient::tr("HQ did not answer in time.") : reply->errorString();
        return r;
    }
    if (const QString hqTime = r.body.value(u"hq_time"_s).toString(); !hqTime.isEmpty()) {
        const QDateTime at = QDateTime::fromString(hqTime, Qt::ISODateWithMs);
        if (at.isValid()) // our clock minus HQ's, the request's time of flight shared out evenly
            r.skewMs = (sentAtMs + QDateTime::currentMSecsSinceEpoch()) / 2 - at.toMSecsSinceEpoch();
    }
    if (r.status >= 200 && r.status < 300) {
        r.outcome = HqReply::Outcome::Ok;
        return r;
    }
    r.outcome = HqReply::Outcome::Refused;
    const QJsonObject error = r.body.value(u"error"_s).toObject();
    r.code = error.value(u"code"_s).toString();
    r.message = error.value(u"message"_s).toString();
    if (r.message.isEmpty())
        r.message = HqClient::tr("HQ answered %1.").arg(r.status);
    if (r.code == u"clock_skew"_s && r.body.contains(u"skew_ms"_s))
        r.skewMs = r.body.value(u"skew_ms"_s).toInteger();
    bool ok = false;
    const int after = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
    if (ok && after >= 0)
        r.retryAfterSeconds = after;
    return r;
}

} // namespace

HqClient::HqClient(HqEndpoint endpoint, std::function<qint64()> nowMs)
    : m_endpoint(std::move(endpoint)), m_nowMs(nowMs ? std::move(nowMs) : [] { return QDateTime::currentMSecsSinceEpoch(); }),
      m_network(new QNetworkAccessManager)
{
}

HqClient::~HqClient()
{
    delete m_network;
}

HqReply HqClient::get(const QString &pathAndQuery, int timeoutMs)
{
    return call("GET", pathAndQuery, {}, true, timeoutMs);
}

HqReply HqClient::post(const QString &pathAndQuery, const QJsonObject &body, int timeoutMs)
{
    return call("POST", pathAndQuery, QJsonDocument(body).toJson(QJsonDocument::Compact), true, timeoutMs);
}

HqReply HqClient::call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body, bool sign, int timeoutMs)
{
    QNetworkRequest request = requestFor(m_endpoint.url, pathAndQuery, m_endpoint.ca, timeoutMs);
    const qint64 now = m_nowMs();
    if (sign) {
        const QByteArray stamp = QByteArray::number(now);
        const QUrl url = request.url();
        QByteArray signedPath = url.path(QUrl::FullyEncoded).toUtf8();
        if (url.hasQuery())
            signedPath += '?' + url.query(QUrl::FullyEncoded).toUtf8();
        request.setRawHeader(Signature::terminalHeader, (m_endpoint.store + u'/' + m_endpoint.terminal).toUtf8());
        request.setRawHeader(Signature::timestampHeader, stamp);
        request.setRawHeader(Signature::signatureHeader, Signature::sign(m_endpoint.secret, method, signedPath, stamp, body));
    }
    QNetworkReply *reply = method == "GET" ? m_network->get(request) : m_network->post(request, body);
    HqReply r = finish(reply, QDateTime::currentMSecsSinceEpoch(), m_endpoint.pinnedKeySha256);
    reply->deleteLater();
    return r;
}

HqReply HqClient::enroll(const QUrl &url, const QList<QSslCertificate> &ca, const QString &code, const QString &store,
                         const QString &terminal, int timeoutMs)
{
    QNetworkAccessManager network;
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"code"_s, code}, {u"store"_s, store}, {u"terminal"_s, terminal}}).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = network.post(requestFor(url, u"/v1/enroll"_s, ca, timeoutMs), body);
    HqReply r = finish(reply, QDateTime::currentMSecsSinceEpoch(), {});
    delete reply;
    return r;
}

} // namespace pos::sync
