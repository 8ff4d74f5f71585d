// Locks and waiting on shared memory words: spin briefly, then sleep in memory.atomic.wait32
// (a thread waiting here counts as idle: it burns no CPU).
import { i32 } from "stmc";
import { usize, atomic_load_i32, atomic_store_i32, atomic_add_i32, atomic_cmpxchg_i32, atomic_wait_i32, atomic_notify } from "stmc:low";

const SPINS: i32 = 100;

/** Acquires the lock word at `lock` (0 free, 1 held, 2 held with sleepers). */
export function lock_acquire(lock: usize): void {
  if (atomic_cmpxchg_i32(lock, 0, 1) === 0) return;
  for (let i = 0; i < SPINS; i++) {
    if (atomic_load_i32(lock) === 0 && atomic_cmpxchg_i32(lock, 0, 1) === 0) return;
  }
  // Mark the lock contended and sleep until a release wakes us.
  while (atomic_cmpxchg_i32(lock, 0, 2) !== 0) {
    atomic_cmpxchg_i32(lock, 1, 2);
    atomic_wait_i32(lock, 2, -1);
  }
}

export function lock_release(lock: usize): void {
  if (atomic_cmpxchg_i32(lock, 1, 0) === 1) return;
  atomic_store_i32(lock, 0);
  atomic_notify(lock, 1);
}

/** Sleeps while the word at `address` still holds `seen` (returns at once if it changed). */
export function wait_while(address: usize, seen: i32): void {
  atomic_wait_i32(address, seen, -1);
}

/** Bumps the event counter at `address` and wakes every thread waiting on it. */
export function signal_all(address: usize): void {
  atomic_add_i32(address, 1);
  atomic_notify(address, 2147483647);
}
