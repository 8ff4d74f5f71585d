// The heap allocator. Every object starts with the header of targets/layout.ts; the
// allocator writes the class id and hands out zeroed memory aligned to 8 bytes.
// This first version bumps one shared pointer (an atomic add) through memory that is never
// reused; the collector replaces it with size-classed, per-thread allocation.
import { i32, f64 } from "stmc";
import { usize, store_i32, memory_size, memory_grow, memory_max_pages, heap_base, fail, address_of, atomic_add_usize, atomic_load_usize, atomic_store_usize } from "stmc:low";
import { lock_acquire, lock_release } from "./sync";

const PAGE_SIZE: usize = 65536;
const FAIL_OUT_OF_MEMORY: i32 = 8;

let heapTop: usize = 0;
let heapEnd: usize = 0;
let growLock: i32 = 0;

export function alloc_init(): void {
  heapTop = heap_base();
  heapEnd = memory_size() * PAGE_SIZE;
}

/** A zeroed block of `size` bytes whose header names class `classId`. */
export function alloc(size: usize, classId: i32): usize {
  const rounded = (size + 7) & ~7;
  const start = atomic_add_usize(address_of(heapTop), rounded);
  if (start + rounded > atomic_load_usize(address_of(heapEnd))) grow_heap(start + rounded);
  store_i32(start, classId);
  return start;
}

/** Grows memory to cover `end`, at least doubling it so that growth stays rare. */
function grow_heap(end: usize): void {
  lock_acquire(address_of(growLock));
  while (atomic_load_usize(address_of(heapEnd)) < end) {
    const current = memory_size();
    const limit = memory_max_pages();
    let pages = current;
    if (current + pages > limit) pages = limit - current;
    if (pages === 0 || memory_grow(pages) > limit) {
      lock_release(address_of(growLock));
      fail(FAIL_OUT_OF_MEMORY, f64(i32((limit * PAGE_SIZE) >> 20)));
    }
    atomic_store_usize(address_of(heapEnd), memory_size() * PAGE_SIZE);
  }
  lock_release(address_of(growLock));
}
