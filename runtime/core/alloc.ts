// The allocator. Every object starts with the header of targets/layout.ts; the allocator
// writes the class id and the collector word (its size) and hands out zeroed memory aligned to
// 8 bytes. Each thread bumps a pointer through a chunk of its own (no lock, no atomic in the
// common case: the compiler inlines that fast path) and calls refill when it runs out: the
// rest of the chunk goes back to the heap, and the next chunk is a hole the collector freed or
// fresh memory (runtime/core/gc/heap.ts). refill is where collections start.
import { i32, i64, bool } from "stmc";
import { usize, thread_local, store_i64, load_usize, store_usize, memory_fill, memory_copy } from "stmc:low";
import { heap_take, heap_release, takenEnd, takenDirty, out_of_memory, raw_grow } from "./gc/heap";
import { gc_collect, gc_should_collect, gc_count_allocated } from "./gc/collector";
import { finalizers_waiting, gc_run_finalizers } from "./gc/finalizers";
import { in_transaction } from "./stm/transaction";
import { young_region_add } from "./gc/generations";
import { R_TX_RANGES, R_TX_RANGE_COUNT } from "./gc/safepoint";
import { HEADER_SIZE_SHIFT } from "./gc/layout";

const CHUNK: usize = 65536;

/** This thread's chunk: [chunkTop, chunkEnd) is free; allocation started at chunkStart. */
let chunkTop: usize = thread_local(0);
let chunkEnd: usize = thread_local(0);
let chunkStart: usize = thread_local(0);
/** Where the current transaction's allocations start; NO_MARK (an empty range) outside one. */
let markTop: usize = thread_local(0);
const NO_MARK: usize = ~0;
/**
 * The ranges the running transaction allocated in chunks it has left: (start, end) pairs sorted
 * by start, in a raw buffer. The barriers' slow paths look here, so that a large transaction's
 * own objects are never logged or locked (a log would keep them alive until it commits).
 */
let txRanges: usize = thread_local(0);
export let txRangeCount: i32 = thread_local(0);
let txRangeCapacity: i32 = thread_local(0);

/**
 * While set, refill neither collects nor runs finalizers: the allocations of an error raised by a
 * failed check (runtime/core/errors.ts error_fail), where the compiled code has not made its
 * references visible to the collector (a check is not a safepoint).
 */
let quiet: bool = thread_local(false);

export function alloc_quiet(on: bool): void {
  quiet = on;
}

export function alloc_thread_init(): void {
  markTop = NO_MARK;
}

/** A zeroed block of `size` bytes whose header names class `classId` (may collect). */
export function alloc(size: usize, classId: i32): usize {
  const rounded = (size + 7) & ~7;
  let start = chunkTop;
  if (start + rounded > chunkEnd) start = refill(rounded);
  chunkTop = start + rounded;
  store_i64(start, i64(classId) & 4294967295 | (i64(rounded) << HEADER_SIZE_SHIFT));
  return start;
}

/**
 * A new chunk for this thread, at least `size` bytes (a large block gets a chunk of its own
 * size). Collects first when enough was allocated since the last collection, and when the heap
 * limit leaves no room; fails with out-of-memory when even a collection frees too little.
 */
export function refill(size: usize): usize {
  // Finalizers run here, outside transactions, as transactions of their own.
  if (!quiet && finalizers_waiting() && !in_transaction()) gc_run_finalizers();
  if (markTop !== NO_MARK && chunkTop > markTop) remember_range(markTop, chunkTop);
  alloc_retire_chunk();
  const want = size > CHUNK ? size : CHUNK;
  if (!quiet && gc_should_collect()) gc_collect(false);
  let start = heap_take(size, want);
  if (start === 0) {
    if (quiet) out_of_memory();
    // Only a major collection frees the old generation's garbage.
    gc_collect(true);
    start = heap_take(size, want);
    if (start === 0) out_of_memory();
  }
  if (takenDirty) memory_fill(start, 0, takenEnd - start);
  chunkStart = start;
  // The caller moves chunkTop past its block; until then the chunk is whole and consistent (a
  // transaction may abort right after a refill: runtime/core/stm/transaction.ts tx_refill).
  chunkTop = start;
  chunkEnd = takenEnd;
  // Allocations before the new chunk are no longer a range: the transaction's mark restarts here.
  if (markTop !== NO_MARK) markTop = start;
  return start;
}

