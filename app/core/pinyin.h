#pragma once

#include <QString>

namespace pos {

// Upper-case pinyin initials of a product name, for search: 连衣裙 → "LYQ",
// "Nike 运动鞋" → "NYDX". Latin words and digit runs contribute their first character.
// Derived with ICU's Han-Latin transliterator, so no hand-made character table.
QString pinyinInitials(const QString &text);

// Full toneless pinyin syllables separated by spaces ("lian yi qun"); empty on ICU failure.
QString pinyinOf(const QString &text);

} // namespace pos
