#pragma once

#include <QString>

namespace pos::test {

// An SQLite VFS named "faulty" over the default one, for disk faults and power loss on a
// real file. Open a database through it with uri(file). Process-wide (SQLite's VFS list is).
//
//  - DiskFull / IoError: every write (and, for IoError, every sync) fails as the disk would.
//  - Write-back: writes are held back, as a disk cache holds them, until the file is synced;
//    cutPower() drops every write not yet synced and fails everything after it, as if the
//    machine lost power. cutPowerAtWrite(n) does so when the n-th write comes.
namespace FaultVfs {
enum class Fault { None, DiskFull, IoError };

QString uri(const QString &file); // registers the VFS the first time
void setFault(Fault fault);
void setWriteBack(bool on);
void cutPowerAtWrite(int n); // 0: never
void cutPower();
bool powerIsCut();
int writes(); // since the last reset
void reset(); // no fault, no write-back, power on, counters at zero (held writes are dropped)
} // namespace FaultVfs

} // namespace pos::test
