// The collector: precise, non-moving mark and sweep with the world stopped.
// Roots: the module-level variables that hold references (a table the compiler writes), every
// thread's shadow stack, and what each thread published when it stopped: its task lists, its
// transaction's write log (the logged values that are references, and the objects written: a
// rollback or a commit writes into them; stm/contract.ts), and its finalizer registrations. Marking uses an explicit stack; the sweep
// walks the heap block by block, merges dead blocks and free space into holes and links them
// into the bins. Objects of finalizable classes that no root reaches are kept for one more
// cycle and queued for their finalizer (runtime/core/gc/finalizers.ts).
import { i32, i64, f64, bool } from "stmc";
import { usize, load_i32, store_i32, load_usize, store_usize, load_i64, load_f64, store_f64, memory_copy, memory_fill, heap_base, header_size,
  pointer_size, gc_type_table, gc_type_count, gc_global_roots, host_clock_ms, address_of, atomic_add_usize, atomic_add_i64, atomic_load_usize,
  atomic_store_usize, fail, memory_max_pages } from "stmc:low";
import { heap_limit_pages, heapTop, block_size, set_header, hole_add, bins_clear, raw_alloc, raw_free, raw_grow, heap_extent, FREE, PINNED, DEAD } from "./heap";
import { world_stop, world_resume, thread_record, R_SHADOW_BASE, R_SHADOW_TOP, R_CHUNK_TOP, R_CHUNK_END, R_WRITE_LOG, R_WRITE_COUNT,
  R_ADDED_HEAD, R_LOCAL_NEXT, R_FINALIZING, R_TX_RANGES, R_TX_RANGE_COUNT } from "./safepoint";
import { MAX_THREADS } from "../thread";
import { HEADER_GC_WORD, TYPE_ENTRY, TYPE_REF_COUNT, TYPE_REF_LIST } from "./layout";
import { WRITE_ENTRY, W_ADDRESS, W_VALUE, W_REFS } from "../stm/contract";
import { mark_finalizer_roots, finalizers_find_unreachable } from "./finalizers";

const FAIL_HEAP_CORRUPTED: i32 = 13;
const MIN_TRIGGER: usize = 4194304;

/** Shared collector state. */
let markStack: usize = 0;
let markCapacity: usize = 0;
let markCount: usize = 0;
let allocatedSinceGc: usize = 0;
let trigger: usize = MIN_TRIGGER;
let poison: i32 = 0;
/** Debugging aid: collect whenever a chunk runs out (a missing root shows at once). */
let stress: i32 = 0;
const STRESS_TRIGGER: usize = 65536;
/** Statistics (a pinned block; runtime/host reads it): see GC_STATS_* offsets. */
let stats: usize = 0;
const S_COLLECTIONS: usize = 0;
const S_PAUSE_TOTAL: usize = 8;
const S_PAUSE_MAX: usize = 16;
const S_ALLOCATED: usize = 24;
const S_FREED: usize = 32;
const S_HEAP_PEAK: usize = 40;
const STATS_BYTES: usize = 48;
/** The finalizer queue and registry are roots of their own (runtime/core/gc/finalizers.ts). */

export function collector_init(poisonFreed: i32, collectOften: i32): void {
  poison = poisonFreed;
  stress = collectOften;
  markCapacity = 4096;
  markStack = raw_alloc(markCapacity * 8);
  stats = raw_alloc(STATS_BYTES);
  // A small heap limit collects sooner.
  const limit = heap_limit_pages() * 65536;
  if (trigger > limit / 8) trigger = limit / 8;
  if (stress !== 0) trigger = STRESS_TRIGGER;
}

export function gc_stats_address(): usize {
  store_usize(stats + S_HEAP_PEAK, max_usize(load_usize(stats + S_HEAP_PEAK), heap_extent()));
  return stats;
}

export function gc_should_collect(): bool {
  return atomic_load_usize(address_of(allocatedSinceGc)) >= trigger;
}

/** Bytes a thread allocated from a chunk it is done with. */
export function gc_count_allocated(bytes: usize): void {
  if (bytes === 0) return;
  atomic_add_usize(address_of(allocatedSinceGc), bytes);
  // 64-bit on both targets: a long run allocates more than 4 GiB in total.
  atomic_add_i64(stats + S_ALLOCATED, i64(bytes));
}

