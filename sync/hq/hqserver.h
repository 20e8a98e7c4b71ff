#pragma once

#include "hqstore.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QObject>

#include <functional>
#include <optional>

namespace pos::hq {

// pos-hq's HTTPS face: the routes of sync/PROTOCOL.md over one HqStore. Signed calls are
// checked (terminal, signature, clock) before anything is read.
class HqServer : public QObject
{
    Q_OBJECT
public:
    explicit HqServer(HqStore &store, QObject *parent = nullptr);

    // TLS with the server's certificate and key (PEM files); listens on host:port (0: any
    // free port). Returns the port, or 0 and why.
    quint16 listen(const QString &host, quint16 port, const QString &certFile, const QString &keyFile, QString *error);

    // HQ's clock (ms since the epoch); tests set another.
    void setClock(std::function<qint64()> nowMs) { m_nowMs = std::move(nowMs); }
    // Answers every call with 503 and Retry-After while HQ is being maintained.
    void setMaintenance(int retryAfterSeconds) { m_maintenanceRetryAfter = retryAfterSeconds; }
    // Looks at each request first and may answer it instead (tests inject faults here).
    using Interceptor = std::function<std::optional<QHttpServerResponse>(const QHttpServerRequest &)>;
    void setInterceptor(Interceptor interceptor) { m_interceptor = std::move(interceptor); }

    static constexpr qint64 maxBodyBytes = 4 * 1024 * 1024;
    static constexpr int maxEventsPerCall = 500;

    // The error answer of the contract: {"error":{"code","message"},"hq_time"}.
    static QHttpServerResponse error(QHttpServerResponse::StatusCode status, const QString &code, const QString &message,
                                     qint64 nowMs, QJsonObject extra = {});

private:
    QHttpServerResponse enroll(const QHttpServerRequest &request);
    QHttpServerResponse ping(const QHttpServerRequest &request, const Terminal &terminal);
    QHttpServerResponse events(const QHttpServerRequest &request, const Terminal &terminal);
    QHttpServerResponse changes(const QHttpServerRequest &request, const Terminal &terminal);
    // The chain's reports (Authorization: Bearer TOKEN from pos-hq admin-token).
    QHttpServerResponse report(const QHttpServerRequest &request, const QString &which);
    // The signing terminal, or the refusal to send.
    std::variant<Terminal, QHttpServerResponse> authenticate(const QHttpServerRequest &request);
    std::optional<QHttpServerResponse> screen(const QHttpServerRequest &request);
    QJsonObject withTime(QJsonObject body) const;

    HqStore &m_store;
    QHttpServer m_http;
    std::function<qint64()> m_nowMs;
    int m_maintenanceRetryAfter = 0;
    Interceptor m_interceptor;
};

} // namespace pos::hq
