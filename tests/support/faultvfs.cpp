#include "faultvfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <vector>

namespace pos::test {

namespace {

struct Held
{
    sqlite3_int64 offset;
    std::vector<char> bytes;
};

// What SQLite allocates for a file of ours: our header, then the real VFS's file.
struct FaultFile
{
    sqlite3_file base;
    sqlite3_file *real;
    std::vector<Held> *held; // writes not yet synced (write-back mode)
};

std::atomic<int> g_fault{0};
std::atomic<bool> g_writeBack{false};
std::atomic<bool> g_powerCut{false};
std::atomic<int> g_cutAt{0};
std::atomic<int> g_writes{0};
std::mutex g_heldMutex;
std::vector<std::vector<Held> *> g_openHeld; // every open file's held writes, for cutPower

sqlite3_vfs *realVfs()
{
    static sqlite3_vfs *real = sqlite3_vfs_find("unix");
    return real;
}

sqlite3_file *realOf(sqlite3_file *f)
{
    return reinterpret_cast<FaultFile *>(f)->real;
}

int flushHeld(FaultFile *f)
{
    std::vector<Held> held;
    {
        std::lock_guard lock(g_heldMutex);
        held.swap(*f->held);
    }
    for (const Held &h : held)
        if (int rc = f->real->pMethods->xWrite(f->real, h.bytes.data(), int(h.bytes.size()), h.offset); rc != SQLITE_OK)
            return rc;
    return SQLITE_OK;
}

int xClose(sqlite3_file *file)
{
    auto *f = reinterpret_cast<FaultFile *>(file);
    if (!g_powerCut)
        flushHeld(f); // an orderly close: the cache reaches the disk eventually
    {
        std::lock_guard lock(g_heldMutex);
        std::erase(g_openHeld, f->held);
    }
    delete f->held;
    f->held = nullptr;
    return f->real->pMethods->xClose(f->real);
}

int xRead(sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
    auto *f = reinterpret_cast<FaultFile *>(file);
    if (g_powerCut)
        return SQLITE_IOERR_READ;
    int rc = f->real->pMethods->xRead(f->real, buf, amount, offset);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
        return rc;
    sqlite3_int64 realSize = 0;
    f->real->pMethods->xFileSize(f->real, &realSize);
    sqlite3_int64 end = realSize;
    std::lock_guard lock(g_heldMutex);
    for (const Held &h : *f->held) { // later writes over earlier ones, as the cache would show them
        const sqlite3_int64 from = std::max(offset, h.offset);
        const sqlite3_int64 to = std::min(offset + amount, h.offset + sqlite3_int64(h.bytes.size()));
        if (from < to)
            std::memcpy(static_cast<char *>(buf) + (from - offset), h.bytes.data() + (from - h.offset), size_t(to - from));
        end = std::max(end, h.offset + sqlite3_int64(h.bytes.size()));
    }
    return offset + amount <= end ? SQLITE_OK : SQLITE_IOERR_SHORT_READ;
}

int xWrite(sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset)
{
    auto *f = reinterpret_cast<FaultFile *>(file);
    if (g_powerCut)
        return SQLITE_IOERR_WRITE;
    const int n = ++g_writes;
    if (g_cutAt > 0 && n >= g_cutAt) {
        FaultVfs::cutPower();
        return SQLITE_IOERR_WRITE;
    }
    if (g_fault == int(FaultVfs::Fault::DiskFull))
        return SQLITE_FULL;
    if (g_fault == int(FaultVfs::Fault::IoError))
        return SQLITE_IOERR_WRITE;
    if (!g_writeBack)
        return f->real->pMethods->xWrite(f->real, buf, amount, offset);
    const char *bytes = static_cast<const char *>(buf);
    std::lock_guard lock(g_heldMutex);
    f->held->push_back({offset, std::vector<char>(bytes, bytes + amount)});
    return SQLITE_OK;
}

int xTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    auto *f = reinterpret_cast<FaultFile *>(file);
    if (g_powerCut)
        return SQLITE_IOERR_TRUNCATE;
    if (int rc = flushHeld(f); rc != SQLITE_OK)
        return rc;
    return f->real->pMethods->xTruncate(f->real, size);
}

int xSync(sqlite3_file *file, int flags)
{
    auto *f = reinterpret_cast<FaultFile *>(file);
    if (g_powerCut)
        return SQLITE_IOERR_FSYNC;
    if (g_fault == int(FaultVfs::Fault::IoError))
        return SQLITE_IOERR_FSYNC;
    if (int rc = flushHeld(f); rc != SQLITE_OK)
        return rc;
    return f->real->pMethods->xSync(f->real, flags);
}

int xFileSize(sqlite3_file *file, sqlite3_int64 *size)
{
    auto *f = reinterpret_cast<FaultFile *>(file);
    if (g_powerCut)
        return SQLITE_IOERR_FSTAT;
    if (int rc = f->real->pMethods->xFileSize(f->real, size); rc != SQLITE_OK)
        return rc;
    std::lock_guard lock(g_heldMutex);
    for (const Held &h : *f->held)
        *size = std::max(*size, h.offset + sqlite3_int64(h.bytes.size()));
    return SQLITE_OK;
}

int xLock(sqlite3_file *f, int level) { return realOf(f)->pMethods->xLock(realOf(f), level); }
int xUnlock(sqlite3_file *f, int level) { return realOf(f)->pMethods->xUnlock(realOf(f), level); }
int xCheckReservedLock(sqlite3_file *f, int *out) { return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out); }
int xFileControl(sqlite3_file *f, int op, void *arg) { return realOf(f)->pMethods->xFileControl(realOf(f), op, arg); }
int xSectorSize(sqlite3_file *f) { return realOf(f)->pMethods->xSectorSize(realOf(f)); }
int xDeviceCharacteristics(sqlite3_file *f) { return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f)); }
int xShmMap(sqlite3_file *f, int page, int size, int extend, void volatile **out)
{
    return realOf(f)->pMethods->xShmMap(realOf(f), page, size, extend, out);
}
int xShmLock(sqlite3_file *f, int offset, int n, int flags) { return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags); }
void xShmBarrier(sqlite3_file *f) { realOf(f)->pMethods->xShmBarrier(realOf(f)); }
int xShmUnmap(sqlite3_file *f, int deleteFlag) { return realOf(f)->pMethods->xShmUnmap(realOf(f), deleteFlag); }