/** A full collection (or, if another thread is collecting, waits for that one). */
export function gc_collect(): void {
  if (!world_stop()) return;
  const start = host_clock_ms();
  retire_published_chunks();
  mark_roots();
  drain();
  // Unreachable finalizable objects survive until their finalizer has run.
  finalizers_find_unreachable();
  drain();
  const live = sweep();
  let next = live;
  if (next < MIN_TRIGGER) next = MIN_TRIGGER;
  const limit = heap_limit_pages() * 65536;
  if (next > (limit - heap_base()) / 4) next = (limit - heap_base()) / 4;
  trigger = stress !== 0 ? STRESS_TRIGGER : next;
  atomic_store_usize(address_of(allocatedSinceGc), 0);
  store_usize(stats + S_HEAP_PEAK, max_usize(load_usize(stats + S_HEAP_PEAK), heap_extent()));
  const pause = host_clock_ms() - start;
  store_i32(stats + S_COLLECTIONS, load_i32(stats + S_COLLECTIONS) + 1);
  store_f64(stats + S_PAUSE_TOTAL, load_f64(stats + S_PAUSE_TOTAL) + pause);
  if (pause > load_f64(stats + S_PAUSE_MAX)) store_f64(stats + S_PAUSE_MAX, pause);
  world_resume();
}

function max_usize(a: usize, b: usize): usize {
  return a > b ? a : b;
}

/** The unused tails of stopped threads' chunks become free blocks (the heap must be walkable). */
function retire_published_chunks(): void {
  for (let id = 0; id < MAX_THREADS; id++) {
    const record = thread_record(id);
    const top = load_usize(record + R_CHUNK_TOP);
    const end = load_usize(record + R_CHUNK_END);
    if (end > top) set_header(top, FREE, end - top);
    store_usize(record + R_CHUNK_TOP, 0);
    store_usize(record + R_CHUNK_END, 0);
  }
}

/** Marks `object` (a reference, or 0) and queues it for tracing. */
export function mark(object: usize): void {
  if (object < heap_base() || object >= heapTop) return;
  const word = load_i32(object + HEADER_GC_WORD);
  if ((word & 1) !== 0) return;
  store_i32(object + 4, word | 1);
  if (markCount === markCapacity) {
    markStack = raw_grow(markStack, markCapacity * 8, markCapacity * 16);
    markCapacity = markCapacity * 2;
  }
  store_usize(markStack + markCount * 8, object);
  markCount++;
}

/** Traces until the mark stack is empty. */
function drain(): void {
  const table = gc_type_table();
  const types = gc_type_count();
  const header = header_size();
  const word = pointer_size();
  while (markCount > 0) {
    markCount--;
    const object = load_usize(markStack + markCount * 8);
    const classId = load_i32(object);
    if (classId < 0) continue;
    if (classId >= types) fail(FAIL_HEAP_CORRUPTED, f64(object));
    const entry = table + usize(classId) * TYPE_ENTRY;
    const count = load_i32(entry + TYPE_REF_COUNT);
    if (count < 0) {
      const end = object + block_size(object);
      for (let slot = object + header; slot < end; slot += word) mark(load_usize(slot));
      continue;
    }
    const offsets = table + usize(load_i32(entry + TYPE_REF_LIST));
    for (let i = 0; i < count; i++) mark(load_usize(object + usize(load_i32(offsets + usize(i) * 4))));
  }
}

function mark_roots(): void {
  const globals = gc_global_roots();
  const count = load_i32(globals);
  for (let i = 0; i < count; i++) mark(load_usize(usize(load_i32(globals + 4 + usize(i) * 4))));
  let written = 0;
  for (let id = 0; id < MAX_THREADS; id++) {
    const record = thread_record(id);
    const base = load_usize(record + R_SHADOW_BASE);
    if (base === 0) continue;
    const top = load_usize(record + R_SHADOW_TOP);
    for (let slot = base; slot < top; slot += pointer_size()) mark(load_usize(slot));
    mark(load_usize(record + R_ADDED_HEAD));
    mark(load_usize(record + R_LOCAL_NEXT));
    mark(load_usize(record + R_FINALIZING));
    mark_finalizer_roots(record);
    written += mark_logged_values(record);
  }
  if (written > 0) mark_written_objects(written);
}

/**
 * The values in a transaction's write log that are references (stm/contract.ts: etl's old values,
 * which a rollback puts back; tl2's and norec's new ones, which the commit writes): bit k of an
 * entry's W_REFS marks the pointer-sized word k of its word. Returns the entry count.
 */
function mark_logged_values(record: usize): i32 {
  const log = load_usize(record + R_WRITE_LOG);
  const count = i32(load_usize(record + R_WRITE_COUNT));
  for (let i = 0; i < count; i++) {
    const entry = log + usize(i) * WRITE_ENTRY;
    const refs = load_i32(entry + W_REFS);
    if ((refs & 1) !== 0) mark(load_usize(entry + W_VALUE));
    if ((refs & 2) !== 0) mark(load_usize(entry + W_VALUE + pointer_size()));
  }
  return count;
}

/**
 * The objects the running transactions wrote into stay alive (a rollback or a commit writes into them):
 * the logged addresses, sorted, are matched against the blocks in one walk of the heap.
 */
