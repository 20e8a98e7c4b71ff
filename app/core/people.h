#pragma once

#include <QDateTime>
#include <QString>

namespace pos {

// A sales associate (导购). A departed guide keeps their history but can no longer be chosen.
struct Guide
{
    QString id;
    QString name;
    QString storeId;
    bool active = true;
    QDateTime departedAt; // null while employed

    bool isValid() const { return !id.isEmpty(); }
};

// A registered customer, possibly bound to an exclusive guide (专属导购).
struct Member
{
    QString id; // also the member code on the member's card / QR
    QString phone;
    QString name;
    QString exclusiveGuideId; // empty when none

    bool isValid() const { return !id.isEmpty(); }
};

// 138****6538: enough for the customer to recognise, not enough to copy off a receipt.
inline QString maskedPhone(const QString &phone)
{
    return phone.size() == 11 ? phone.left(3) + QStringLiteral("****") + phone.right(4) : phone;
}

// A store and the terminal this till is.
struct StoreInfo
{
    QString id;
    QString name;
    QString address;
    QString phone;
    QString timeZone = QStringLiteral("Asia/Shanghai");
    QString terminalId;
};

} // namespace pos
