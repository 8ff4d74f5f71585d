// The collector: precise, non-moving mark and sweep with the world stopped, in two generations
// by sticky mark bits (generations.ts). A minor collection marks from the roots and the
// remembered old blocks and sweeps the young regions; a major one (when the old generation has
// doubled since the last, when memory runs out, or asked for) unmarks everything first and
// sweeps the whole heap (sweep.ts).
// Roots: the module-level variables that hold references (a table the compiler writes), every
// thread's shadow stack, and what each thread published when it stopped: its task lists, its
// transaction's write log (the logged values that are references, and the objects written: a
// rollback or a commit writes into them; stm/contract.ts), and its finalizer registrations.
// Marking uses an explicit stack. Objects of finalizable classes that no root reaches are kept
// for one more cycle and queued for their finalizer (runtime/core/gc/finalizers.ts).
import { i32, i64, f64, bool } from "stmc";
import { usize, load_i32, store_i32, load_usize, store_usize, load_i64, load_f64, store_f64, heap_base, header_size,
  pointer_size, gc_type_table, gc_type_count, gc_global_roots, host_clock_ms, address_of, atomic_add_usize, atomic_add_i64, atomic_load_usize,
  atomic_store_usize, atomic_load_i32, atomic_store_i32, fail } from "stmc:low";
import { heap_limit_pages, heapTop, block_size, set_header, hole_add, raw_alloc, raw_free, raw_grow, heap_extent, FREE } from "./heap";
import { world_stop, world_resume, thread_record, R_SHADOW_BASE, R_SHADOW_TOP, R_CHUNK_START, R_CHUNK_TOP, R_CHUNK_END, R_WRITE_LOG, R_WRITE_COUNT,
  R_ADDED_HEAD, R_LOCAL_NEXT, R_FINALIZING } from "./safepoint";
import { MAX_THREADS } from "../thread";
import { HEADER_GC_WORD, GC_MARK, GC_REMEMBERED, TYPE_ENTRY, TYPE_REF_COUNT, TYPE_REF_LIST } from "./layout";
import { WRITE_ENTRY, W_ADDRESS, W_VALUE, W_REFS } from "../stm/contract";
import { mark_finalizer_roots, finalizers_find_unreachable } from "./finalizers";
import { young_regions, young_region_count, remembered_blocks, remembered_count, generations_reset, REGION_BYTES } from "./generations";
import { sort_addresses, sort_pairs } from "./sort";
import { sweep_init, sweep_heap, sweep_young, sweep_carry_over, sweep_lost } from "./sweep";
import { survivors_begin, survivors_end, survivor_claim, survivor_marked } from "./survivors";

const FAIL_HEAP_CORRUPTED: i32 = 13;
/** Bytes allocated between two collections (the young generation's size), at most. */
const MIN_TRIGGER: usize = 8388608;
/** The old generation's size that calls for a major collection, at least. */
const MIN_MAJOR: usize = 8388608;

/** Shared collector state. */
let markStack: usize = 0;
let markCapacity: usize = 0;
let markCount: usize = 0;
let allocatedSinceGc: usize = 0;
let trigger: usize = MIN_TRIGGER;
/** The old generation: the bytes marked at the last collection, and the size that calls for a major one. */
let oldBytes: usize = 0;
let majorTrigger: usize = MIN_MAJOR;
/** Set by a thread that needs a major collection (memory ran out); the collecting thread clears it. */
let majorWanted: i32 = 0;
/** Debugging aid: collect whenever a chunk runs out (a missing root shows at once), every third collection a major one. */
let stress: i32 = 0;
const STRESS_TRIGGER: usize = 65536;
const STRESS_MAJOR_EVERY: i32 = 3;
/** Statistics (a pinned block; runtime/host reads it): see GC_STATS_* offsets. */
let stats: usize = 0;
const S_COLLECTIONS: usize = 0;
const S_MAJOR_COLLECTIONS: usize = 4;
const S_PAUSE_TOTAL: usize = 8;
const S_PAUSE_MAX: usize = 16;
const S_ALLOCATED: usize = 24;
const S_FREED: usize = 32;
const S_HEAP_PEAK: usize = 40;
const STATS_BYTES: usize = 48;
/** The finalizer queue and registry are roots of their own (runtime/core/gc/finalizers.ts). */