function mark_written_objects(total: i32): void {
  const addresses = raw_alloc(usize(total) * 8);
  let n = 0;
  for (let id = 0; id < MAX_THREADS; id++) {
    const record = thread_record(id);
    if (load_usize(record + R_SHADOW_BASE) === 0) continue;
    const log = load_usize(record + R_WRITE_LOG);
    const count = i32(load_usize(record + R_WRITE_COUNT));
    for (let i = 0; i < count; i++) {
      store_usize(addresses + usize(n) * 8, usize(load_i64(log + usize(i) * WRITE_ENTRY + W_ADDRESS)));
      n++;
    }
  }
  sort_addresses(addresses, n);
  let next = 0;
  let block = heap_base();
  const top = heapTop;
  while (block < top && next < n) {
    const end = block + block_size(block);
    while (next < n && load_usize(addresses + usize(next) * 8) < block) next++;
    if (next < n && load_usize(addresses + usize(next) * 8) < end) mark(block);
    block = end;
  }
  raw_free(addresses);
}

/** Shell sort of `n` addresses. */
function sort_addresses(a: usize, n: i32): void {
  for (let gap = n >> 1; gap > 0; gap = gap >> 1) {
    for (let i = gap; i < n; i++) {
      const value = load_usize(a + usize(i) * 8);
      let j = i;
      while (j >= gap && load_usize(a + usize(j - gap) * 8) > value) {
        store_usize(a + usize(j) * 8, load_usize(a + usize(j - gap) * 8));
        j -= gap;
      }
      store_usize(a + usize(j) * 8, value);
    }
  }
}

/**
 * Frees every unmarked object and given-back buffer, merging them with free neighbours into
 * holes (poisoned in the debug mode), clears the marks, and returns the bytes still in use.
 */
function sweep(): usize {
  const kept = gather_transaction_ranges();
  const keptCount = kept === 0 ? 0 : i32(load_usize(kept));
  let nextRange = 0;
  bins_clear();
  let liveBytes: usize = 0;
  let freed: usize = 0;
  let holeStart: usize = 0;
  let block = heap_base();
  const top = heapTop;
  while (block < top) {
    const size = block_size(block);
    if (size === 0) fail(FAIL_HEAP_CORRUPTED, -f64(block));
    const classId = load_i32(block);
    const word = load_i32(block + HEADER_GC_WORD);
    while (nextRange < keptCount && load_usize(kept + 8 + usize(nextRange) * 16 + 8) <= block) nextRange++;
    const inRange = nextRange < keptCount && load_usize(kept + 8 + usize(nextRange) * 16) <= block;
    const live = classId === PINNED || (classId !== FREE && classId !== DEAD && ((word & 1) !== 0 || inRange));
    if (live) {
      if (classId !== PINNED) store_i32(block + 4, word & ~1);
      liveBytes += size;
      if (holeStart !== 0) {
        free_hole(holeStart, block);
        holeStart = 0;
      }
    } else {
      if (classId !== FREE) freed += size;
      if (holeStart === 0) holeStart = block;
    }
    block += size;
  }
  if (holeStart !== 0) free_hole(holeStart, top);
  if (kept !== 0) raw_free(kept);
  atomic_add_i64(stats + S_FREED, i64(freed));
  return liveBytes;
}

/**
 * The allocation ranges of the transactions running on stopped threads, sorted by start, in a
 * raw block: [count, (start, end)...]; 0 when there are none. Their blocks are kept, reachable
 * or not, until the transaction ends (runtime/core/alloc.ts publish_transaction_ranges).
 */
function gather_transaction_ranges(): usize {
  let total = 0;
  for (let id = 0; id < MAX_THREADS; id++) total += i32(load_usize(thread_record(id) + R_TX_RANGE_COUNT));
  if (total === 0) return 0;
  const ranges = raw_alloc(8 + usize(total) * 16);
  let n = 0;
  for (let id = 0; id < MAX_THREADS; id++) {
    const record = thread_record(id);
    const count = i32(load_usize(record + R_TX_RANGE_COUNT));
    const source = load_usize(record + R_TX_RANGES);
    for (let i = 0; i < count; i++) {
      // Insertion by start: ranges are few (one per chunk a transaction filled).
      const start = load_usize(source + usize(i) * 16);
      let j = n;
      while (j > 0 && load_usize(ranges + 8 + usize(j - 1) * 16) > start) {
        memory_copy(ranges + 8 + usize(j) * 16, ranges + 8 + usize(j - 1) * 16, 16);
        j--;
      }
      store_usize(ranges + 8 + usize(j) * 16, start);
      store_usize(ranges + 8 + usize(j) * 16 + 8, load_usize(source + usize(i) * 16 + 8));
      n++;
    }
  }
  store_usize(ranges, usize(n));
  return ranges;
}

function free_hole(start: usize, end: usize): void {
  if (poison !== 0) memory_fill(start, 165, end - start);
  hole_add(start, end - start);
}
