// The heap: a sequence of blocks from heap_base() to heapTop, each starting with a header
// (targets/layout.ts) whose first word is its class id and whose second is the collector word:
// its size in 8-byte units above a mark bit. Besides objects there are
//   FREE    free memory (a hole; holes of MIN_HOLE bytes or more are linked into bins),
//   PINNED  the runtime's own buffers (logs, tables, shadow stacks): never freed, not traced,
//   DEAD    a runtime buffer given back (freed by the next sweep).
// Free memory is kept in segregated bins, one per power of two of hole size; a thread takes a
// hole as its allocation chunk and bumps through it. Memory above heapTop is carved off fresh
// (growing the wasm memory up to its maximum). One lock covers bins and carving: only the
// allocation slow path and the collector take it.
import { i32, f64, bool } from "stmc";
import { usize, thread_local, load_i32, store_i32, load_usize, store_usize, memory_fill, memory_copy, memory_size, memory_grow,
  memory_max_pages, heap_base, address_of, fail } from "stmc:low";
import { lock_acquire, lock_release } from "../sync";
import { threadId } from "../thread";
import { gc_attached } from "./safepoint";
import { HEADER_GC_WORD } from "./layout";

export const PINNED: i32 = -1;
export const FREE: i32 = -2;
export const DEAD: i32 = -3;
/** Smaller holes stay unlinked until a sweep merges them with their neighbours. */
export const MIN_HOLE: usize = 256;
const BINS: i32 = 40;
const PAGE_SIZE: usize = 65536;
const FAIL_OUT_OF_MEMORY: i32 = 8;
const FAIL_UNATTACHED_HEAP_USE: i32 = 15;
const RAW_HEADER: usize = 8;

/** Shared, under heapLock. */
export let heapTop: usize = 0;
let heapEnd: usize = 0;
let heapLock: i32 = 0;
/** BINS list heads (a pinned block). */
let bins: usize = 0;

/** The end of the block heap_take returned last, and whether it was used before (needs zeroing). */
export let takenEnd: usize = thread_local(0);
export let takenDirty: bool = thread_local(false);

/** The heap limit in pages: the module's maximum, or the smaller one the host chose (instantiate's maxMemory). */
let limitPages: usize = 0;

export function heap_limit_pages(): usize {
  return limitPages;
}

export function heap_init(hostLimitPages: usize): void {
  limitPages = hostLimitPages > 0 && hostLimitPages < memory_max_pages() ? hostLimitPages : memory_max_pages();
  heapTop = heap_base();
  heapEnd = memory_size() * PAGE_SIZE;
  const bytes = usize(BINS) * 8 + RAW_HEADER;
  const start = carve(bytes);
  if (start === 0) out_of_memory();
  set_header(start, PINNED, bytes);
  bins = start + RAW_HEADER;
}

export function block_size(block: usize): usize {
  return usize(load_i32(block + HEADER_GC_WORD) >>> 2) << 3;
}

export function set_header(block: usize, classId: i32, size: usize): void {
  store_i32(block, classId);
  store_i32(block + HEADER_GC_WORD, i32(size >> 1));
}

export function heap_lock(): void {
  lock_acquire(address_of(heapLock));
}

export function heap_unlock(): void {
  lock_release(address_of(heapLock));
}

function bin_of(size: usize): i32 {
  let bin = 0;
  let s = size >> 9;
  while (s > 0 && bin < BINS - 1) {
    s = s >> 1;
    bin++;
  }
  return bin;
}

/** Every bin empty (the sweep refills them). Under the lock or with the world stopped. */
export function bins_clear(): void {
  memory_fill(bins, 0, usize(BINS) * 8);
}

/** Makes [start, start + size) a free block, linked into its bin if it is big enough. */
export function hole_add(start: usize, size: usize): void {
  set_header(start, FREE, size);
  if (size < MIN_HOLE) return;
  const head = bins + usize(bin_of(size)) * 8;
  store_usize(start + 8, load_usize(head));
  store_usize(head, start);
}

