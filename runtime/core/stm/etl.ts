// ETL: encounter-time locking with write-through (TinySTM's design), opaque.
//
// A global version clock and a table of versioned locks, one 64-bit lock word per 8-byte stripe
// of memory (hashed). A lock word is `version << 1` when free and `owner << 1 | 1` when held;
// with 63-bit versions the clock cannot wrap around in any run.
// - read: sample the stripe's lock, read the value, sample again; the value is consistent if the
//   lock was free and unchanged and its version is at most the transaction's read version rv
//   (else rv is extended by revalidating the read set, or the transaction aborts). Reads of
//   stripes this transaction locked see its own writes in place.
// - write: lock the stripe (abort if another transaction holds it), log the old value, write
//   in place.
// - commit: take a write version from the clock, revalidate the reads if other transactions
//   committed meanwhile, release the locks with the new version.
// - abort: restore the logged values in reverse, release the locks with a new version.
// Every value a transaction reads is consistent with one serial order (opacity): a zombie
// transaction never sees a mix of two committed states.
import { i32, i64, bool } from "stmc";
import { usize, thread_local, address_of, atomic_load_i64, atomic_store_i64, atomic_add_i64, atomic_cmpxchg_i64,
  load_i32, load_i64, store_i32, store_i64, store_usize } from "stmc:low";
import { raw_alloc, raw_grow } from "../gc/heap";
import { threadId } from "../thread";
import { R_UNDO_LOG, R_UNDO_COUNT } from "../gc/safepoint";

const LOCK_BITS: usize = 18;
/** Undo log entries: (address: i64, old value bits: i64, size | UNDO_REF if the value is a reference: i32). */
export const UNDO_ENTRY: usize = 24;
export const UNDO_REF: i32 = 16;
const SIZE_MASK: i32 = 15;

export const ABORT_READ_LOCKED: i32 = 0;
export const ABORT_READ_CHANGED: i32 = 1;
export const ABORT_WRITE_LOCKED: i32 = 2;
export const ABORT_VALIDATION: i32 = 3;

/** Shared: the version clock and the lock table. */
let clock: i64 = 0;
let locks: usize = 0;

/** This thread's transaction. */
let readVersion: i64 = thread_local(0);
let ownerWord: i64 = thread_local(1);
let readSet: usize = thread_local(0);
let readCount: i32 = thread_local(0);
let readCapacity: i32 = thread_local(0);
/** The stripe read last: reading the next field of the same object needs no second entry. */
let lastRead: usize = thread_local(0);
/** The address logged last: writing it again (a counter in a loop) needs no second entry. */
let lastUndo: usize = thread_local(0);
/** Held locks: offsets of their lock words in the table. */
let writeSet: usize = thread_local(0);
let writeCount: i32 = thread_local(0);
let writeCapacity: i32 = thread_local(0);
/** Old values: (address, value bits, size) triples of 24 bytes. */
let undoLog: usize = thread_local(0);
let undoCount: i32 = thread_local(0);
let undoCapacity: i32 = thread_local(0);
/** Why the last abort happened (ABORT_*) and where (the address that conflicted). */
export let abortCause: i32 = thread_local(0);

export function etl_init(): void {
  const bytes = (usize(1) << LOCK_BITS) * 8;
  locks = raw_alloc(bytes);
}

export function etl_thread_init(): void {
  ownerWord = (i64(threadId + 1) << 1) | 1;
}

/**
 * The lock word of an address's 8-byte stripe: Fibonacci hashing (the top bits of the stripe
 * number times 2^64/phi), so that every bit of the address counts (keeping the low bits of a
 * product would make stripes 2 MiB apart share a lock) and neighbouring objects, which often
 * belong to different transactions, land far apart in the table.
 */
export function lock_of(address: usize): usize {
  const hash = (i64(address >> 3) * -7046029254386353131) >>> (64 - i64(LOCK_BITS));
  return locks + usize(hash) * 8;
}

function grow(buffer: usize, count: i32, capacity: i32, entry: usize): usize {
  return raw_grow(buffer, usize(count) * entry, usize(capacity) * entry);
}

/** For the collector: the undo log of the running transaction (its old references are roots). */
export function etl_publish(record: usize, running: bool): void {
  store_usize(record + R_UNDO_LOG, undoLog);
  store_usize(record + R_UNDO_COUNT, running ? usize(undoCount) : 0);
}

export function etl_begin(): void {
  readVersion = atomic_load_i64(address_of(clock));
  readCount = 0;
  lastRead = 0;
  lastUndo = 0;
  writeCount = 0;
  undoCount = 0;
}

/** Before reading from the stripe of `lock`: its lock word, or -1 (abort) if another transaction holds it. */
export function etl_read_begin(lock: usize): i64 {
  const word = atomic_load_i64(lock);
  if ((word & 1) !== 0 && word !== ownerWord) {
    abortCause = ABORT_READ_LOCKED;
    return -1;
  }
  return word;
}

