#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace pos {

// The value of --lang in the arguments, empty when absent (then the system locale decides).
QString languageFromArguments(const QStringList &arguments);

// Installs the translations compiled into the binary (zh_CN, en) and Qt's own, for
// `language` ("zh_CN", "en", …) or the system locale when empty. Returns the language used.
QString installTranslators(QCoreApplication &app, const QString &language);

} // namespace pos
