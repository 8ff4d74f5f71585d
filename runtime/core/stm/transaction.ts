// The transaction interface the rest of the program sees, over the algorithm chosen at compile
// time (gil, none, or one of the STM algorithms behind algorithm.ts; Binaryen folds the dispatch
// away):
//   tx_begin / tx_commit / abort, the barriers stm_read_* / stm_write_*, and the retry policy:
// randomized exponential backoff, and after IRREVOCABLE_AFTER aborts the transaction runs
// irrevocably (alone: nothing can conflict with it), so that every task finishes.
import { i32, i64, f64, bool } from "stmc";
import { usize, thread_local, own_cache_line, address_of, stm_abort, stm_algorithm, load_i32, load_i64, load_f64, load_usize,
  store_i32, store_i64, store_f64, store_usize, pointer_size, f64_from_bits, f64_to_bits, atomic_load_i32, atomic_store_i32, atomic_cmpxchg_i32, atomic_notify } from "stmc:low";
import { etl_write_begin } from "./etl";
import { STM_GIL, stm_has_barriers, stm_begin, stm_commit, stm_rollback, stm_validate, stm_read, stm_write, stm_publish_roots } from "./algorithm";
import { ABORT_CAPACITY, ABORT_VALIDATION, ABORT_FORCED, abortCause, conflicted, conflict_clear, stm_stress_commits } from "./contract";
import { lock_acquire, lock_release } from "../sync";
import { alloc_mark, alloc_unmark, allocated_since_mark, allocated_earlier_by_transaction, txRangeCount, refill } from "../alloc";
import { threadId, random_below, MAX_THREADS } from "../thread";
import { stats_commit, stats_abort, stats_irrevocable, stats_conflict_at } from "./stats";
import { output_publish, output_discard } from "../output";
import { tasks_publish, tasks_discard } from "../tasks";
import { gc_poll, gc_park, gc_unpark, gc_wait_i32, gc_safepoint, gc_epoch } from "../gc/safepoint";
import { finalizers_publish, finalizers_discard } from "../gc/finalizers";
import { order_defer, order_discard } from "./order";

const IRREVOCABLE_AFTER: i32 = 12;

/** Nesting depth of atomic blocks on this thread; 0 outside any transaction. */
let depth: i32 = thread_local(0);
/** 1 while barriers must go through the STM (a running transaction of an STM algorithm; see `irrevocable`). */
let instrumented: i32 = thread_local(0);
let irrevocable: i32 = thread_local(0);

/** 1 when the next attempt must run irrevocably (the last one outgrew its logs). */
let mustRunAlone: i32 = thread_local(0);

/**
 * Shared: the one global lock of `gil`; the irrevocability token; per thread (a cache line
 * each), 1 while the thread runs tasks and may begin a transaction without a fence.
 */
let globalLock: i32 = own_cache_line(0);
let irrevocableToken: i32 = own_cache_line(0);
let runningFlags: usize = 0;
/** Forced aborts for tests: this many per million commits abort instead. */
let forcedAbortsPerMillion: i32 = 0;

export function transaction_init(running: usize, forcedAborts: i32): void {
  runningFlags = running;
  forcedAbortsPerMillion = forcedAborts;
  // The forced-abort mode is for tests: it also widens the STM's commit races.
  if (forcedAborts > 0) stm_stress_commits();
}

export function in_transaction(): bool {
  return depth > 0;
}

