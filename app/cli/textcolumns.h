#pragma once

#include <QString>

namespace pos {

// Terminal column arithmetic where a Chinese character takes two columns.
int displayWidth(const QString &text);
QString padToWidth(const QString &text, int width, bool alignRight = false);

} // namespace pos
