// libFuzzer: a till's POST /v1/events body as HQ reads it — parsed, checked event by event and
// stored (a real SQLite HQ database in a temporary folder). Bad events are refused one by one;
// nothing crashes and the store stays usable.
#include "hq/hqstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

pos::hq::HqStore *g_store = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // Made once and never destroyed: libFuzzer leaves through exit(), and the store must not
    // outlive Qt's SQL connection registry in the static destructors.
    new QCoreApplication(*argc, *argv);
    auto *dir = new QTemporaryDir;
    g_store = new pos::hq::HqStore;
    QString error;
    const auto url = pos::hq::DatabaseUrl::parse(QStringLiteral("sqlite:") + dir->filePath(QStringLiteral("hq.db")), &error);
    if (!url || !g_store->open(*url))
        std::abort();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    const QJsonArray events = doc.object().value(QStringLiteral("events")).toArray();
    if (events.isEmpty() || events.size() > 50)
        return 0; // HQ answers these before the store is asked
    const pos::hq::Terminal terminal{QStringLiteral("S01"), QStringLiteral("T01"), QByteArrayLiteral("secret"), {}, {}};
    auto results = g_store->ingest(terminal, events, 1764480000000);
    // One answer per event, each with a status; a database failure is the only other outcome.
    if (results && results->size() != events.size())
        std::abort();
    return 0;
}