/** Starts the outermost transaction; `attempt` counts the aborts so far (0 the first time). */
export function tx_begin(attempt: i32): void {
  // A transaction boundary is a safepoint.
  gc_poll();
  depth = 1;
  if (stm_algorithm() === STM_GIL) {
    // The lock's holder may stop for a collection: waiting for it counts as stopped (parking
    // costs atomics and a notify, so only when the lock is taken).
    if (atomic_cmpxchg_i32(address_of(globalLock), 0, 1) === 0) return;
    gc_park();
    lock_acquire(address_of(globalLock));
    gc_unpark();
    return;
  }
  if (!stm_has_barriers()) return;
  if (attempt >= IRREVOCABLE_AFTER || mustRunAlone !== 0) {
    mustRunAlone = 0;
    become_irrevocable();
    return;
  }
  // Outside the scheduler's loop (main's atomic blocks, finalizers after run()), the flag is
  // raised for this transaction only: another thread may still be finishing its own finalizers.
  if (!runningTasks) {
    raisedForOne = true;
    tx_thread_running(true);
  }
  while (atomic_load_i32(address_of(irrevocableToken)) !== 0) wait_while_alone();
  instrumented = 1;
  order_defer(true);
  alloc_mark();
  stm_begin();
}

/** Ends the outermost transaction: publishes its output and tasks, or aborts (throws). */
export function tx_commit(): void {
  if (stm_has_barriers() && instrumented !== 0) {
    if (forcedAbortsPerMillion > 0 && irrevocable === 0 && random_below(1000000) < forcedAbortsPerMillion) abort_with(ABORT_FORCED);
    if (!stm_commit()) abort_with(abortCause);
  }
  instrumented = 0;
  order_defer(false);
  alloc_unmark();
  depth = 0;
  output_publish();
  tasks_publish();
  finalizers_publish();
  stats_commit();
  leave();
  gc_poll();
}

/** Restarting alone so that a host function runs once: not a conflict, not counted as an abort. */
const RESTART_FOR_HOST_CALL: i32 = -1;

/**
 * Called by transactional code right before it calls a host function (a `declare function` the
 * embedder supplies): what the host does cannot be rolled back, so a transaction that may still
 * abort restarts as an irrevocable one, which runs alone and never aborts.
 */
export function tx_before_host_call(): void {
  if (!stm_has_barriers() || instrumented === 0 || irrevocable !== 0) return;
  mustRunAlone = 1;
  abort_with(RESTART_FOR_HOST_CALL);
}

/** For the collector, when this thread stops: the running transaction's write log. */
export function publish_transaction_roots(record: usize): void {
  stm_publish_roots(record, stm_has_barriers() && instrumented !== 0);
}

/** Undoes the attempt and unwinds to the task runner (or atomic block), which retries. */
function abort_with(cause: i32): void {
  // A transaction too large for its logs runs again alone, without logs (PyPy-STM's inevitable
  // transactions): retrying it revocably would only fill them again.
  if (cause === ABORT_CAPACITY) mustRunAlone = 1;
  conflict_clear();
  stm_rollback();
  output_discard();
  tasks_discard();
  finalizers_discard();
  stats_abort(cause);
  instrumented = 0;
  order_discard();
  alloc_unmark();
  depth = 0;
  leave();
  stm_abort();
}

/**
 * An error left the transaction's code (a task's or a finalizer's): what it wrote is undone and
 * the transaction ends, without a retry; the error goes on to the task runner. (With gil, and
 * for an irrevocable transaction, there is no log to undo: its writes stay.)
 */
export function tx_abandon(): void {
  if (stm_has_barriers() && instrumented !== 0 && irrevocable === 0) stm_rollback();
  output_discard();
  tasks_discard();
  finalizers_discard();
  instrumented = 0;
  order_discard();
  alloc_unmark();
  depth = 0;
  leave();
}

// ---- collections during a transaction -------------------------------------------------------
// The program's transactional code keeps values it read in temporaries the collector does not
// see (a loop-invariant read hoisted before the loop, a repeated read). Such a reference keeps
// its object alive only through the location it was read from; if another transaction replaced
// it and committed, a collection may free the object, and a later barriered read of the freed
// memory would find its lock words unchanged and accept garbage. So after a collection a
// running transaction checks that everything it read is still current, and aborts if not: its
// temporaries then point only to objects reachable from its (rooted) locals and the globals.
// The compiler calls these instead of gc_safepoint and refill in transactional code.