/** After reading: true if the value read is consistent (else the caller aborts). */
export function etl_read_end(lock: usize, word: i64): bool {
  if (word === ownerWord) return true;
  if (atomic_load_i64(lock) !== word) {
    abortCause = ABORT_READ_CHANGED;
    return false;
  }
  // A version newer than the snapshot: move the snapshot forward if every earlier read is still
  // valid, then make sure this stripe did not change meanwhile (extend read the clock after our
  // second sample: without this re-check a commit in between would go unseen).
  if ((word >> 1) > readVersion && (!extend() || atomic_load_i64(lock) !== word)) {
    abortCause = ABORT_READ_CHANGED;
    return false;
  }
  if (lock === lastRead) return true;
  lastRead = lock;
  if (readCount === readCapacity) {
    readCapacity = readCapacity < 256 ? 256 : readCapacity * 2;
    readSet = grow(readSet, readCount, readCapacity, 4);
  }
  store_i32(readSet + usize(readCount) * 4, i32(lock - locks));
  readCount++;
  return true;
}

/**
 * Locks the stripe of `address` and logs its old value; false if it cannot (the caller aborts).
 * `size` is 4 or 8, plus UNDO_REF when the value is a reference.
 */
export function etl_write_begin(address: usize, size: i32): bool {
  const lock = lock_of(address);
  const word = atomic_load_i64(lock);
  if (word !== ownerWord) {
    if ((word & 1) !== 0) {
      abortCause = ABORT_WRITE_LOCKED;
      return false;
    }
    if ((word >> 1) > readVersion && !extend()) {
      abortCause = ABORT_READ_CHANGED;
      return false;
    }
    if (atomic_cmpxchg_i64(lock, word, ownerWord) !== word) {
      abortCause = ABORT_WRITE_LOCKED;
      return false;
    }
    if (writeCount === writeCapacity) {
      writeCapacity = writeCapacity < 64 ? 64 : writeCapacity * 2;
      writeSet = grow(writeSet, writeCount, writeCapacity, 4);
    }
    store_i32(writeSet + usize(writeCount) * 4, i32(lock - locks));
    writeCount++;
  }
  if (address === lastUndo) return true;
  lastUndo = address;
  if (undoCount === undoCapacity) {
    undoCapacity = undoCapacity < 64 ? 64 : undoCapacity * 2;
    undoLog = grow(undoLog, undoCount, undoCapacity, UNDO_ENTRY);
  }
  const undo = undoLog + usize(undoCount) * UNDO_ENTRY;
  store_i64(undo, i64(address));
  store_i64(undo + 8, (size & SIZE_MASK) === 8 ? load_i64(address) : i64(load_i32(address)));
  store_i32(undo + 16, size);
  undoCount++;
  return true;
}

/** Moves the read version to now if every read is still valid. */
function extend(): bool {
  const now = atomic_load_i64(address_of(clock));
  if (!validate()) return false;
  readVersion = now;
  return true;
}

/** Every stripe read is unlocked (or ours) and unchanged since the read version. */
function validate(): bool {
  for (let i = 0; i < readCount; i++) {
    const word = atomic_load_i64(locks + usize(load_i32(readSet + usize(i) * 4)));
    if (word === ownerWord) continue;
    if ((word & 1) !== 0 || (word >> 1) > readVersion) return false;
  }
  return true;
}

/** True if the transaction committed; false if it must abort (call etl_rollback). */
export function etl_commit(): bool {
  if (writeCount === 0) return true;
  const writeVersion = atomic_add_i64(address_of(clock), 1) + 1;
  if (writeVersion !== readVersion + 1 && !validate()) {
    abortCause = ABORT_VALIDATION;
    return false;
  }
  release(writeVersion);
  return true;
}

/**
 * Undoes the writes in reverse order and releases the locks with a new version: a reader that
 * saw an uncommitted value between our write and the undo must not find the old lock word
 * again (an ABA that would let it accept a value that never committed).
 */
export function etl_rollback(): void {
  for (let i = undoCount - 1; i >= 0; i--) {
    const undo = undoLog + usize(i) * UNDO_ENTRY;
    const address = usize(load_i64(undo));
    if ((load_i32(undo + 16) & SIZE_MASK) === 8) store_i64(address, load_i64(undo + 8));
    else store_i32(address, i32(load_i64(undo + 8)));
  }
  if (writeCount > 0) release(atomic_add_i64(address_of(clock), 1) + 1);
  writeCount = 0;
  undoCount = 0;
  readCount = 0;
  lastUndo = 0;
}

/** Unlocks every stripe this transaction holds, stamped with `version`. */
function release(version: i64): void {
  for (let i = 0; i < writeCount; i++) {
    atomic_store_i64(locks + usize(load_i32(writeSet + usize(i) * 4)), version << 1);
  }
}
