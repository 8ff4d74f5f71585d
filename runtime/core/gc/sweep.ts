// The sweep, with the world stopped and marking done: unmarked objects and given-back buffers
// become holes, merged with free neighbours (poisoned in the debug mode) and linked into the
// bins. A major collection sweeps the whole heap with the bins rebuilt from nothing; a minor one
// only the young regions (generations.ts), from survivor to survivor, adding holes to the bins
// as they are. Which blocks were marked the collection's bits say (survivors.ts); the header
// marks stay: a survivor is old from now on. The blocks of the transactions running on stopped threads are
// kept, reachable or not (runtime/core/alloc.ts publish_transaction_ranges).
import { i32, i64, f64 } from "stmc";
import { usize, load_i32, store_i32, load_usize, store_usize, memory_copy, memory_fill, heap_base, atomic_add_i64, fail } from "stmc:low";
import { heapTop, block_size, hole_add, bins_clear, raw_alloc, raw_free, raw_grow, FREE, PINNED, DEAD } from "./heap";
import { young_region_add } from "./generations";
import { sort_pairs } from "./sort";
import { survivor_next, survivor_marked } from "./survivors";
import { thread_record, R_TX_RANGES, R_TX_RANGE_COUNT } from "./safepoint";
import { MAX_THREADS } from "../thread";
import { HEADER_GC_WORD, GC_MARK, GC_REMEMBERED } from "./layout";

const FAIL_HEAP_CORRUPTED: i32 = 13;

/**
 * The sweep in progress: the kept ranges and the next one, the hole being merged, the run of
 * kept blocks being gathered, the totals.
 */
let kept: usize = 0;
let keptCount: i32 = 0;
let nextRange: i32 = 0;
let holeStart: usize = 0;
let carryStart: usize = 0;
let liveBytes: usize = 0;
let lostBytes: usize = 0;
let freedBytes: usize = 0;
let poison: i32 = 0;

export function sweep_init(poisonFreed: i32): void {
  poison = poisonFreed;
}

/**
 * Sweeps the whole heap after a major collection's marking, which set the marked blocks' bits
 * (survivors.ts), not their headers: a marked block's header is marked here, and forgotten.
 * Returns the bytes marked (old from now on); adds the bytes freed to
 * `freedCounter`. Runs of blocks kept unmarked for a running transaction stay young: they are
 * added to this thread's young regions (after generations_reset), to be swept by the next
 * collection, when the transaction may be over.
 */
export function sweep_heap(freedCounter: usize): usize {
  sweep_begin();
  bins_clear();
  sweep_blocks(heap_base(), heapTop);
  return sweep_end(freedCounter);
}

/**
 * Sweeps the `count` young regions of `regions` ((start, end) pairs sorted by start) knowing
 * their survivors (survivors.ts): returns the bytes marked in them (old from now on), adds the
 * bytes freed to `freedCounter`. What lies between survivors, outside the running transactions'
 * kept ranges, is freed without being visited; kept runs stay young (as in sweep_heap).
 */
export function sweep_young(regions: usize, count: i32, freedCounter: usize): usize {
  sweep_begin();
  for (let i = 0; i < count; i++) {
    const to = load_usize(regions + usize(i) * 16 + 8);
    let cursor = load_usize(regions + usize(i) * 16);
    while (cursor < to) {
      const survivor = survivor_next(cursor, to);
      if (survivor === cursor) {
        const size = block_size(survivor);
        if (size === 0) fail(FAIL_HEAP_CORRUPTED, -f64(survivor));
        liveBytes += size;
        cursor += size;
        continue;
      }
      while (nextRange < keptCount && load_usize(kept + 8 + usize(nextRange) * 16 + 8) <= cursor) nextRange++;
      const keptStart = nextRange < keptCount ? load_usize(kept + 8 + usize(nextRange) * 16) : to;
      let end = survivor;
      if (keptStart <= cursor) {
        // Kept for a running transaction, up to its end or the next survivor: young still.
        const keptEnd = load_usize(kept + 8 + usize(nextRange) * 16 + 8);
        if (keptEnd < end) end = keptEnd;
        carry(cursor, end);
      } else {
        if (keptStart < end) end = keptStart;
        freedBytes += end - cursor;
        free_hole(cursor, end);
      }
      cursor = end;
    }
  }
  return sweep_end(freedCounter);
}

