// TL2 (Dice, Shalev and Shavit, "Transactional Locking II", 2006): lazy versioning, commit-time
// locking, one global version clock; opaque.
//
// A table of versioned locks, one 64-bit word per stripe of 2^STRIPE_BITS bytes (the same hash as
// ETL's, etl.ts lock_of). A free lock word is `version << 1`, the clock value of the commit that
// wrote the stripe last; a held one is `entry << 32 | (owner + 1) << 1 | 1`, where `entry` indexes
// the owner's redo log (its W_SPARE keeps the word the lock replaced).
// - begin: the read version rv is the global clock.
// - read: a word the transaction wrote comes from its redo log (redo.ts). Else sample the lock,
//   read the value, sample again: consistent if the lock was free, unchanged, and its version is
//   at most rv (else abort: TL2 has no snapshot extension); the stripe joins the read set.
// - write: into the redo log, nothing shared touched.
// - commit: a transaction that wrote nothing is done (each of its reads was consistent at rv).
//   Else lock every stripe written (a bounded wait for one held, then abort), take the write
//   version wv by incrementing the clock, revalidate the read set unless wv = rv + 1 (no commit
//   came between), write the log back, release the locks with version wv.
// The clock is the one word every writing commit increments (TL2's known cost, which ETL's
// per-thread clocks avoid): bench/RESULTS.md compares the algorithms.
import { i32, i64, bool } from "stmc";
import { usize, thread_local, own_cache_line, address_of, atomic_load_i32, atomic_load_i64, atomic_store_i64, atomic_add_i64, atomic_cmpxchg_i64,
  load_i32, load_i64, store_i32, store_i64 } from "stmc:low";
import { raw_alloc, raw_grow } from "../gc/heap";
import { threadId } from "../thread";
import { gcRequested } from "../gc/safepoint";
import { order_commit } from "./order";
import { ABORT_READ_LOCKED, ABORT_READ_CHANGED, ABORT_WRITE_LOCKED, ABORT_VALIDATION, ABORT_CAPACITY, W_ADDRESS, stm_conflict, commit_stall, commitStress } from "./contract";
import { redo_begin, redo_clear, redo_entry, redo_write_back, redoCount, W_SPARE } from "./redo";

const TL2_LOCK_BITS: usize = 18;
const TL2_STRIPE_BITS: usize = 5;
/** How many loads of a held lock word a read or a commit waits for its release before aborting. */
const TL2_WAIT_SPINS: i32 = 8192;
const TL2_LOW_32: i64 = 4294967295;

/** The global version clock, alone on its line. */
let versionClock: i64 = own_cache_line(0);
let tl2LockTable: usize = 0;
let tl2ReadLimit: i32 = 0;

/** The read version: the clock when the running transaction began. */
let readVersion: i64 = thread_local(0);
/** The low 32 bits of a lock word this thread holds. */
let tl2OwnerTag: i64 = thread_local(1);
/** Offsets of the lock words of the stripes read. */
let tl2ReadSet: usize = thread_local(0);
let tl2ReadCount: i32 = thread_local(0);
let tl2ReadCapacity: i32 = thread_local(0);
/** The lock of the stripe read last (the next field of the same object adds no entry). */
let tl2LastRead: usize = thread_local(0);

export function tl2_init(logBytes: usize): void {
  tl2LockTable = raw_alloc((usize(1) << TL2_LOCK_BITS) * 8);
  tl2ReadLimit = i32(logBytes / 4);
}

export function tl2_thread_init(): void {
  tl2OwnerTag = i64(((threadId + 1) << 1) | 1);
}

function tl2_lock_of(address: usize): usize {
  const stripe = i64(address >> TL2_STRIPE_BITS);
  return tl2LockTable + usize((stripe * -7046029254386353131) >>> (64 - i64(TL2_LOCK_BITS))) * 8;
}

function tl2_mine(word: i64): bool {
  return (word & TL2_LOW_32) === tl2OwnerTag;
}

export function tl2_begin(): void {
  readVersion = atomic_load_i64(address_of(versionClock));
  tl2ReadCount = 0;
  tl2LastRead = 0;
  redo_begin();
}

/** A held lock word's release: the free word, or -1 after TL2_WAIT_SPINS loads (or a collection request). */
function tl2_wait_free(lock: usize): i64 {
  for (let spins = 0; spins < TL2_WAIT_SPINS; spins++) {
    const word = atomic_load_i64(lock);
    if ((word & 1) === 0) return word;
    if ((spins & 255) === 255 && atomic_load_i32(address_of(gcRequested)) !== 0) return -1;
  }
  return -1;
}

