// ETL: encounter-time locking with write-through (TinySTM's design), opaque.
//
// A version clock per thread (thread-local clocks, as in Avni and Shavit's TLC: no shared word
// that every commit writes) and a table of versioned locks, one 64-bit lock word per stripe of
// 2^STRIPE_BITS bytes (lock_of). A free lock word is a stamp, `(version << THREAD_BITS | thread)
// << 1`: the thread whose commit wrote the stripe last and that thread's clock then. When held it
// is `entry << 32 | (owner + 1) << 1 | 1`, where `entry` indexes the owner's write log, so the
// owner finds its own log entry without a search. The undo log keeps 8-byte words (the words
// written, never the rest of a stripe: memory beside an object may be another thread's new
// object). With 53-bit versions (a stamp compares as a signed 64-bit word) no thread's clock can
// wrap around in any run.
// - snapshot: each thread keeps a vector of the other threads' clocks as it last learned them
//   (one stamp per thread, the largest free lock word it accepts from that thread). It is not
//   refreshed at begin: a transaction that only meets stamps its vector covers never reads another
//   thread's clock (chains of tasks over their own data touch no shared word at all). Why this is
//   opaque: let τ be the latest time an entry of the vector was learned (before the transaction's
//   first read). A stamp (t, v) within the vector means t published clock ≥ v before τ, which it
//   does only after writing and before releasing everything that commit wrote; a read sees the
//   lock free with that stamp after τ, so no commit wrote the stripe between τ and the read: every
//   value read is the committed one at τ, one instant for all of them.
// - read: sample the stripe's lock, read the value, sample again; the value is consistent if the
//   lock was free and unchanged and its stamp is within the snapshot (else the snapshot is
//   extended: every clock read again, the read set revalidated against the old vector, or the
//   transaction aborts). Reads of
//   stripes this transaction owns see its own writes in place and are not logged; a stripe
//   already in the read set is not logged again when it was the last one read, or, in a
//   transaction that has read many, (almost always) when readFilter remembers it.
// - write: the first write to a stripe locks it (one compare-and-swap for all the stripe's words)
//   and logs the old 8 bytes of the word written, once; a later write to that word is a load of
//   the lock word and a compare; the first write to another word of an owned stripe logs it
//   beside the first entry (runtime only: no atomic operation).
// - commit: publish the thread's clock + 1, revalidate the reads unless no other thread has
//   published a clock since the snapshot was learned (short read sets are revalidated without
//   asking: the other clocks' lines move with every commit), then release the locks with the
//   new stamp (clock first: a reader that meets the stamp and refreshes its vector must find it
//   covered).
// - abort: restore the logged words, release the locks with a new stamp.
// Every value a transaction reads is consistent with one serial order (opacity): a zombie
// transaction never sees a mix of two committed states.
// The compiler inlines the common read and the write to an owned stripe into the program's code
// (compiler/barriers/etl.ts): lock_of's hash, the lock word's layout and the read set's format
// here are its contract; etl_read_begin/etl_read_end handle what the inlined path leaves.
// Logs are bounded: a transaction whose logs would pass their limit aborts with
// ABORT_CAPACITY and runs again irrevocably (alone, without logs), instead of exhausting the heap.
import { i32, i64, bool } from "stmc";
import { usize, thread_local, own_cache_line, address_of, atomic_load_i64, atomic_store_i64, atomic_cmpxchg_i64, atomic_cmpxchg_i32,
  load_i32, load_i64, store_i32, store_i64, store_usize, pointer_size, memory_max_pages, memory_fill, atomic_load_i32, atomic_store_i32 } from "stmc:low";
import { raw_alloc, raw_grow } from "../gc/heap";
import { threadId } from "../thread";
import { order_commit } from "./order";
import { gcRequested } from "../gc/safepoint";
import { ABORT_READ_LOCKED, ABORT_READ_CHANGED, ABORT_WRITE_LOCKED, ABORT_VALIDATION, ABORT_CAPACITY, WRITE_ENTRY, W_ADDRESS, W_VALUE, W_REFS, abortCause, stm_conflict, set_abort_cause, commit_stall, commitStress } from "./contract";

/** The lock table has 2^LOCK_BITS words (the compiler's inlined read barrier hashes with it too). */
export const LOCK_BITS: usize = 18;
/**
 * One lock word covers 2^STRIPE_BITS bytes: a transaction that writes several fields of an
 * object takes one lock for them, and reading them adds one read-set entry (bench/RESULTS.md
 * measures 8, 32 and 64 bytes).
 */
