// Threads without a task: they spin a little, then sleep on the `events` word in
// memory.atomic.wait (as parked threads: collections go on meanwhile). Publishing work bumps
// `events` only when someone sleeps, so while every thread is busy no shared line is written.
import { i32, bool } from "stmc";
import { address_of, own_cache_line, atomic_load_i32, atomic_store_i32, atomic_add_i32, atomic_cmpxchg_i32, host_flush } from "stmc:low";
import { signal_all } from "../sync";
import { shuttingDown } from "../thread";
import { gc_poll, gc_wait_i32 } from "../gc/safepoint";
import { work_visible, all_finished } from "./queues";
import { tx_thread_running } from "../stm/transaction";

/** Queue checks before a thread sleeps (a sleep and a wake-up cost far more than a short task). */
const SPINS: i32 = 300;

/** Bumped to wake sleepers. */
let events: i32 = own_cache_line(0);
/** Threads that may take work, asleep (or about to sleep) on `events`. */
let sleepers: i32 = own_cache_line(0);
/** 1 while main sleeps in run(): the thread that sees the last task finish wakes it. */
let mainWaiting: i32 = own_cache_line(0);

/** After work was published: wakes the sleepers, if any (otherwise only a read of a shared line). */
export function wake_sleepers(): void {
  if (atomic_load_i32(address_of(sleepers)) > 0) signal_all(address_of(events));
}

/** Wakes every sleeping thread (run() starts, the program ends). */
export function wake_all(): void {
  signal_all(address_of(events));
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
  } else if (atomic_load_i32(address_of(mainWaiting)) !== 0 && all_finished()) {
    // Only the thread that clears the flag wakes main: idle workers do not wake each other.
    if (atomic_cmpxchg_i32(address_of(mainWaiting), 1, 0) === 1) signal_all(address_of(events));
  }
  host_flush();
  const seen = atomic_load_i32(address_of(events));
  if (eligible) atomic_add_i32(address_of(sleepers), 1);
  if (main) atomic_store_i32(address_of(mainWaiting), 1);
  const over = main ? all_finished() : atomic_load_i32(address_of(shuttingDown)) !== 0;
  if (!over && !(eligible && work_visible())) {
    // Asleep, it is outside any transaction: a thread that must run alone need not wait for it.
    tx_thread_running(false);
    gc_wait_i32(address_of(events), seen, -1);
    tx_thread_running(true);
  }
  if (main) atomic_store_i32(address_of(mainWaiting), 0);
  if (eligible) atomic_add_i32(address_of(sleepers), -1);
  return main && (over || all_finished());
}