/** Unlinks and returns a hole of at least `size` bytes (first fit), or 0. Under the lock. */
function hole_take(size: usize): usize {
  for (let bin = bin_of(size); bin < BINS; bin++) {
    let link = bins + usize(bin) * 8;
    let hole = load_usize(link);
    while (hole !== 0) {
      if (block_size(hole) >= size) {
        store_usize(link, load_usize(hole + 8));
        return hole;
      }
      link = hole + 8;
      hole = load_usize(link);
    }
  }
  return 0;
}

/**
 * A block of at least `least` bytes, `want` if a hole or fresh memory that big is at hand:
 * returns its start (0 if the heap limit leaves nothing) and sets takenEnd and takenDirty.
 */
export function heap_take(least: usize, want: usize): usize {
  // A worker unknown to the collector would race with its sweep (thread 0 is alone until it attaches).
  if (threadId !== 0 && !gc_attached()) fail(FAIL_UNATTACHED_HEAP_USE, 0);
  heap_lock();
  // A hole of the size wanted first: minor collections leave small holes between survivors,
  // which would make chunks small and refills many; they are used before fresh memory is.
  let start = hole_take(least);
  if (start !== 0) {
    const size = block_size(start);
    takenEnd = start + size;
    if (size >= want + MIN_HOLE) {
      takenEnd = start + want;
      hole_add(takenEnd, size - want);
    }
    takenDirty = true;
  } else {
    start = carve(want);
    if (start === 0 && want > least) start = carve(least);
    takenDirty = false;
  }
  heap_unlock();
  return start;
}

/** Fresh memory at heapTop (zero: never used), growing the wasm memory; 0 at the limit. Under the lock. */
function carve(size: usize): usize {
  const start = heapTop;
  if (start + size > heapEnd && !grow_memory(start + size)) return 0;
  heapTop = start + size;
  takenEnd = heapTop;
  return start;
}

/** Grows memory to cover `end`, at least doubling it so that growth stays rare. */
function grow_memory(end: usize): bool {
  const limit = limitPages;
  while (heapEnd < end) {
    const current = memory_size();
    let pages = current;
    const needed = (end - heapEnd + PAGE_SIZE - 1) / PAGE_SIZE;
    if (pages < needed) pages = needed;
    if (current + pages > limit) pages = limit - current;
    if (pages < needed || memory_grow(pages) > limit) return false;
    heapEnd = memory_size() * PAGE_SIZE;
  }
  return true;
}

/** Gives [start, start + size) back (the unused tail of a chunk). */
export function heap_release(start: usize, size: usize): void {
  if (size === 0) return;
  if (size < MIN_HOLE) {
    set_header(start, FREE, size);
    return;
  }
  heap_lock();
  hole_add(start, size);
  heap_unlock();
}

/** The heap's size so far (for statistics). */
export function heap_extent(): usize {
  return heapTop - heap_base();
}

export function out_of_memory(): void {
  const limit = limitPages;
  fail(FAIL_OUT_OF_MEMORY, f64(i32((limit * PAGE_SIZE) >> 20)));
}

/**
 * A zeroed buffer of the runtime's own, `size` bytes, never moved or traced, kept until
 * raw_free. Never stops for a collection: the STM's logs grow inside barriers.
 */
export function raw_alloc(size: usize): usize {
  const bytes = (size + RAW_HEADER + 7) & ~7;
  const start = heap_take(bytes, bytes);
  if (start === 0) out_of_memory();
  if (takenDirty) memory_fill(start, 0, takenEnd - start);
  // A split can leave a tail too small for a hole: it stays inside the buffer.
  set_header(start, PINNED, takenEnd - start);
  return start + RAW_HEADER;
}

/**
 * A growable buffer of the runtime's: a new one of `bytes` bytes holding the first `used` bytes
 * of `buffer` (0: none yet), which is given back.
 */
export function raw_grow(buffer: usize, used: usize, bytes: usize): usize {
  const grown = raw_alloc(bytes);
  if (used > 0) memory_copy(grown, buffer, used);
  if (buffer !== 0) raw_free(buffer);
  return grown;
}

/** Gives a raw_alloc buffer back; the next sweep frees it. */
export function raw_free(buffer: usize): void {
  store_i32(buffer - RAW_HEADER, DEAD);
}
