// NOrec (Dalessandro, Spear and Scott, "NOrec: streamlining STM by abolishing ownership
// records", 2010): one global sequence lock, value-based validation, no per-location metadata;
// opaque.
// - begin: the snapshot is the sequence lock's value once even (no writer committing).
// - read: a word the transaction wrote comes from its redo log (redo.ts). Else read the value;
//   if the sequence lock moved since the snapshot, norec_revalidate (every value read is still in
//   memory) and read again; log the address and the value.
// - write: into the redo log.
// - commit: a transaction that wrote nothing is done. Else take the lock (compare-and-swap from
//   the snapshot to snapshot + 1, revalidating whenever another commit moved it), write the log
//   back, release it at snapshot + 2. Writing commits are serialized; reads never write a
//   shared word.
import { i32, i64, bool } from "stmc";
import { usize, thread_local, own_cache_line, address_of, atomic_load_i32, atomic_load_i64, atomic_store_i64, atomic_cmpxchg_i64,
  load_i32, load_i64, store_i64 } from "stmc:low";
import { raw_grow } from "../gc/heap";
import { order_commit } from "./order";
import { ABORT_VALIDATION, ABORT_CAPACITY, stm_conflict, commit_stall, commitStress } from "./contract";
import { redo_begin, redo_clear, redo_write_back, redoCount } from "./redo";

/** The sequence lock: odd while a writing transaction commits. */
let sequenceLock: i64 = own_cache_line(0);
let norecReadLimit: i32 = 0;

/** The sequence lock's value this transaction's reads are consistent with. */
let snapshotTime: i64 = thread_local(0);
/** The read log: 16-byte entries, the address (its bit 0 set for an 8-byte read) and the value read. */
let readLog: usize = thread_local(0);
let readLogCount: i32 = thread_local(0);
let readLogCapacity: i32 = thread_local(0);

export function norec_init(logBytes: usize): void {
  norecReadLimit = i32(logBytes / 16);
}

/** The sequence lock once even. */
function norec_even_time(): i64 {
  for (;;) {
    const time = atomic_load_i64(address_of(sequenceLock));
    if ((time & 1) === 0) return time;
  }
  return 0;
}

export function norec_begin(): void {
  snapshotTime = norec_even_time();
  readLogCount = 0;
  redo_begin();
}

/**
 * Waits for no commit in progress, checks every value read against memory and moves the
 * snapshot to that time; false if a value changed. (A writer holds the lock only while it writes
 * its log back, without a safepoint: the wait is short.)
 */
function norec_revalidate(): bool {
  for (;;) {
    const time = norec_even_time();
    for (let i = 0; i < readLogCount; i++) {
      const entry = readLog + usize(i) * 16;
      const tagged = load_i64(entry);
      const address = usize(tagged & -2);
      const now = (tagged & 1) !== 0 ? atomic_load_i64(address) : i64(atomic_load_i32(address));
      if (now !== load_i64(entry + 8)) return false;
    }
    if (atomic_load_i64(address_of(sequenceLock)) === time) {
      snapshotTime = time;
      return true;
    }
  }
  return false;
}

/** Reads `size` bytes (4 or 8) at `address` from memory, consistent with the snapshot; on a conflict records it. */
export function norec_read(address: usize, size: i32): i64 {
  let value = size === 4 ? i64(atomic_load_i32(address)) : atomic_load_i64(address);
  while (atomic_load_i64(address_of(sequenceLock)) !== snapshotTime) {
    if (!norec_revalidate()) {
      stm_conflict(ABORT_VALIDATION);
      return 0;
    }
    value = size === 4 ? i64(atomic_load_i32(address)) : atomic_load_i64(address);
  }
  if (readLogCount === readLogCapacity) {
    if (readLogCount >= norecReadLimit) {
      stm_conflict(ABORT_CAPACITY);
      return 0;
    }
    readLogCapacity = readLogCapacity < 256 ? 256 : readLogCapacity * 2;
    readLog = raw_grow(readLog, usize(readLogCount) * 16, usize(readLogCapacity) * 16);
  }
  const entry = readLog + usize(readLogCount) * 16;
  store_i64(entry, i64(address) | (size === 8 ? 1 : 0));
  store_i64(entry + 8, value);
  readLogCount++;
  return value;
}

/** After a collection: the values read are still current (the snapshot moves to now). */
export function norec_validate(): bool {
  return atomic_load_i64(address_of(sequenceLock)) === snapshotTime || norec_revalidate();
}

/** True if the transaction committed; false (the cause recorded, nothing changed) if it must abort. */
export function norec_commit(): bool {
  if (redoCount === 0) {
    order_commit();
    return true;
  }
  while (atomic_cmpxchg_i64(address_of(sequenceLock), snapshotTime, snapshotTime + 1) !== snapshotTime) {
    if (!norec_revalidate()) {
      stm_conflict(ABORT_VALIDATION);
      return false;
    }
  }
  // Test mode: a stall while holding the lock makes readers wait and revalidate.
  if (commitStress) commit_stall();
  // While the lock is held: collections' new entries take their order numbers (./order.ts).
  order_commit();
  redo_write_back();
  atomic_store_i64(address_of(sequenceLock), snapshotTime + 2);
  redo_clear();
  return true;
}

/** An abort or abandon before commit: nothing shared was written, nothing is held. */
export function norec_rollback(): void {
  redo_clear();
  readLogCount = 0;
}
