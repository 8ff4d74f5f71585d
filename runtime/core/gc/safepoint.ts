// Stopping the world. A thread attached to the collector is either running or stopped: stopped
// at a safepoint (allocation slow path, loop back edge, transaction boundary) waiting for a
// collection to end, or parked in a blocking wait (it counts as stopped while it sleeps). Before
// it stops, a thread publishes what the collector needs from its thread-locals (its shadow
// stack, its chunk, its transaction's logs) in its record. The collector sets gcRequested,
// counts itself stopped and waits until no thread runs; a thread that wants to run again while
// a collection is requested waits for the epoch to move on (the sequentially consistent
// increment-then-check on both sides means one of them always sees the other).
import { i32, i64, bool } from "stmc";
import { usize, thread_local, own_cache_line, address_of, atomic_load_i32, atomic_store_i32, atomic_add_i32, atomic_cmpxchg_i32,
  atomic_wait_i32, atomic_notify, store_usize } from "stmc:low";
import { threadId, MAX_THREADS } from "../thread";
import { alloc_chunk_start, alloc_chunk_top, alloc_chunk_end, alloc_after_collection, publish_transaction_ranges } from "../alloc";
import { raw_alloc } from "./heap";
import { publish_task_roots } from "../tasks";
import { publish_transaction_roots } from "../stm/transaction";
import { publish_finalizer_roots } from "./finalizers";

/** Polled by the program's loops (compiler/lower/statements.ts) and the runtime's safepoints. */
export let gcRequested: i32 = own_cache_line(0);
let gcEpoch: i32 = 0;
/** Attached threads that are running (not stopped, not parked). */
let runningThreads: i32 = own_cache_line(0);

/** Per thread: a record of RECORD_BYTES (field offsets R_*), valid while it is stopped. */
export let threadRecords: usize = 0;
export const RECORD_BYTES: usize = 192;
export const R_SHADOW_BASE: usize = 0;
export const R_SHADOW_TOP: usize = 8;
export const R_CHUNK_TOP: usize = 16;
export const R_CHUNK_END: usize = 24;
export const R_WRITE_LOG: usize = 32;
export const R_WRITE_COUNT: usize = 40;
export const R_ADDED_HEAD: usize = 48;
export const R_LOCAL_NEXT: usize = 56;
export const R_FINALIZING: usize = 64;
export const R_FIN_PENDING: usize = 72;
export const R_FIN_PENDING_COUNT: usize = 80;
/** The running transaction's allocation ranges (runtime/core/alloc.ts): (start, end) pairs, and their count. */
export const R_TX_RANGES: usize = 88;
export const R_TX_RANGE_COUNT: usize = 96;
/** Where this thread's current chunk starts (its allocations so far are young). */
export const R_CHUNK_START: usize = 104;
/**
 * Lists the thread keeps in its record, as (buffer, count, capacity), for the collector's minor
 * collections (runtime/core/gc/generations.ts): the regions it allocated since the last
 * collection, and the old blocks it remembered.
 */
export const R_YOUNG: usize = 112;
export const R_REMEMBERED: usize = 136;

/** The shadow stack (compiler/gc/frames.ts): frames of reference slots, growing upwards. */
let shadowTop: usize = thread_local(0);
let shadowLimit: usize = thread_local(0);
const SHADOW_BYTES: usize = 262144;

let attached: bool = thread_local(false);
let parkedEpoch: i32 = thread_local(0);

export function safepoint_init(): void {
  threadRecords = raw_alloc(usize(MAX_THREADS) * RECORD_BYTES);
}

export function thread_record(id: i32): usize {
  return threadRecords + usize(id) * RECORD_BYTES;
}

/** The per-thread memory gc_attach takes: the shadow stack. */
export function gc_thread_bytes(): usize {
  return SHADOW_BYTES;
}