export const STRIPE_BITS: usize = 5;
/**
 * A stamp's thread field. Thread ids are below MAX_THREADS (256, main included), but the inlined
 * read indexes the snapshot with these bits of a held word too, where they hold owner + 1: the
 * field must cover MAX_THREADS itself.
 */
export const THREAD_BITS: i32 = 9;
const THREAD_SLOTS: i32 = 1 << THREAD_BITS;
/** Each thread's clock sits alone on a line of the clock table: only its thread writes it. */
const CLOCK_STRIDE: usize = 64;

// Write log entries (contract.ts's layout; W_VALUE holds the word's 8 bytes before the
// transaction wrote it), and ETL's own fields:
/** The lock word's offset in the table, | NOT_FIRST for every entry but the one that took the lock. */
const W_LOCK: usize = 16;
const NOT_FIRST: i32 = 1;
/** The next entry logged under the same lock (after the lock word's own), or -1. */
const W_PREVIOUS: usize = 24;
/** Added by the compiler to a write's size when the value written is a reference. */
export const UNDO_REF: i32 = 16;
/** How many times a read or first write re-loads a lock word another transaction holds before aborting. */
const LOCK_WAIT_SPINS: i32 = 8192;
/** ... and how many, at most, while that transaction runs rather than waits (wait_for_release). */
const LOCK_WAIT_LONG: i32 = 262144;

/** Shared: the clock table, the lock table, and one more than the highest thread id started. */
let clockTable: usize = 0;
/** Per thread, a line whose first word is 1 while the thread waits for another's lock. */
let waitingFlags: usize = 0;
let clockSlots: i32 = own_cache_line(0);
let lockTable: usize = 0;
/** This thread's copy of lockTable's address (a wasm global, read by every barrier). */
let locks: usize = thread_local(0);
/** The most entries a transaction's read set and write log may hold (from the heap limit). */
let readLimit: i32 = 0;
let writeLimit: i32 = 0;

/** This thread's clock (its last commit's version) and its line in the clock table. */
let myClock: i64 = thread_local(0);
let myClockCell: usize = thread_local(0);
/**
 * The snapshot: THREAD_SLOTS stamps, entry t the largest free lock word from thread t this thread
 * accepts (the compiler's inlined read barrier indexes it with the stamp's thread field). An
 * extension fills the spare vector and swaps the two.
 */
let snapshot: usize = thread_local(0);
let spareSnapshot: usize = thread_local(0);
/** The low 32 bits of a lock word this thread holds. */
let ownerTag: i64 = thread_local(1);
const LOW_32: i64 = 4294967295;
/** Offsets of the lock words of the stripes read. */
let readSet: usize = thread_local(0);
let readCount: i32 = thread_local(0);
let readCapacity: i32 = thread_local(0);
/**
 * How many entries the compiler's inlined read barrier may fill before calling read_*_slow:
 * the read set's capacity, at most FILTER_FROM (from there on every read goes through the filter).
 */
let readRoom: i32 = thread_local(0);
/**
 * A direct-mapped filter of the stripes already in the read set: slot (lock index mod
 * FILTER_SLOTS) holds serial << 20 | lock index. A hit means the stripe is logged; a miss only
 * costs a duplicate entry. The serial changes with every transaction, so nothing is cleared.
 */
let readFilter: usize = thread_local(0);
let serial: i64 = thread_local(0);
const FILTER_SLOTS: i32 = 1024;
/**
 * The filter costs a load and a store per read: short transactions (most) skip it and only
 * drop a read of the stripe read last; from this many entries on, it bounds the read set.
 */
const FILTER_FROM: i32 = 4096;
/** The lock of the stripe read last (reading the next field of the same object needs no entry). */
let lastRead: usize = thread_local(0);
/** Owned stripes: WRITE_ENTRY-byte entries. */
let writeLog: usize = thread_local(0);
let writeCount: i32 = thread_local(0);
let writeCapacity: i32 = thread_local(0);

/** `logBytes`: the most bytes each of a transaction's logs may take. */
export function etl_init(logBytes: usize): void {
  const bytes = (usize(1) << LOCK_BITS) * 8;
  lockTable = raw_alloc(bytes);
  clockTable = line_aligned(usize(THREAD_SLOTS) * CLOCK_STRIDE);
  waitingFlags = line_aligned(usize(THREAD_SLOTS) * CLOCK_STRIDE);
  readLimit = i32(logBytes / 4);
  writeLimit = i32(logBytes / WRITE_ENTRY);
}