function sweep_begin(): void {
  kept = gather_transaction_ranges();
  keptCount = kept === 0 ? 0 : i32(load_usize(kept));
  nextRange = 0;
  holeStart = 0;
  liveBytes = 0;
  lostBytes = 0;
  freedBytes = 0;
}

function sweep_end(freedCounter: usize): usize {
  if (kept !== 0) raw_free(kept);
  kept = 0;
  atomic_add_i64(freedCounter, i64(freedBytes));
  return liveBytes;
}

/** Sweeps the blocks of [from, to) (block boundaries, swept in address order). */
function sweep_blocks(from: usize, to: usize): void {
  let block = from;
  while (block < to) {
    const size = block_size(block);
    if (size === 0) fail(FAIL_HEAP_CORRUPTED, -f64(block));
    const classId = load_i32(block);
    while (nextRange < keptCount && load_usize(kept + 8 + usize(nextRange) * 16 + 8) <= block) nextRange++;
    const inRange = nextRange < keptCount && load_usize(kept + 8 + usize(nextRange) * 16) <= block;
    const object = classId !== FREE && classId !== DEAD && classId !== PINNED;
    const marked = object && survivor_marked(block);
    const keptYoung = object && !marked && inRange;
    // The headers follow the bits: a marked block is old (and forgotten: no list remembers it now), a kept one young.
    if (marked) store_i32(block + HEADER_GC_WORD, (load_i32(block + HEADER_GC_WORD) | GC_MARK) & ~GC_REMEMBERED);
    else if (keptYoung) store_i32(block + HEADER_GC_WORD, load_i32(block + HEADER_GC_WORD) & ~(GC_MARK | GC_REMEMBERED));
    if (keptYoung) {
      if (carryStart === 0) carryStart = block;
    } else if (carryStart !== 0) {
      carry(carryStart, block);
      carryStart = 0;
    }
    if (classId === PINNED || marked || keptYoung) {
      if (marked) liveBytes += size;
      if (holeStart !== 0) {
        free_hole(holeStart, block);
        holeStart = 0;
      }
    } else {
      if (classId !== FREE) freedBytes += size;
      if (holeStart === 0) holeStart = block;
    }
    block += size;
  }
  if (block !== to) fail(FAIL_HEAP_CORRUPTED, -f64(block));
  if (holeStart !== 0) free_hole(holeStart, to);
  holeStart = 0;
  if (carryStart !== 0) carry(carryStart, to);
  carryStart = 0;
}

/** Young regions carried over to the next collection: (start, end) pairs in a raw list. */
let carried: usize = 0;
let carriedCount: usize = 0;
let carriedCapacity: usize = 0;

function carry(start: usize, end: usize): void {
  if (carriedCount === carriedCapacity) {
    const grown = carriedCapacity < 16 ? 16 : carriedCapacity * 2;
    carried = raw_grow(carried, carriedCount * 16, grown * 16);
    carriedCapacity = grown;
  }
  store_usize(carried + carriedCount * 16, start);
  store_usize(carried + carriedCount * 16 + 8, end);
  carriedCount++;
}

/** After the collection has reset the young lists: the runs kept for running transactions join this thread's. */
export function sweep_carry_over(): void {
  for (let i: usize = 0; i < carriedCount; i++) young_region_add(load_usize(carried + i * 16), load_usize(carried + i * 16 + 8));
  carriedCount = 0;
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
    memory_copy(ranges + 8 + usize(n) * 16, load_usize(record + R_TX_RANGES), usize(count) * 16);
    n += count;
  }
  sort_pairs(ranges + 8, n);
  store_usize(ranges, usize(n));
  return ranges;
}

function free_hole(start: usize, end: usize): void {
  if (poison !== 0) memory_fill(start, 165, end - start);
  hole_add(start, end - start);
  if (end - start < SMALL_HOLE) lostBytes += end - start;
}

/** A hole smaller than this makes a poor allocation chunk (refills multiply): fragmentation (1 KiB: measured against 8 KiB on intset_hashset and the map programs). */
const SMALL_HOLE: usize = 1024;

/**
 * The bytes of the small holes the last sweep left between survivors (old garbage around them
 * keeps them small until a major collection merges them with neighbours that died since). A
 * minor collection counts them with the old generation, so that fragmentation too calls for
 * the major one.
 */
export function sweep_lost(): usize {
  return lostBytes;
}