/** A thread joins: its shadow stack in `memory` (gc_thread_bytes() bytes), then it runs (waiting for a collection in progress). */
export function gc_attach(memory: usize): void {
  // Counted as running first: a collection in progress (which owns the heap) ends before this
  // thread takes memory, and the next one waits for it.
  attached = true;
  parkedEpoch = atomic_load_i32(address_of(gcEpoch));
  gc_unpark();
  const base = memory;
  shadowTop = base;
  shadowLimit = base + SHADOW_BYTES;
  store_usize(thread_record(threadId) + R_SHADOW_BASE, base);
}

/** Whether this thread is known to the collector (it may take heap memory only then). */
export function gc_attached(): bool {
  return attached;
}

/** A thread leaves for good (it stays counted as stopped). */
export function gc_detach(): void {
  gc_park();
  attached = false;
}

/** Publishes this thread's roots and counts it as stopped. */
export function gc_park(): void {
  const record = thread_record(threadId);
  store_usize(record + R_SHADOW_TOP, shadowTop);
  store_usize(record + R_CHUNK_START, alloc_chunk_start());
  store_usize(record + R_CHUNK_TOP, alloc_chunk_top());
  store_usize(record + R_CHUNK_END, alloc_chunk_end());
  publish_transaction_ranges(record);
  publish_task_roots(record);
  publish_transaction_roots(record);
  publish_finalizer_roots(record);
  parkedEpoch = atomic_load_i32(address_of(gcEpoch));
  atomic_add_i32(address_of(runningThreads), -1);
  // Only a collector waits on the count, and it asks before it reads the count: without a
  // request seen after the decrement, it will see the decrement itself.
  if (atomic_load_i32(address_of(gcRequested)) !== 0) atomic_notify(address_of(runningThreads), 1);
}

/** Runs again, once no collection is requested. */
export function gc_unpark(): void {
  for (;;) {
    const epoch = atomic_load_i32(address_of(gcEpoch));
    atomic_add_i32(address_of(runningThreads), 1);
    if (atomic_load_i32(address_of(gcRequested)) === 0) break;
    atomic_add_i32(address_of(runningThreads), -1);
    atomic_notify(address_of(runningThreads), 1);
    atomic_wait_i32(address_of(gcEpoch), epoch, -1);
  }
  // A collection ran while this thread was stopped: its chunk was swept as free memory.
  if (atomic_load_i32(address_of(gcEpoch)) !== parkedEpoch) alloc_after_collection();
}

/** Counts collections: a thread that sees it change knows a collection ran meanwhile. */
export function gc_epoch(): i32 {
  return atomic_load_i32(address_of(gcEpoch));
}

/** Stops here if a collection is requested. */
export function gc_poll(): void {
  if (atomic_load_i32(address_of(gcRequested)) !== 0) gc_safepoint();
}

/** Stops for the requested collection (called when a poll saw the request). */
export function gc_safepoint(): void {
  if (!attached) return;
  gc_park();
  gc_unpark();
}

/** Sleeps in memory.atomic.wait32 as a parked thread (collections go on meanwhile). */
export function gc_wait_i32(address: usize, expected: i32, timeout: i64): i32 {
  if (!attached) return atomic_wait_i32(address, expected, timeout);
  gc_park();
  const result = atomic_wait_i32(address, expected, timeout);
  gc_unpark();
  return result;
}

/**
 * Becomes the collector, stopping every other thread: true, and the world is stopped until
 * world_resume(); false if another thread is collecting (this one has stopped for it meanwhile).
 */
export function world_stop(): bool {
  if (atomic_cmpxchg_i32(address_of(gcRequested), 0, 1) !== 0) {
    gc_safepoint();
    return false;
  }
  gc_park();
  for (;;) {
    const running = atomic_load_i32(address_of(runningThreads));
    if (running === 0) return true;
    atomic_wait_i32(address_of(runningThreads), running, -1);
  }
}

export function world_resume(): void {
  atomic_add_i32(address_of(gcEpoch), 1);
  atomic_store_i32(address_of(gcRequested), 0);
  atomic_notify(address_of(gcEpoch), 2147483647);
  gc_unpark();
}
