#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace pos::sync {

// How to reach HQ: its address, the chain's CA (the only one trusted), optionally the
// SHA-256 of HQ's public key (base64), and the terminal's identity and secret.
struct HqEndpoint
{
    QUrl url; // https://hq.example.com:8443
    QList<QSslCertificate> ca;
    QByteArray pinnedKeySha256; // base64; empty: no pin
    QString store;
    QString terminal;
    QByteArray secret;
};

// One answer from HQ, or why there was none.
struct HqReply
{
    enum class Outcome : quint8 {
        Ok,         // 2xx
        Refused,    // HQ answered 4xx/5xx: `status`, `code`, `message`
        Unreachable // no answer: connection refused, timeout, reset, TLS failure (`message`)
    };
    Outcome outcome = Outcome::Unreachable;
    int status = 0;
    QString code; // the contract's error code (bad_signature, clock_skew, busy…)
    QString message;
    QJsonObject body;
    int retryAfterSeconds = -1; // from Retry-After on 429/503
    qint64 skewMs = 0;          // our clock minus HQ's, when HQ said its time
    bool tlsFailure = false;

    bool ok() const { return outcome == Outcome::Ok; }
};

// The till's HTTPS client: TLS trusting only the chain's CA (never the system store, never
// ignoring an error), every call but enrolment signed (sync/PROTOCOL.md). Calls block with a
// local event loop, on whichever thread owns the client.
class HqClient
{
    Q_DECLARE_TR_FUNCTIONS(HqClient)
public:
    explicit HqClient(HqEndpoint endpoint, std::function<qint64()> nowMs = {});
    ~HqClient();

    HqReply get(const QString &pathAndQuery, int timeoutMs = 15000);
    HqReply post(const QString &pathAndQuery, const QJsonObject &body, int timeoutMs = 30000);

    // Exchanges an enrolment code for the terminal's secret (unsigned); HQ checks that the
    // code is for this store and terminal.
    static HqReply enroll(const QUrl &url, const QList<QSslCertificate> &ca, const QString &code, const QString &store,
                          const QString &terminal, int timeoutMs = 15000);

private:
    HqReply call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body, bool sign, int timeoutMs);
    HqEndpoint m_endpoint;
    std::function<qint64()> m_nowMs;
    QNetworkAccessManager *m_network;
};

} // namespace pos::sync
