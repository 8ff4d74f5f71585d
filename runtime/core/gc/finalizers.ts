// Finalizers: `finalize(): void` runs once on an object after it became unreachable, outside
// any other transaction, as a transaction of its own (it may allocate, read and write shared
// data). Objects of finalizable classes are registered when their allocation commits (a
// transaction's registrations wait in a per-thread list, dropped if it aborts). The registry is
// weak: a collection moves registered objects that no root reaches to the queue (and keeps them
// and what they reach alive); a thread outside transactions takes them from the queue and runs
// them (runtime/core/alloc.ts refill, after tasks, at the end of run() and of the program).
import { i32, bool } from "stmc";
import { usize, thread_local, load_i32, load_usize, store_usize, address_of, atomic_load_i32, atomic_store_i32,
  gc_type_table, run_finalizer_catching_abort } from "stmc:low";
import { lock_acquire, lock_release } from "../sync";
import { raw_grow } from "./heap";
import { TYPE_ENTRY, TYPE_FINALIZER } from "./layout";
import { mark, gc_marked } from "./collector";
import { R_FINALIZING, R_FIN_PENDING, R_FIN_PENDING_COUNT } from "./safepoint";
import { in_transaction, tx_begin, tx_backoff } from "../stm/transaction";
import { error_fatal, StmcError } from "../errors";

/** A growable list of object addresses: a raw buffer, its count and capacity. */
let registry: usize = 0;
let registryCount: usize = 0;
let registryCapacity: usize = 0;
let queue: usize = 0;
let queueCount: usize = 0;
let queueCapacity: usize = 0;
/** Nonzero while the queue holds objects (read without the lock). */
let waiting: i32 = 0;
let lock: i32 = 0;

/** This thread's transaction's registrations; the object whose finalizer this thread runs. */
let pending: usize = thread_local(0);
let pendingCount: usize = thread_local(0);
let pendingCapacity: usize = thread_local(0);
let finalizing: usize = thread_local(0);
let runningFinalizers: bool = thread_local(false);

/** Appends to a list whose buffer is at `list` with `count` used of `capacity`: returns the (new) buffer. */
function list_append(list: usize, count: usize, capacity: usize, object: usize): usize {
  const buffer = count === capacity ? raw_grow(list, count * 8, grown(capacity, count) * 8) : list;
  store_usize(buffer + count * 8, object);
  return buffer;
}

function grown(capacity: usize, count: usize): usize {
  return count === capacity ? (capacity < 64 ? 64 : capacity * 2) : capacity;
}

/** Called by the compiled code after `new` of a class with a finalizer. */
export function gc_register_finalizer(object: usize): void {
  if (in_transaction()) {
    pending = list_append(pending, pendingCount, pendingCapacity, object);
    pendingCapacity = grown(pendingCapacity, pendingCount);
    pendingCount++;
    return;
  }
  lock_acquire(address_of(lock));
  register(object);
  lock_release(address_of(lock));
}

function register(object: usize): void {
  registry = list_append(registry, registryCount, registryCapacity, object);
  registryCapacity = grown(registryCapacity, registryCount);
  registryCount++;
}

/** At commit: the transaction's registrations join the registry. */
export function finalizers_publish(): void {
  if (pendingCount === 0) return;
  lock_acquire(address_of(lock));
  for (let i: usize = 0; i < pendingCount; i++) register(load_usize(pending + i * 8));
  lock_release(address_of(lock));
  pendingCount = 0;
}

/** At abort: the attempt's objects never existed. */
export function finalizers_discard(): void {
  pendingCount = 0;
}

export function publish_finalizer_roots(record: usize): void {
  store_usize(record + R_FIN_PENDING, pending);
  store_usize(record + R_FIN_PENDING_COUNT, pendingCount);
  store_usize(record + R_FINALIZING, finalizing);
}

/** A running transaction's registrations are roots (it may still commit them); so is the queue. */
export function mark_finalizer_roots(record: usize): void {
  const list = load_usize(record + R_FIN_PENDING);
  const count = load_usize(record + R_FIN_PENDING_COUNT);
  for (let i: usize = 0; i < count; i++) mark(load_usize(list + i * 8));
}

/** With the world stopped, after marking from the roots: unreachable registered objects move to the queue and are marked. */
export function finalizers_find_unreachable(): void {
  for (let i: usize = 0; i < queueCount; i++) mark(load_usize(queue + i * 8));
  let kept: usize = 0;
  for (let i: usize = 0; i < registryCount; i++) {
    const object = load_usize(registry + i * 8);
    if (gc_marked(object)) {
      store_usize(registry + kept * 8, object);
      kept++;
      continue;
    }
    queue = list_append(queue, queueCount, queueCapacity, object);
    queueCapacity = grown(queueCapacity, queueCount);
    queueCount++;
    mark(object);
  }
  registryCount = kept;
  if (queueCount > 0) atomic_store_i32(address_of(waiting), 1);
}

export function finalizers_waiting(): bool {
  return atomic_load_i32(address_of(waiting)) !== 0 && !runningFinalizers;
}

/** Runs the queued finalizers, each as a transaction retried until it commits (outside transactions only). */
export function gc_run_finalizers(): void {
  // Called after every task: without queued finalizers it costs one load.
  if (atomic_load_i32(address_of(waiting)) === 0 || runningFinalizers || in_transaction()) return;
  runningFinalizers = true;
  for (;;) {
    lock_acquire(address_of(lock));
    let object: usize = 0;
    if (queueCount > 0) {
      queueCount--;
      object = load_usize(queue + queueCount * 8);
    }
    if (queueCount === 0) atomic_store_i32(address_of(waiting), 0);
    // Rooted through this thread's record until its finalizer has committed.
    finalizing = object;
    lock_release(address_of(lock));
    if (object === 0) break;
    const index = load_i32(gc_type_table() + usize(load_i32(object)) * TYPE_ENTRY + TYPE_FINALIZER);
    try {
      let attempt = 0;
      for (;;) {
        tx_begin(attempt);
        if (run_finalizer_catching_abort(object, index)) break;
        attempt++;
        tx_backoff(attempt);
      }
    } catch (e) {
      // Nobody could catch it: finalizers run wherever memory ran out, in any code.
      error_fatal(e as StmcError);
    }
    finalizing = 0;
  }
  runningFinalizers = false;
}
