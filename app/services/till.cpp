#include "till.h"

#include "core/showninput.h"

#include "systemclock.h"

#include "syncservice.h"

#include "store/peoplerepository.h"
#include "store/privatefiles.h"

#include <QFileInfo>

#include <QLoggingCategory>

namespace pos {

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcTill, "pos.till")

Till::Till(std::shared_ptr<const Clock> clock)
    : m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
{
}

Status Till::open(const QString &path)
{
    if (Status s = m_db.open(path); !s)
        return s;
    return loadStore();
}

Status Till::openAsTheTill(const QString &path)
{
    const QString file = Database::fileOf(path);
    // A new machine has no folder yet: made (0700) before the lock that lives in it.
    if (const QString failed = PrivateFiles::prepareFolder(QFileInfo(file).absolutePath()); !failed.isEmpty())
        return Status::failure(failed, ErrorKind::System);
    if (Status s = m_lock.acquire(file); !s)
        return s;
    if (Status s = open(path); !s)
        return s;
    // The first start after an upgrade; should the disk be full, the next start tries again.
    if (Status s = SyncService(*this).moveSecretOutOfDatabase(); !s)
        qCWarning(lcTill) << "the HQ secret stays in the database for now:" << s.error();
    return {};
}

Status Till::loadStore()
{
    SettingsRepository settings(m_db);
    const QString storeId = settings.value(u"store_id"_s);
    m_store = {};
    if (storeId.isEmpty())
        return {};
    if (auto store = PeopleRepository(m_db).store(storeId))
        m_store = *store;
    m_store.id = storeId;
    m_store.terminalId = settings.value(u"terminal_id"_s, u"T01"_s);
    return {};
}

Status Till::provision(const StoreInfo &store)
{
    if (store.id.isEmpty() || store.terminalId.isEmpty())
        return Status::failure(tr("A store id and a terminal id are required."));
    if (!QTimeZone(store.timeZone.toUtf8()).isValid())
        return Status::failure(tr("Unknown time zone: %1").arg(shownInput(store.timeZone)));
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    SettingsRepository settings(m_db);
    if (Status s = PeopleRepository(m_db).upsertStore(store); !s)
        return s;
    if (Status s = settings.setValue(u"store_id"_s, store.id); !s)
        return s;
    if (Status s = settings.setValue(u"terminal_id"_s, store.terminalId); !s)
        return s;
    if (Status s = tx.commit(); !s)
        return s;
    return loadStore();
}

QTimeZone Till::timeZone() const
{
    const QTimeZone zone(m_store.timeZone.toUtf8());
    return zone.isValid() ? zone : QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
}

QDateTime Till::now() const
{
    return m_clock->now().toTimeZone(timeZone());
}

} // namespace pos
