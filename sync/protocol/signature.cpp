#include "signature.h"

#include "core/constanttime.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace pos::sync {

QByteArray Signature::stringToSign(const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &timestamp,
                                   const QByteArray &body)
{
    QByteArray text;
    for (const QByteArray &part : {method, pathAndQuery, timestamp})
        text.append(part).append('\n');
    return text.append(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
}

QByteArray Signature::sign(const QByteArray &secret, const QByteArray &method, const QByteArray &pathAndQuery,
                           const QByteArray &timestamp, const QByteArray &body)
{
    return QMessageAuthenticationCode::hash(stringToSign(method, pathAndQuery, timestamp, body), secret,
                                            QCryptographicHash::Sha256)
        .toHex();
}

bool Signature::equal(const QByteArray &a, const QByteArray &b)
{
    return equalInConstantTime(a, b);
}

} // namespace pos::sync