export function tx_safepoint(): void {
  const epoch = gc_epoch();
  gc_safepoint();
  if (gc_epoch() !== epoch) validate_after_collection();
}

export function tx_refill(size: usize): usize {
  const epoch = gc_epoch();
  const start = refill(size);
  if (gc_epoch() !== epoch) validate_after_collection();
  return start;
}

function validate_after_collection(): void {
  if (stm_has_barriers() && instrumented !== 0 && irrevocable === 0 && !stm_validate()) abort_with(ABORT_VALIDATION);
}

/** Waits a random time that grows with the number of aborts. */
export function tx_backoff(attempt: i32): void {
  const limit = attempt < 10 ? 1 << attempt : 1024;
  let spins = random_below(limit * 16);
  while (spins > 0) spins--;
}

/** transaction.atomic: true if this block starts the outermost transaction (else it nests). */
export function atomic_enter(attempt: i32): bool {
  if (depth > 0) {
    depth++;
    return false;
  }
  tx_begin(attempt);
  return true;
}

export function atomic_leave_nested(): void {
  depth--;
}

function leave(): void {
  if (stm_algorithm() === STM_GIL) {
    lock_release(address_of(globalLock));
    return;
  }
  if (irrevocable !== 0) {
    irrevocable = 0;
    atomic_store_i32(address_of(irrevocableToken), 0);
    atomic_notify(address_of(irrevocableToken), 2147483647);
  } else if (raisedForOne) {
    raisedForOne = false;
    tx_thread_running(false);
  }
}

// ---- irrevocability: one transaction alone --------------------------------------------------
// A thread that must run alone takes the token, then waits until every other thread is outside
// its transactions: asleep without work, or waiting at its next tx_begin. Ordinary transactions
// pay no atomic write for this: a thread's flag changes only when it starts or stops running
// tasks, and tx_begin only loads the token. A thread that stores 1 to its flag and then loads
// the token, against a taker that stores the token and then loads the flag (all sequentially
// consistent), cannot both miss the other: either the thread sees the token and waits, or the
// taker sees the flag and waits for the thread's next boundary. Between its flag store and its
// next tx_begin a thread runs only the scheduler's own code, for a bounded time.

function flag_of(thread: i32): usize {
  return runningFlags + usize(thread) * 64;
}

/** This thread's flag is 1 (it runs tasks, or tx_begin raised it for one transaction). */
let runningTasks: bool = thread_local(false);
let raisedForOne: bool = thread_local(false);

/** The scheduler, when this thread starts (true) or stops (false) running tasks. */
export function tx_thread_running(running: bool): void {
  runningTasks = running;
  const flag = flag_of(threadId);
  atomic_store_i32(flag, running ? 1 : 0);
  if (!running && atomic_load_i32(address_of(irrevocableToken)) !== 0) atomic_notify(flag, 1);
}

/** Waits outside any transaction while another thread runs alone (or holds the token). */
function wait_while_alone(): void {
  tx_thread_running(false);
  while (atomic_load_i32(address_of(irrevocableToken)) !== 0) gc_wait_i32(address_of(irrevocableToken), 1, -1);
  tx_thread_running(true);
}

/** Takes the token, then waits until every other thread is outside its transactions. */
function become_irrevocable(): void {
  while (atomic_cmpxchg_i32(address_of(irrevocableToken), 0, 1) !== 0) wait_while_alone();
  for (let t = 0; t < MAX_THREADS; t++) {
    if (t === threadId) continue;
    const flag = flag_of(t);
    while (atomic_load_i32(flag) !== 0) gc_wait_i32(flag, 1, 1000000);
  }
  // Alone now: it runs the program's transactional code like any transaction, but nothing can
  // conflict with it and it cannot abort, so its barriers' slow paths neither lock nor log.
  irrevocable = 1;
  instrumented = 1;
  alloc_mark();
  stm_begin();
  stats_irrevocable();
}

