// Each thread's own runtime memory (its shadow stack, its STM filter and snapshots), taken by the
// thread that asks for the thread rather than by the thread itself. A worker starts some time
// after it is asked for (the host starts an engine thread); a program that fills its heap
// meanwhile would otherwise make the new thread fail for lack of memory where no line of the
// program is running, and the out-of-memory report would have no location. Taken by the asking
// thread, the memory runs out at `transaction.run()` (or at start-up) instead.
import { i32 } from "stmc";
import { usize, load_usize, store_usize, pointer_size, unreachable } from "stmc:low";
import { raw_alloc } from "./gc/heap";
import { gc_thread_bytes } from "./gc/safepoint";
import { stm_thread_bytes } from "./stm/algorithm";
import { MAX_THREADS } from "./thread";

/** Per thread id: its memory, once reserved (0 before). */
let reserved: usize = 0;

export function thread_memory_init(): void {
  reserved = raw_alloc(usize(MAX_THREADS) * pointer_size());
}

/** Reserves the memory of threads `first` .. `end - 1`. */
export function reserve_thread_memory(first: i32, end: i32): void {
  for (let id = first; id < end && id < MAX_THREADS; id++) {
    const slot = reserved + usize(id) * pointer_size();
    if (load_usize(slot) === 0) store_usize(slot, raw_alloc(gc_thread_bytes() + stm_thread_bytes()));
  }
}

/** Thread `id`'s memory (reserved before it was started): the shadow stack, then the STM's. */
export function thread_memory(id: i32): usize {
  const memory = load_usize(reserved + usize(id) * pointer_size());
  // A thread that is not attached cannot take heap memory itself.
  if (memory === 0) unreachable();
  return memory;
}