/** Reads `size` bytes (4 or 8) at `address` from memory, consistent at the read version; on a conflict records it. */
export function tl2_read(address: usize, size: i32): i64 {
  const lock = tl2_lock_of(address);
  let word = atomic_load_i64(lock);
  if ((word & 1) !== 0) {
    word = tl2_wait_free(lock);
    if (word === -1) {
      stm_conflict(ABORT_READ_LOCKED);
      return 0;
    }
  }
  const value = size === 4 ? i64(atomic_load_i32(address)) : atomic_load_i64(address);
  if (atomic_load_i64(lock) !== word || word >> 1 > readVersion) {
    stm_conflict(ABORT_READ_CHANGED);
    return 0;
  }
  if (lock !== tl2LastRead) {
    tl2LastRead = lock;
    if (tl2ReadCount === tl2ReadCapacity) {
      if (tl2ReadCount >= tl2ReadLimit) {
        stm_conflict(ABORT_CAPACITY);
        return 0;
      }
      tl2ReadCapacity = tl2ReadCapacity < 256 ? 256 : tl2ReadCapacity * 2;
      tl2ReadSet = raw_grow(tl2ReadSet, usize(tl2ReadCount) * 4, usize(tl2ReadCapacity) * 4);
    }
    store_i32(tl2ReadSet + usize(tl2ReadCount) * 4, i32(lock - tl2LockTable));
    tl2ReadCount++;
  }
  return value;
}

/** Every stripe read is free (or ours, and was free at a version within rv) with a version within rv. */
export function tl2_validate(): bool {
  for (let i = 0; i < tl2ReadCount; i++) {
    let word = atomic_load_i64(tl2LockTable + usize(load_i32(tl2ReadSet + usize(i) * 4)));
    if (tl2_mine(word)) word = load_i64(redo_entry(i32(word >>> 32)) + W_SPARE);
    else if ((word & 1) !== 0) return false;
    if (word >> 1 > readVersion) return false;
  }
  return true;
}

/** True if the transaction committed; false (the cause recorded, nothing changed) if it must abort. */
export function tl2_commit(): bool {
  if (redoCount === 0) {
    order_commit();
    return true;
  }
  const taken = tl2_lock_writes();
  if (taken < redoCount) {
    tl2_unlock(taken, 0);
    return false;
  }
  // Test mode: a stall between locking and validating widens the race with other commits.
  if (commitStress) commit_stall();
  const writeVersion = atomic_add_i64(address_of(versionClock), 1) + 1;
  if (writeVersion !== readVersion + 1 && !tl2_validate()) {
    stm_conflict(ABORT_VALIDATION);
    tl2_unlock(redoCount, 0);
    return false;
  }
  // While the locks are held: collections' new entries take their order numbers (./order.ts).
  order_commit();
  redo_write_back();
  tl2_unlock(redoCount, writeVersion << 1);
  redo_clear();
  return true;
}

/**
 * Locks the stripe of every logged word, in log order; the entries up to the one that failed
 * (all of them on success). An entry that took its stripe's lock keeps the word it replaced.
 */
function tl2_lock_writes(): i32 {
  for (let i = 0; i < redoCount; i++) {
    const entry = redo_entry(i);
    const lock = tl2_lock_of(usize(load_i64(entry + W_ADDRESS)));
    store_i64(entry + W_SPARE, -1);
    let word = atomic_load_i64(lock);
    if (tl2_mine(word)) continue;
    for (;;) {
      if ((word & 1) !== 0) {
        word = tl2_wait_free(lock);
        if (word === -1) {
          stm_conflict(ABORT_WRITE_LOCKED);
          return i;
        }
      }
      const seen = atomic_cmpxchg_i64(lock, word, (i64(i) << 32) | tl2OwnerTag);
      if (seen === word) break;
      word = seen;
    }
    store_i64(entry + W_SPARE, word);
  }
  return redoCount;
}

/** Releases the locks the first `count` entries took: to `released` (a free word), or to what they replaced when 0. */
function tl2_unlock(count: i32, released: i64): void {
  for (let i = 0; i < count; i++) {
    const entry = redo_entry(i);
    const previous = load_i64(entry + W_SPARE);
    if (previous === -1) continue;
    atomic_store_i64(tl2_lock_of(usize(load_i64(entry + W_ADDRESS))), released !== 0 ? released : previous);
  }
}

/** An abort or abandon before commit: nothing shared was written, nothing is held. */
export function tl2_rollback(): void {
  redo_clear();
  tl2ReadCount = 0;
}