export function collector_init(poisonFreed: i32, collectOften: i32): void {
  sweep_init(poisonFreed);
  stress = collectOften;
  markCapacity = 4096;
  markStack = raw_alloc(markCapacity * 8);
  stats = raw_alloc(STATS_BYTES);
  trigger = young_size();
  majorTrigger = major_size(0);
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

/**
 * A collection: minor, unless the old generation has outgrown its trigger or `major` asks for a
 * major one (memory ran out). If another thread is collecting, waits for that one instead (its
 * collection is major if this thread asked).
 */
export function gc_collect(major: bool): void {
  if (major) atomic_store_i32(address_of(majorWanted), 1);
  if (!world_stop()) return;
  const start = host_clock_ms();
  const count = load_i32(stats + S_COLLECTIONS) + 1;
  const full = atomic_load_i32(address_of(majorWanted)) !== 0 || oldBytes >= majorTrigger || (stress !== 0 && count % STRESS_MAJOR_EVERY === 0);
  atomic_store_i32(address_of(majorWanted), 0);
  if (full) major_collection();
  else minor_collection();
  trigger = young_size();
  atomic_store_usize(address_of(allocatedSinceGc), 0);
  store_usize(stats + S_HEAP_PEAK, max_usize(load_usize(stats + S_HEAP_PEAK), heap_extent()));
  const pause = host_clock_ms() - start;
  store_i32(stats + S_COLLECTIONS, count);
  if (full) store_i32(stats + S_MAJOR_COLLECTIONS, load_i32(stats + S_MAJOR_COLLECTIONS) + 1);
  store_f64(stats + S_PAUSE_TOTAL, load_f64(stats + S_PAUSE_TOTAL) + pause);
  if (pause > load_f64(stats + S_PAUSE_MAX)) store_f64(stats + S_PAUSE_MAX, pause);
  world_resume();
}

/** Everything marked again from the roots, the whole heap swept. */
function major_collection(): void {
  retire_published_chunks(0);
  for (let id = 0; id < MAX_THREADS; id++) generations_reset(thread_record(id));
  // Marked in the bits only (survivors.ts): the old blocks' header marks need no clearing first.
  survivors_begin();
  majorMarking = true;
  mark_everything(0, 0);
  majorMarking = false;
  const live = sweep_heap(stats + S_FREED);
  survivors_end();
  sweep_carry_over();
  oldBytes = live;
  majorTrigger = major_size(live);
}

/** The old generation's size that calls for the next major collection: double what is live, within a quarter of the heap limit. */
function major_size(live: usize): usize {
  let next = live * 2;
  if (next < MIN_MAJOR) next = MIN_MAJOR;
  const room = (heap_limit_pages() * 65536 - heap_base()) / 4;
  return next < room ? next : room;
}

/** The young generation marked from the roots and the remembered blocks, its regions swept. */
function minor_collection(): void {
  const regions = young_regions_sorted();
  const count = i32(load_usize(regions));
  for (let id = 0; id < MAX_THREADS; id++) trace_remembered(thread_record(id));
  survivors_begin();
  mark_everything(regions + 8, count);
  oldBytes += sweep_young(regions + 8, count, stats + S_FREED);
  survivors_end();
  oldBytes += sweep_lost();
  raw_free(regions);
  for (let id = 0; id < MAX_THREADS; id++) generations_reset(thread_record(id));
  sweep_carry_over();
}

/** Marks from the roots, then the unreachable finalizable objects (kept alive until finalized). */
function mark_everything(regions: usize, regionCount: i32): void {
  mark_roots(regions, regionCount);
  drain();
  finalizers_find_unreachable();
  drain();
}

/**
 * Bytes to allocate before the next collection: the young generation, MIN_TRIGGER per thread that
 * has joined the collector (each allocates its share between two collections), or as much as the
 * old generation holds if that is more (a program building a large structure promotes much of
 * each young generation: collections stay a constant factor of the growth apart), smaller under
 * a small heap limit; STRESS_TRIGGER in the debugging mode.
 */
function young_size(): usize {
  if (stress !== 0) return STRESS_TRIGGER;
  let threads: usize = 0;
  for (let id = 0; id < MAX_THREADS; id++) if (load_usize(thread_record(id) + R_SHADOW_BASE) !== 0) threads++;
  if (threads === 0) threads = 1;
  let size = MIN_TRIGGER * threads;
  if (oldBytes > size) size = oldBytes;
  const room = (heap_limit_pages() * 65536 - heap_base()) / 8;
  return size < room ? size : room;
}

function max_usize(a: usize, b: usize): usize {
  return a > b ? a : b;
}

/**
 * The unused tails of stopped threads' chunks become free blocks (the heap must be walkable);
 * with `regions` (a raw list being filled, or 0), each chunk's used part is added to it as young.
 */
function retire_published_chunks(regions: usize): void {
  for (let id = 0; id < MAX_THREADS; id++) {
    const record = thread_record(id);
    const start = load_usize(record + R_CHUNK_START);
    const top = load_usize(record + R_CHUNK_TOP);
    const end = load_usize(record + R_CHUNK_END);
    // A minor collection links the tail as a hole at once (its sweep rebuilds no bins); its
    // used part is a young region.
    if (end > top) {
      if (regions !== 0) hole_add(top, end - top);
      else set_header(top, FREE, end - top);
    }
    if (regions !== 0 && top > start && start !== 0) region_append(regions, start, top);
    store_usize(record + R_CHUNK_START, 0);
    store_usize(record + R_CHUNK_TOP, 0);
    store_usize(record + R_CHUNK_END, 0);
  }
}

/**
 * Every thread's young regions and the chunks they were using, sorted by start, in a raw block:
 * [count, (start, end)...].
 */
function young_regions_sorted(): usize {
  let total = MAX_THREADS;
  for (let id = 0; id < MAX_THREADS; id++) total += young_region_count(thread_record(id));
  const regions = raw_alloc(8 + usize(total) * REGION_BYTES);
  for (let id = 0; id < MAX_THREADS; id++) {
    const record = thread_record(id);
    const list = young_regions(record);
    const count = young_region_count(record);
    for (let i = 0; i < count; i++) region_append(regions, load_usize(list + usize(i) * REGION_BYTES), load_usize(list + usize(i) * REGION_BYTES + 8));
  }
  retire_published_chunks(regions);
  const count = i32(load_usize(regions));
  sort_pairs(regions + 8, count);
  // Regions never overlap (each was a chunk's used part, or a run kept in one): a sweep of the
  // same memory twice would link a hole twice. Adjacent ones (chunks carved or split one after
  // the other) become one, so that the sweep can free a hole larger than a chunk.
  let merged = 0;
  for (let i = 0; i < count; i++) {
    const start = load_usize(regions + 8 + usize(i) * REGION_BYTES);
    const end = load_usize(regions + 8 + usize(i) * REGION_BYTES + 8);
    const last = regions + 8 + usize(merged - 1) * REGION_BYTES;
    if (merged > 0 && start < load_usize(last + 8)) fail(FAIL_HEAP_CORRUPTED, f64(start));
    if (merged > 0 && start === load_usize(last + 8)) {
      store_usize(last + 8, end);
      continue;
    }
    store_usize(regions + 8 + usize(merged) * REGION_BYTES, start);
    store_usize(regions + 8 + usize(merged) * REGION_BYTES + 8, end);
    merged++;
  }
  store_usize(regions, usize(merged));
  return regions;
}

function region_append(regions: usize, start: usize, end: usize): void {
  const n = load_usize(regions);
  store_usize(regions + 8 + n * REGION_BYTES, start);
  store_usize(regions + 8 + n * REGION_BYTES + 8, end);
  store_usize(regions, n + 1);
}

/** A thread's remembered old blocks: traced again (their marks stay), and forgotten. */
function trace_remembered(record: usize): void {
  const blocks = remembered_blocks(record);
  const count = remembered_count(record);
  for (let i = 0; i < count; i++) {
    const block = load_usize(blocks + usize(i) * 8);
    store_i32(block + HEADER_GC_WORD, load_i32(block + HEADER_GC_WORD) & ~GC_REMEMBERED);
    push(block);
  }
}

/** A major collection is marking: marks go to the bits (survivors.ts), not the headers. */
let majorMarking: bool = false;

/** Whether marking reached `object` in the collection in progress. */
export function gc_marked(object: usize): bool {
  return majorMarking ? survivor_marked(object) : (load_i32(object + HEADER_GC_WORD) & GC_MARK) !== 0;
}

/** Marks `object` (a reference, or 0) and queues it for tracing; an old object is marked already. */
export function mark(object: usize): void {
  if (object < heap_base() || object >= heapTop) return;
  if (majorMarking) {
    if (survivor_claim(object)) push(object);
    return;
  }
  const word = load_i32(object + HEADER_GC_WORD);
  if ((word & GC_MARK) !== 0) return;
  store_i32(object + HEADER_GC_WORD, word | GC_MARK);
  // In a minor collection every object marked is young: its bit lets the sweep go from one to the next.
  survivor_claim(object);
  push(object);
}

function push(object: usize): void {
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

/** Marks the roots; the objects written by running transactions are looked for in the `regionCount` young regions at `regions` (0: the whole heap). */
function mark_roots(regions: usize, regionCount: i32): void {
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
  if (written > 0) mark_written_objects(written, regions, regionCount);
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
 * The objects the running transactions wrote into stay alive (a rollback or a commit writes into
 * them): the logged addresses, sorted, are matched against the blocks in one walk of the heap, or
 * of the young regions in a minor collection (an old object is marked already).
 */
function mark_written_objects(total: i32, regions: usize, regionCount: i32): void {
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
  if (regions === 0) {
    mark_blocks_written(addresses, n, 0, heap_base(), heapTop);
  } else {
    let next = 0;
    for (let i = 0; i < regionCount; i++) next = mark_blocks_written(addresses, n, next, load_usize(regions + usize(i) * 16), load_usize(regions + usize(i) * 16 + 8));
  }
  raw_free(addresses);
}

/** Marks each block of [from, to) that holds one of the sorted `addresses` from the `next`th on: returns the next unmatched. */
function mark_blocks_written(addresses: usize, n: i32, next: i32, from: usize, to: usize): i32 {
  while (next < n && load_usize(addresses + usize(next) * 8) < from) next++;
  // A region none of the addresses falls in is not walked.
  if (next === n || load_usize(addresses + usize(next) * 8) >= to) return next;
  let block = from;
  while (block < to && next < n) {
    const end = block + block_size(block);
    while (next < n && load_usize(addresses + usize(next) * 8) < block) next++;
    if (next < n && load_usize(addresses + usize(next) * 8) < end) mark(block);
    block = end;
  }
  return next;
}