/** The per-thread memory etl_thread_init takes: the read filter and the two snapshot vectors. */
export function etl_thread_bytes(): usize {
  return usize(FILTER_SLOTS) * 8 + usize(THREAD_SLOTS) * 16;
}

/** This thread's state, in `memory` (etl_thread_bytes() bytes, zeroed). */
export function etl_thread_init(memory: usize): void {
  locks = lockTable;
  ownerTag = i64(((threadId + 1) << 1) | 1);
  readFilter = memory;
  memory_fill(readFilter, 255, usize(FILTER_SLOTS) * 8);
  myClockCell = clock_cell(threadId);
  myClock = atomic_load_i64(myClockCell);
  // Every clock is at least 0, learned now: both vectors start there.
  snapshot = memory + usize(FILTER_SLOTS) * 8;
  spareSnapshot = snapshot + usize(THREAD_SLOTS) * 8;
  for (let t = 0; t < THREAD_SLOTS; t++) {
    store_i64(snapshot + usize(t) * 8, stamp(0, t));
    store_i64(spareSnapshot + usize(t) * 8, stamp(0, t));
  }
  store_i64(snapshot + usize(threadId) * 8, stamp(myClock, threadId));
  // Before this thread can commit: an extension reads the clocks of ids below clockSlots.
  let slots = atomic_load_i32(address_of(clockSlots));
  while (slots <= threadId) {
    const seen = atomic_cmpxchg_i32(address_of(clockSlots), slots, threadId + 1);
    if (seen === slots) break;
    slots = seen;
  }
}

/** The free lock word of a stripe last written by `thread`'s commit number `version`. */
function stamp(version: i64, thread: i32): i64 {
  return ((version << i64(THREAD_BITS)) | i64(thread)) << 1;
}

/** Thread `t`'s clock and its waiting flag, each on a line of its own. */
function clock_cell(t: i32): usize {
  return clockTable + usize(t) * CLOCK_STRIDE;
}

function waiting_flag(t: i32): usize {
  return waitingFlags + usize(t) * CLOCK_STRIDE;
}

/** `bytes` of runtime memory starting on a 64-byte line (raw_alloc aligns to 8). */
function line_aligned(bytes: usize): usize {
  return (raw_alloc(bytes + 64) + 63) & ~63;
}

/**
 * True if the free lock word `word` is newer than the snapshot covers. Within a transaction the
 * snapshot's entries change only through extend (which validates the read set against the old
 * entries) and next_stamp (this thread's own entry): others_committed's skip relies on that, so
 * an entry must never be refreshed on its own.
 */
function too_new(word: i64): bool {
  return word > load_i64(snapshot + usize(word & i64((THREAD_SLOTS - 1) << 1)) * 4);
}

/**
 * The lock word of an address's stripe: Fibonacci hashing of the stripe number (the top
 * bits of the product, so that every bit of the address counts). Runs of consecutive stripes on
 * neighbouring lock words (one data line, one lock line) were measured too: no faster on array
 * sweeps once loops read array headers once, 15–25% slower on pointer-chasing programs
 * (bench/RESULTS.md), so each stripe is scattered on its own.
 */
export function lock_of(address: usize): usize {
  const stripe = i64(address >> STRIPE_BITS);
  return locks + usize((stripe * -7046029254386353131) >>> (64 - i64(LOCK_BITS))) * 8;
}

/** True if this thread holds the lock word `word`. */
function mine(word: i64): bool {
  return (word & LOW_32) === ownerTag;
}

/** For the collector: the write log of the running transaction (old references are roots). */
export function etl_write_log(): usize {
  return writeLog;
}

export function etl_write_count(): i32 {
  return writeCount;
}

/**
 * Reads `size` bytes (4 or 8) at `address` (the runtime's path; the compiler inlines the common
 * case: compiler/barriers/etl.ts): sample the lock word, read, check; a conflict is recorded.
 */
export function etl_read(address: usize, size: i32): i64 {
  const lock = lock_of(address);
  const word = etl_read_begin(lock);
  if (word === -1) {
    stm_conflict(abortCause);
    return 0;
  }
  const value = size === 4 ? i64(atomic_load_i32(address)) : atomic_load_i64(address);
  if (!etl_read_end(lock, word)) stm_conflict(abortCause);
  return value;
}