// ---- barriers: the compiler calls these for every shared access of the user's code ----------
// Objects the running transaction allocated are private to it until it commits: their fields
// are read and written directly (a dynamic form of capture analysis).
// The compiler inlines the fast path into the program's transactional code (compiler/barriers),
// which only ever runs inside a transaction: the test of the allocation mark, then the plain
// access, or the algorithm's own inlined path (etl), or a call of read_*_slow / write_*_slow
// below (write_prepare for etl, which writes through). The runtime's own shared accesses
// (arrays.ts, from code that runs inside and outside transactions) use stm_read_* /
// stm_write_*, which test `instrumented` first.
// The slow paths test txRangeCount themselves: the range search is a call, and most
// transactions never leave their first allocation chunk. An irrevocable transaction runs alone:
// it cannot conflict and never rolls back, so it reads and writes in place, without logs.

function direct(address: usize): bool {
  return irrevocable !== 0 || (txRangeCount !== 0 && allocated_earlier_by_transaction(address));
}

/** ETL's write barrier's slow path: lock the stripe and log the old value (the caller then stores). */
export function write_prepare(address: usize, size: i32, location: i32): void {
  if (direct(address)) return;
  if (!etl_write_begin(address, size)) conflict(location);
}

function conflict(location: i32): void {
  stats_conflict_at(location);
  abort_with(abortCause);
}

export function read_i32_slow(address: usize, location: i32): i32 {
  if (direct(address)) return load_i32(address);
  const bits = stm_read(address, 4);
  if (conflicted) conflict(location);
  return i32(bits);
}

export function read_i64_slow(address: usize, location: i32): i64 {
  if (direct(address)) return load_i64(address);
  const bits = stm_read(address, 8);
  if (conflicted) conflict(location);
  return bits;
}

export function read_f64_slow(address: usize, location: i32): f64 {
  if (direct(address)) return load_f64(address);
  const bits = stm_read(address, 8);
  if (conflicted) conflict(location);
  return f64_from_bits(bits);
}

export function read_usize_slow(address: usize, location: i32): usize {
  if (direct(address)) return load_usize(address);
  const bits = stm_read(address, i32(pointer_size()));
  if (conflicted) conflict(location);
  return usize(bits);
}

export function write_i32_slow(address: usize, value: i32, location: i32): void {
  if (direct(address)) store_i32(address, value);
  else if (!stm_write(address, i64(value), 4, false)) conflict(location);
}

export function write_i64_slow(address: usize, value: i64, location: i32): void {
  if (direct(address)) store_i64(address, value);
  else if (!stm_write(address, value, 8, false)) conflict(location);
}

export function write_f64_slow(address: usize, value: f64, location: i32): void {
  if (direct(address)) store_f64(address, value);
  else if (!stm_write(address, f64_to_bits(value), 8, false)) conflict(location);
}

/** A pointer-sized write through a barrier writes a reference (a field, an element, a store pointer). */
export function write_usize_slow(address: usize, value: usize, location: i32): void {
  if (direct(address)) store_usize(address, value);
  else if (!stm_write(address, i64(value), i32(pointer_size()), true)) conflict(location);
}

export function stm_read_i32(address: usize, location: i32): i32 {
  if (instrumented === 0 || allocated_since_mark(address)) return load_i32(address);
  return read_i32_slow(address, location);
}

export function stm_read_usize(address: usize, location: i32): usize {
  if (instrumented === 0 || allocated_since_mark(address)) return load_usize(address);
  return read_usize_slow(address, location);
}

export function stm_write_i32(address: usize, value: i32, location: i32): void {
  if (instrumented !== 0 && !allocated_since_mark(address)) write_i32_slow(address, value, location);
  else store_i32(address, value);
}

export function stm_write_usize(address: usize, value: usize, location: i32): void {
  if (instrumented !== 0 && !allocated_since_mark(address)) write_usize_slow(address, value, location);
  else store_usize(address, value);
}
