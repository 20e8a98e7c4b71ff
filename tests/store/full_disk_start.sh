#!/bin/sh
# A till database opened on a disk with no room left, as a store's small SSD fills up. Run by
# tst_besidethetill inside `unshare -rm` (a mount namespace of its own), so that a tiny tmpfs
# can be mounted without touching the machine's disks.
#   full_disk_start.sh POSCTL DATABASE MODE
# MODE full: not a byte free. MODE shm: room for SQLite's -shm (8 pages) and nothing else.
# Copies DATABASE onto the tmpfs, marks its check due (a till died with it open), opens it
# with `posctl orders`, frees the space and opens it again. Prints what it saw.
set -u
posctl=$1 source=$2 mode=$3
dir=$(mktemp -d)
mount -t tmpfs -o size=1m tmpfs "$dir" || { echo "NO-TMPFS"; exit 0; }
cp "$source" "$dir/till.db"
[ -f "$source.pepper" ] && cp "$source.pepper" "$dir/till.db.pepper"
: > "$dir/till.db.open-2147483646-0"
dd if=/dev/zero of="$dir/fill" bs=4096 2>/dev/null
[ "$mode" = shm ] && truncate -s -32768 "$dir/fill"
# Messages are kept in variables: there is no room on the disk for them.
err=$("$posctl" --db "$dir/till.db" orders 2>&1 > /dev/null)
echo "FULL-EXIT $?"
echo "FULL-ERR $err" | tr '\n' ' '; echo
echo "FULL-FILES $(ls "$dir" | tr '\n' ' ')"
rm "$dir/fill"
out=$("$posctl" --db "$dir/till.db" orders 2>&1)
echo "FREED-EXIT $?"
echo "FREED-OUT $out" | tr '\n' ' '; echo
echo "FREED-FILES $(ls "$dir" | tr '\n' ' ')"
for f in "$dir"/till.db.quarantined; do [ -f "$f" ] && echo "NOTE-BYTES $(wc -c < "$f")"; done
"$posctl" --db "$dir/till.db" quarantine > /dev/null 2>&1
echo "QUARANTINE-EXIT $?"
umount "$dir"