/** Writes through: owns the stripe (etl_write_begin), then stores; false if it must abort. */
export function etl_write(address: usize, bits: i64, size: i32, reference: bool): bool {
  if (!etl_write_begin(address, reference ? size | UNDO_REF : size)) {
    stm_conflict(abortCause);
    return false;
  }
  if (size === 4) store_i32(address, i32(bits));
  else store_i64(address, bits);
  return true;
}

/**
 * Set when a transaction of this thread had to extend its snapshot (it read what another thread
 * committed since the snapshot was learned): the next one begins with a fresh vector, as TL2
 * begins with the clock. Threads that keep to their own data never set it.
 */
let refreshAtBegin: bool = thread_local(false);

/**
 * Begins with the snapshot as it stands (no shared word read), or with every clock read again
 * after a transaction of this thread met a newer stamp.
 */
export function etl_begin(): void {
  if (refreshAtBegin) {
    refreshAtBegin = false;
    learn_clocks(snapshot);
  }
  readCount = 0;
  writeCount = 0;
  lastRead = 0;
  serial++;
}

/** Before reading from the stripe of `lock`: its lock word, or -1 (abort) if another transaction holds it. */
export function etl_read_begin(lock: usize): i64 {
  const word = atomic_load_i64(lock);
  if ((word & 1) === 0 || mine(word)) return word;
  const released = wait_for_release(lock);
  if (released === -1) set_abort_cause(ABORT_READ_LOCKED);
  return released;
}

/**
 * A stripe another transaction holds: its lock word once released, or -1 (abort). A transaction
 * locks as it writes and commits after its last write, so waiting usually saves an abort. This
 * thread waits LOCK_WAIT_SPINS loads in any case, and on (up to LOCK_WAIT_LONG) while the
 * holder is itself running rather than waiting: a holder that waits for a lock may be waiting for
 * one of ours. Each waiter raises its waiting flag before it looks at the holder's (sequentially
 * consistent), so of two transactions waiting for each other at least one sees the other and
 * aborts. A collection requested meanwhile ends the wait (the holder may be stopped for it, and
 * this thread can stop only once it has unwound).
 */
function wait_for_release(lock: usize): i64 {
  for (let spins = 0; spins < LOCK_WAIT_SPINS; spins++) {
    const word = atomic_load_i64(lock);
    if ((word & 1) === 0) return word;
  }
  const flag = waiting_flag(threadId);
  atomic_store_i32(flag, 1);
  let released: i64 = -1;
  for (let spins = LOCK_WAIT_SPINS; spins < LOCK_WAIT_LONG; spins++) {
    const word = atomic_load_i64(lock);
    if ((word & 1) === 0) {
      released = word;
      break;
    }
    if ((spins & 255) === 0) {
      // The holder's id from its tag, (owner + 1) << 1 | 1.
      const holder = i32((word & LOW_32) >> 1) - 1;
      if (atomic_load_i32(waiting_flag(holder)) !== 0 || atomic_load_i32(address_of(gcRequested)) !== 0) break;
    }
  }
  atomic_store_i32(flag, 0);
  return released;
}
// The first LOCK_WAIT_SPINS loads do not look at a collection request: a bounded delay. Of a cycle
// of waiting transactions (of any length), the last to read its holder's flag finds it raised.

/** After reading: true if the value read is consistent (else the caller aborts). */
export function etl_read_end(lock: usize, word: i64): bool {
  if (mine(word)) return true;
  if (atomic_load_i64(lock) !== word) {
    set_abort_cause(ABORT_READ_CHANGED);
    return false;
  }
  // A stamp newer than the snapshot: move the snapshot forward if every earlier read is still
  // valid, then make sure this stripe did not change meanwhile (extend read the clocks after our
  // second sample: without this re-check a commit in between would go unseen).
  if (too_new(word) && (!extend() || atomic_load_i64(lock) !== word || too_new(word))) {
    set_abort_cause(ABORT_READ_CHANGED);
    return false;
  }
  if (lock === lastRead) return true;
  lastRead = lock;
  if (readCount >= FILTER_FROM) {
    const index = i64(lock - locks) >> 3;
    const slot = readFilter + usize(i32(index) & (FILTER_SLOTS - 1)) * 8;
    const key = (serial << 20) | index;
    if (load_i64(slot) === key) return true;
    store_i64(slot, key);
  }
  if (readCount === readCapacity) {
    if (readCount >= readLimit) {
      set_abort_cause(ABORT_CAPACITY);
      return false;
    }
    readCapacity = readCapacity < 256 ? 256 : readCapacity * 2;
    readSet = raw_grow(readSet, usize(readCount) * 4, usize(readCapacity) * 4);
    readRoom = readCapacity < FILTER_FROM ? readCapacity : FILTER_FROM;
  }
  store_i32(readSet + usize(readCount) * 4, i32(lock - locks));
  readCount++;
  return true;
}

