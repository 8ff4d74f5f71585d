// Threads without a task: they spin a little, then sleep on the `events` word in
// memory.atomic.wait (as parked threads: collections go on meanwhile). Publishing work bumps
// `events` only when someone sleeps, so while every thread is busy no shared line is written.
import { i32, bool } from "stmc";
import { usize, address_of, atomic_load_i32, atomic_store_i32, atomic_add_i32, atomic_cmpxchg_i32, host_flush } from "stmc:low";
import { signal_all } from "../sync";
import { shuttingDown } from "../thread";
import { raw_alloc } from "../gc/heap";
import { gc_poll, gc_wait_i32 } from "../gc/safepoint";
import { work_visible, all_finished } from "./queues";

/** Queue checks before a thread sleeps (a sleep and a wake-up cost far more than a short task). */
const SPINS: i32 = 300;

/** Two 64-byte lines: `events` (bumped to wake sleepers), then `sleepers` and `mainWaiting`. */
let lines: usize = 0;
const EVENTS: usize = 0;
/** Threads that may take work, asleep (or about to sleep) on `events`. */
const SLEEPERS: usize = 64;
/** 1 while main sleeps in run(): the thread that sees the last task finish wakes it. */
const MAIN_WAITING: usize = 68;

export function idle_init(): void {
  const block = raw_alloc(192);
  lines = (block + 63) & ~63;
}

/** After work was published: wakes the sleepers, if any (otherwise only a read of a shared line). */
export function wake_sleepers(): void {
  if (atomic_load_i32(lines + SLEEPERS) > 0) signal_all(lines + EVENTS);
}

/** Wakes every sleeping thread (run() starts, the program ends). */
export function wake_all(): void {
  signal_all(lines + EVENTS);
}

/**
 * Called when this thread found no task: returns once work may be there. `eligible`: it may
 * take work (main always; a worker below numThreads). `main`: the thread in run(), which gets
 * true when every task has finished.
 *
 * No wake-up is lost: a sleeper reads `events`, counts itself in `sleepers` (and sets
 * `mainWaiting`), then checks once more. A publisher makes its tasks visible, then reads
 * `sleepers`: either that read comes first and the check sees the tasks, or it sees the
 * sleeper and bumps `events` after the sleeper read it. Likewise the thread whose
 * count_finished is the last one reads `mainWaiting` after it: either main's last check comes
 * after that increment (and sees the end), or that thread sees main waiting and wakes it. (A
 * check that failed only because the queue limit moved meanwhile is made again by the thread
 * that moved it: it registers, or sets numThreads, and then looks for work.)
 */
export function wait_for_work(eligible: bool, main: bool): bool {
  for (let i = 0; eligible && i < SPINS; i++) {
    if (work_visible()) return false;
    gc_poll();
  }
  if (main) {
    if (all_finished()) return true;
  } else if (atomic_load_i32(lines + MAIN_WAITING) !== 0 && all_finished()) {
    // Only the thread that clears the flag wakes main: idle workers do not wake each other.
    if (atomic_cmpxchg_i32(lines + MAIN_WAITING, 1, 0) === 1) signal_all(lines + EVENTS);
  }
  host_flush();
  const seen = atomic_load_i32(lines + EVENTS);
  if (eligible) atomic_add_i32(lines + SLEEPERS, 1);
  if (main) atomic_store_i32(lines + MAIN_WAITING, 1);
  const over = main ? all_finished() : atomic_load_i32(address_of(shuttingDown)) !== 0;
  if (!over && !(eligible && work_visible())) gc_wait_i32(lines + EVENTS, seen, -1);
  if (main) atomic_store_i32(lines + MAIN_WAITING, 0);
  if (eligible) atomic_add_i32(lines + SLEEPERS, -1);
  return main && (over || all_finished());
}
