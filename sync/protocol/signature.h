#pragma once

#include <QByteArray>

namespace pos::sync {

// Request signing of the wire contract (sync/PROTOCOL.md, "Authentication"): the till and
// pos-hq compute the same HMAC-SHA256 over method, path, timestamp and body hash.
namespace Signature {

constexpr qint64 maxSkewMs = 5 * 60 * 1000; // HQ refuses timestamps further off than this
constexpr char terminalHeader[] = "X-POS-Terminal";
constexpr char timestampHeader[] = "X-POS-Timestamp";
constexpr char signatureHeader[] = "X-POS-Signature";

QByteArray stringToSign(const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &timestamp,
                        const QByteArray &body);
// Lowercase hex HMAC-SHA256 of the string to sign.
QByteArray sign(const QByteArray &secret, const QByteArray &method, const QByteArray &pathAndQuery,
                const QByteArray &timestamp, const QByteArray &body);
// Compares in time that does not depend on where the two differ.
bool equal(const QByteArray &a, const QByteArray &b);

} // namespace Signature
} // namespace pos::sync
