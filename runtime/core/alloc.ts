// The heap allocator. Every object starts with the header of targets/layout.ts; the
// allocator writes the class id and hands out zeroed memory aligned to 8 bytes.
// This first version bumps a pointer through memory that is never reused; the collector
// replaces it with size-classed, per-thread allocation.
import { i32, f64 } from "stmc";
import { usize, store_i32, memory_size, memory_grow, memory_max_pages, heap_base, fail } from "stmc:low";

const PAGE_SIZE: usize = 65536;
const FAIL_OUT_OF_MEMORY: i32 = 8;

let heapTop: usize = 0;
let heapEnd: usize = 0;

export function alloc_init(): void {
  heapTop = heap_base();
  heapEnd = memory_size() * PAGE_SIZE;
}

/** A zeroed block of `size` bytes whose header names class `classId`. */
export function alloc(size: usize, classId: i32): usize {
  const start = heapTop;
  const end = start + ((size + 7) & ~7);
  if (end > heapEnd) grow_heap(end);
  heapTop = end;
  store_i32(start, classId);
  return start;
}

/** Grows memory to cover `end`, at least doubling it so that growth stays rare. */
function grow_heap(end: usize): void {
  const current = memory_size();
  let pages = (end - heapEnd + PAGE_SIZE - 1) / PAGE_SIZE;
  if (pages < current) pages = current;
  const limit = memory_max_pages();
  if (current + pages > limit) pages = limit - current;
  if (heapEnd + pages * PAGE_SIZE < end || memory_grow(pages) > limit) {
    fail(FAIL_OUT_OF_MEMORY, f64(i32((limit * PAGE_SIZE) >> 20)));
  }
  heapEnd = memory_size() * PAGE_SIZE;
}