// Version 2: shared memory for WAL, but no memory-mapped reads (every read comes through xRead).
const sqlite3_io_methods faultMethods = {
    2, xClose, xRead, xWrite, xTruncate, xSync, xFileSize, xLock, xUnlock, xCheckReservedLock,
    xFileControl, xSectorSize, xDeviceCharacteristics, xShmMap, xShmLock, xShmBarrier, xShmUnmap, nullptr, nullptr,
};

int vfsOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    auto *f = reinterpret_cast<FaultFile *>(file);
    f->real = reinterpret_cast<sqlite3_file *>(f + 1);
    f->base.pMethods = nullptr;
    if (g_powerCut)
        return SQLITE_IOERR;
    const int rc = realVfs()->xOpen(realVfs(), name, f->real, flags, outFlags);
    if (rc != SQLITE_OK)
        return rc;
    f->held = new std::vector<Held>;
    {
        std::lock_guard lock(g_heldMutex);
        g_openHeld.push_back(f->held);
    }
    f->base.pMethods = &faultMethods;
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    if (g_powerCut)
        return SQLITE_IOERR_DELETE;
    return realVfs()->xDelete(realVfs(), name, syncDir);
}
int vfsAccess(sqlite3_vfs *, const char *name, int flags, int *out) { return realVfs()->xAccess(realVfs(), name, flags, out); }
int vfsFullPathname(sqlite3_vfs *, const char *name, int n, char *out) { return realVfs()->xFullPathname(realVfs(), name, n, out); }
void *vfsDlOpen(sqlite3_vfs *, const char *name) { return realVfs()->xDlOpen(realVfs(), name); }
void vfsDlError(sqlite3_vfs *, int n, char *out) { realVfs()->xDlError(realVfs(), n, out); }
void (*vfsDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void) { return realVfs()->xDlSym(realVfs(), handle, symbol); }
void vfsDlClose(sqlite3_vfs *, void *handle) { realVfs()->xDlClose(realVfs(), handle); }
int vfsRandomness(sqlite3_vfs *, int n, char *out) { return realVfs()->xRandomness(realVfs(), n, out); }
int vfsSleep(sqlite3_vfs *, int micros) { return realVfs()->xSleep(realVfs(), micros); }
int vfsCurrentTime(sqlite3_vfs *, double *out) { return realVfs()->xCurrentTime(realVfs(), out); }
int vfsGetLastError(sqlite3_vfs *, int n, char *out) { return realVfs()->xGetLastError(realVfs(), n, out); }
int vfsCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out) { return realVfs()->xCurrentTimeInt64(realVfs(), out); }

void registerOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        static sqlite3_vfs vfs = {
            2, int(sizeof(FaultFile)) + realVfs()->szOsFile, realVfs()->mxPathname, nullptr, "faulty", nullptr,
            vfsOpen, vfsDelete, vfsAccess, vfsFullPathname, vfsDlOpen, vfsDlError, vfsDlSym, vfsDlClose,
            vfsRandomness, vfsSleep, vfsCurrentTime, vfsGetLastError, vfsCurrentTimeInt64, nullptr, nullptr, nullptr,
        };
        sqlite3_vfs_register(&vfs, 0);
    });
}

} // namespace

namespace FaultVfs {

QString uri(const QString &file)
{
    registerOnce();
    return QStringLiteral("file:%1?vfs=faulty").arg(file);
}

void setFault(Fault fault)
{
    g_fault = int(fault);
}

void setWriteBack(bool on)
{
    g_writeBack = on;
}

void cutPowerAtWrite(int n)
{
    g_cutAt = n;
}

void cutPower()
{
    g_powerCut = true;
    std::lock_guard lock(g_heldMutex);
    for (std::vector<Held> *held : g_openHeld)
        held->clear(); // never reached the disk
}

bool powerIsCut()
{
    return g_powerCut;
}

int writes()
{
    return g_writes;
}

void reset()
{
    cutPower(); // drop whatever is held
    g_fault = int(Fault::None);
    g_writeBack = false;
    g_cutAt = 0;
    g_writes = 0;
    g_powerCut = false;
}

} // namespace FaultVfs

} // namespace pos::test