/**
 * Before writing `address`: owns its stripe (locking it and logging its old 8 bytes the first
 * time); false if it cannot (the caller aborts). `size` has UNDO_REF set when the value written
 * is a reference: the old reference in the log is then traced by the collector.
 */
export function etl_write_begin(address: usize, size: i32): bool {
  const lock = lock_of(address);
  let word = atomic_load_i64(lock);
  const logged = i64(address & ~7);
  let entry: usize = 0;
  if (mine(word)) {
    // The stripe is held: this word may already be logged (on the chain of the lock's entries).
    const first = i32(word >>> 32);
    entry = chained_entry(first, logged);
    if (entry === 0) {
      if (writeCount === writeCapacity && !grow_write_log()) return false;
      // Linked right after the lock's own entry (addressed after grow_write_log, which moves the log).
      const head = writeLog + usize(first) * WRITE_ENTRY;
      entry = append_entry(i32(lock - locks) | NOT_FIRST, logged, load_i32(head + W_PREVIOUS));
      store_i32(head + W_PREVIOUS, writeCount - 1);
    }
  } else {
    if ((word & 1) !== 0) {
      word = wait_for_release(lock);
      if (word === -1) {
        set_abort_cause(ABORT_WRITE_LOCKED);
        return false;
      }
    }
    if (too_new(word) && (!extend() || too_new(word))) {
      set_abort_cause(ABORT_READ_CHANGED);
      return false;
    }
    // The stripe's first write: room in the log, the lock, the entry. The common path has no call.
    if (writeCount === writeCapacity && !grow_write_log()) return false;
    if (atomic_cmpxchg_i64(lock, word, (i64(writeCount) << 32) | ownerTag) !== word) {
      set_abort_cause(ABORT_WRITE_LOCKED);
      return false;
    }
    entry = append_entry(i32(lock - locks), logged, -1);
  }
  if ((size & UNDO_REF) === 0) return true;
  // A reference is written: the word it replaces (as it was before the transaction) is a root.
  const wordInStripe = i32((address & 7) / pointer_size());
  store_i32(entry + W_REFS, load_i32(entry + W_REFS) | (1 << wordInStripe));
  return true;
}

/** The entry logging `logged` among the lock's own entry (index `first`) and those chained after it, or 0. */
function chained_entry(first: i32, logged: i64): usize {
  let i = first;
  while (i >= 0) {
    const entry = writeLog + usize(i) * WRITE_ENTRY;
    if (load_i64(entry + W_ADDRESS) === logged) return entry;
    i = load_i32(entry + W_PREVIOUS);
  }
  return 0;
}

/** Doubles the write log; false (ABORT_CAPACITY) when it is at its limit. */
function grow_write_log(): bool {
  if (writeCount >= writeLimit) {
    set_abort_cause(ABORT_CAPACITY);
    return false;
  }
  writeCapacity = writeCapacity < 64 ? 64 : writeCapacity * 2;
  writeLog = raw_grow(writeLog, usize(writeCount) * WRITE_ENTRY, usize(writeCapacity) * WRITE_ENTRY);
  return true;
}

/** Logs the old 8 bytes at `logged` (its stripe's lock held, the log has room): the new entry. */
function append_entry(lockOffset: i32, logged: i64, next: i32): usize {
  const entry = writeLog + usize(writeCount) * WRITE_ENTRY;
  store_i64(entry + W_ADDRESS, logged);
  store_i64(entry + W_VALUE, load_i64(usize(logged)));
  store_i32(entry + W_LOCK, lockOffset);
  store_i32(entry + W_REFS, 0);
  store_i32(entry + W_PREVIOUS, next);
  writeCount++;
  return entry;
}

/**
 * Moves the snapshot to now if every read is still valid: every thread's clock is read into the
 * spare vector, the read set is checked against the old one (a stripe rewritten since it was read
 * carries a stamp the old vector does not cover), and the vectors swap. They swap even when the
 * check fails: the transaction then aborts, and its retry starts from the fresher vector (any
 * vector learned before a transaction's first read is a valid snapshot for it).
 */
