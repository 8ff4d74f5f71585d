// The heap allocator. Every object starts with the header of targets/layout.ts; the
// allocator writes the class id and hands out zeroed memory aligned to 8 bytes.
// Each thread bumps a pointer through a chunk of its own (no lock, no atomic in the common
// case) and takes a new chunk from the shared heap with one atomic add when it runs out.
// Memory is never reused yet: the collector will add reclamation.
import { i32, f64, bool } from "stmc";
import { usize, thread_local, store_i32, memory_size, memory_grow, memory_max_pages, heap_base, fail, address_of, atomic_add_usize, atomic_load_usize, atomic_store_usize } from "stmc:low";
import { lock_acquire, lock_release } from "./sync";

const PAGE_SIZE: usize = 65536;
const FAIL_OUT_OF_MEMORY: i32 = 8;

const CHUNK: usize = 65536;

let heapTop: usize = 0;
let heapEnd: usize = 0;
let growLock: i32 = 0;

/** This thread's chunk: [chunkTop, chunkEnd) is free. */
let chunkTop: usize = thread_local(0);
let chunkEnd: usize = thread_local(0);
/** Where the current transaction's allocations start; NO_MARK (an empty range) outside one. */
let markTop: usize = thread_local(0);
const NO_MARK: usize = ~0;

export function alloc_thread_init(): void {
  markTop = NO_MARK;
}

export function alloc_init(): void {
  heapTop = heap_base();
  heapEnd = memory_size() * PAGE_SIZE;
}

/** A zeroed block of `size` bytes whose header names class `classId`. */
export function alloc(size: usize, classId: i32): usize {
  const rounded = (size + 7) & ~7;
  let start = chunkTop;
  if (start + rounded > chunkEnd) start = refill(rounded);
  chunkTop = start + rounded;
  store_i32(start, classId);
  return start;
}

/**
 * A new chunk for this thread (a large block gets a chunk of its own size). The compiler
 * inlines alloc's fast path into the program (compiler/lower/objects.ts) and calls this.
 */
export function refill(size: usize): usize {
  const bytes = size > CHUNK ? size : CHUNK;
  const start = atomic_add_usize(address_of(heapTop), bytes);
  if (start + bytes > atomic_load_usize(address_of(heapEnd))) grow_heap(start + bytes);
  chunkEnd = start + bytes;
  // Allocations before the new chunk are no longer a range: the transaction's mark restarts here.
  if (markTop !== NO_MARK) markTop = start;
  return start;
}

/** Marks the start of a transaction's allocations (0: none is running). */
export function alloc_mark(): void {
  markTop = chunkTop;
}

export function alloc_unmark(): void {
  markTop = NO_MARK;
}

/**
 * True if `address` lies in memory this thread allocated since alloc_mark(): an object created
 * by the running transaction, invisible to every other thread until it commits.
 */
export function allocated_since_mark(address: usize): bool {
  return address >= markTop && address < chunkTop;
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