/** Gives the rest of this thread's chunk back and counts what was allocated from it. */
export function alloc_retire_chunk(): void {
  const top = chunkTop;
  const end = chunkEnd;
  // What was allocated from it is young until the next collection sweeps it.
  if (top > chunkStart) young_region_add(chunkStart, top);
  alloc_forget_chunk();
  heap_release(top, end - top);
}

/**
 * After a collection while this thread was stopped: the collector swept its chunk's tail as free
 * memory. Its running transaction's ranges (published when it stopped) were kept whole, so the
 * transaction's objects stay its own: no other thread can have been given that memory.
 */
export function alloc_after_collection(): void {
  alloc_forget_chunk();
}

/**
 * When this thread stops: its running transaction's allocations so far become a range, and the
 * ranges are published; the collector keeps every block in them (a block it frees there could
 * go to another thread while this transaction still takes it for its own).
 */
export function publish_transaction_ranges(record: usize): void {
  if (markTop !== NO_MARK && chunkTop > markTop) {
    remember_range(markTop, chunkTop);
    markTop = chunkTop;
  }
  store_usize(record + R_TX_RANGES, txRanges);
  store_usize(record + R_TX_RANGE_COUNT, markTop !== NO_MARK ? usize(txRangeCount) : 0);
}

/** Drops this thread's chunk without giving it back, counting what was allocated from it. */
function alloc_forget_chunk(): void {
  gc_count_allocated(chunkTop - chunkStart);
  chunkStart = 0;
  chunkTop = 0;
  chunkEnd = 0;
  if (markTop !== NO_MARK) markTop = 0;
}

export function alloc_chunk_start(): usize {
  return chunkStart;
}

export function alloc_chunk_top(): usize {
  return chunkTop;
}

export function alloc_chunk_end(): usize {
  return chunkEnd;
}

/** Marks the start of a transaction's allocations. */
export function alloc_mark(): void {
  markTop = chunkTop;
  txRangeCount = 0;
}

export function alloc_unmark(): void {
  markTop = NO_MARK;
  txRangeCount = 0;
}

function remember_range(start: usize, end: usize): void {
  if (txRangeCount === txRangeCapacity) {
    const capacity = txRangeCapacity < 16 ? 16 : txRangeCapacity * 2;
    txRanges = raw_grow(txRanges, usize(txRangeCount) * 16, usize(capacity) * 16);
    txRangeCapacity = capacity;
  }
  let i = txRangeCount;
  while (i > 0 && load_usize(txRanges + usize(i - 1) * 16) > start) {
    memory_copy(txRanges + usize(i) * 16, txRanges + usize(i - 1) * 16, 16);
    i--;
  }
  store_usize(txRanges + usize(i) * 16, start);
  store_usize(txRanges + usize(i) * 16 + 8, end);
  txRangeCount++;
}

/**
 * True if the running transaction allocated `address` in a chunk it has left (the barriers'
 * inline fast path has already tested the current chunk).
 */
export function allocated_earlier_by_transaction(address: usize): bool {
  if (txRangeCount === 0) return false;
  let low = 0;
  let high = txRangeCount;
  while (low < high) {
    const middle = (low + high) >> 1;
    const range = txRanges + usize(middle) * 16;
    if (address < load_usize(range)) high = middle;
    else if (address >= load_usize(range + 8)) low = middle + 1;
    else return true;
  }
  return false;
}

/**
 * True if `address` lies in memory this thread allocated since alloc_mark(): an object created
 * by the running transaction, invisible to every other thread until it commits.
 */
export function allocated_since_mark(address: usize): bool {
  return address >= markTop && address < chunkTop;
}