function extend(): bool {
  const fresh = spareSnapshot;
  learn_clocks(fresh);
  refreshAtBegin = true;
  const valid = etl_validate();
  spareSnapshot = snapshot;
  snapshot = fresh;
  return valid;
}

/** Reads every started thread's clock into `vector`. */
function learn_clocks(vector: usize): void {
  const slots = atomic_load_i32(address_of(clockSlots));
  for (let t = 0; t < slots; t++) {
    store_i64(vector + usize(t) * 8, stamp(atomic_load_i64(clock_cell(t)), t));
  }
}

/** Every stripe read is unlocked (or ours) and unchanged since it was read (its stamp within the snapshot). */
export function etl_validate(): bool {
  for (let i = 0; i < readCount; i++) {
    const word = atomic_load_i64(locks + usize(load_i32(readSet + usize(i) * 4)));
    if (mine(word)) continue;
    if ((word & 1) !== 0 || too_new(word)) return false;
  }
  return true;
}

/** True if the transaction committed; false if it must abort (call etl_rollback). */
export function etl_commit(): bool {
  if (writeCount === 0) {
    order_commit();
    return true;
  }
  // The clock is published before the check, as TL2 takes its write version before validating:
  // of two transactions that commit at once, each publishing then checking the other's clock,
  // at least one sees the other and validates (and finds its locks). Checking first would let
  // both skip validation with each having read what the other is writing.
  const word = next_stamp();
  // Test mode: a stall between publishing and checking widens exactly that race.
  if (commitStress) commit_stall();
  if (others_committed() && !etl_validate()) {
    set_abort_cause(ABORT_VALIDATION);
    return false;
  }
  // While the locks are held: collections' new entries take their order numbers (./order.ts).
  order_commit();
  release(word);
  return true;
}

/** Up to this many reads, a commit whose last check found other commits revalidates directly. */
const VALIDATE_DIRECTLY: i32 = 32;
/** Whether the last check of the other clocks found none moved (then checking first usually pays). */
let othersQuiet: bool = thread_local(true);
/** Commits since the last check, when short read sets are revalidated without one. */
let uncheckedCommits: i32 = thread_local(0);

/**
 * False when no other thread has committed since this thread's snapshot was learned (every other
 * clock still equals its entry): nothing read can have changed. It loads a line per thread, which
 * other threads' commits keep moving: while they do, a short read set is cheaper to revalidate
 * than to ask, so it is asked again only every 64 commits (or for a long read set).
 */
function others_committed(): bool {
  if (!othersQuiet && readCount <= VALIDATE_DIRECTLY && ++uncheckedCommits < 64) return true;
  uncheckedCommits = 0;
  const slots = atomic_load_i32(address_of(clockSlots));
  for (let t = 0; t < slots; t++) {
    if (t !== threadId && stamp(atomic_load_i64(clock_cell(t)), t) !== load_i64(snapshot + usize(t) * 8)) {
      othersQuiet = false;
      return true;
    }
  }
  othersQuiet = true;
  return false;
}

/**
 * Publishes this thread's next clock value and returns its stamp, which this thread's snapshot
 * covers from now on. The clock is stored before any lock is released with the stamp.
 */
function next_stamp(): i64 {
  myClock++;
  atomic_store_i64(myClockCell, myClock);
  const word = stamp(myClock, threadId);
  store_i64(snapshot + usize(threadId) * 8, word);
  return word;
}

/**
 * Restores the owned stripes and releases their locks with a new version: a reader that saw an
 * uncommitted value between our write and the undo must not find the old lock word again (an
 * ABA that would let it accept a value that never committed).
 */
export function etl_rollback(): void {
  for (let i = 0; i < writeCount; i++) {
    const entry = writeLog + usize(i) * WRITE_ENTRY;
    store_i64(usize(load_i64(entry + W_ADDRESS)), load_i64(entry + W_VALUE));
  }
  if (writeCount > 0) release(next_stamp());
  writeCount = 0;
  readCount = 0;
}

/** Unlocks every stripe this transaction holds (once each), leaving `word` (a stamp). */
function release(word: i64): void {
  for (let i = 0; i < writeCount; i++) {
    const lockOffset = load_i32(writeLog + usize(i) * WRITE_ENTRY + W_LOCK);
    if ((lockOffset & NOT_FIRST) === 0) atomic_store_i64(locks + usize(lockOffset), word);
  }
}
