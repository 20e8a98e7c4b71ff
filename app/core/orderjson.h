#pragma once

#include "order.h"

#include <QByteArray>
#include <QJsonObject>

namespace pos {

// The one JSON shape of an order: what posctl prints and what the outbox sends to HQ.
// Amounts are integer fen; times ISO 8601 with the store's offset.
// Written as text directly: the outbox stores it inside every sale's commit.
QByteArray orderJsonText(const Order &order);
QJsonObject orderToJson(const Order &order);

} // namespace pos
