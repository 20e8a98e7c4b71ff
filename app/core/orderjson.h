#pragma once

#include "order.h"

#include <QJsonObject>

namespace pos {

// The one JSON shape of an order: what posctl prints and what the outbox sends to HQ.
// Amounts are integer fen; times ISO 8601 with the store's offset.
QJsonObject orderToJson(const Order &order);

} // namespace pos
