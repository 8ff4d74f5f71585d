// transaction.add / transaction.run: tasks, each run as a transaction retried until it commits.
//
// A task is a record derived from Task (tasks/task.ts). Every thread has a queue of its own
// (tasks/queues.ts): tasks main adds before run() are dealt round-robin over the threads run()
// uses; tasks added inside a transaction wait in a per-thread list until it commits, then join
// the committing thread's queue (a single successor stays with the thread, in `localNext`). A
// thread runs its own tasks, steals from the others when it has none, and sleeps when nobody
// has any (tasks/idle.ts). run() lets main and the workers take tasks until all have finished.
import { Task } from "./tasks/task";
import { i32, f64, bool } from "stmc";
import { usize, store_usize, thread_local, fail, address_of, atomic_load_i32, atomic_store_i32, atomic_cmpxchg_i32, run_task_catching_abort,
  host_flush, host_spawn_threads, throw_error } from "stmc:low";
import { StmcError } from "./errors";
import { shuttingDown, MAX_THREADS } from "./thread";
import { reserve_thread_memory } from "./thread_memory";
import { in_transaction, tx_begin, tx_backoff, tx_thread_running } from "./stm/transaction";
import { R_ADDED_HEAD, R_LOCAL_NEXT } from "./gc/safepoint";
import { gc_run_finalizers } from "./gc/finalizers";
import { queues_init, queues_register, set_num_threads, num_threads, set_running, is_running, count_created, count_finished,
  push_own, push_round_robin, take_own, steal } from "./tasks/queues";
import { wake_sleepers, wake_all, wait_for_work } from "./tasks/idle";

const FAIL_RUN_IN_TRANSACTION: i32 = 9;
const FAIL_BAD_THREAD_COUNT: i32 = 10;

/** Threads the host has started or been asked for (main's only). */
let threadsRequested: i32 = 1;

/** Tasks added by this thread's current transaction, published when it commits. */
let addedHead: Task | null = thread_local(null);
let addedTail: Task | null = thread_local(null);
let addedCount: i32 = thread_local(0);
/** A committed task's single successor: this thread runs it next (a chain stays on its thread). */
let localNext: Task | null = thread_local(null);
/** The first error that left a task of the current run(): run() throws it at the end. */
let runError: StmcError | null = null;
/** Set by the thread that stores runError: the tasks not started yet are dropped. */
let runFailed: i32 = 0;
/** True while this thread runs a task (not a finalizer or an atomic block of main's). */
let inTask: bool = thread_local(false);
/**
 * The running task's successor in localNext continues it: the successor is not counted as
 * created, nor the task as finished, so a chain of tasks counts as one (all_finished stays
 * true to its proof: the chain is created once, is queued, kept or running until its last step,
 * and finishes once). A chain's steps touch no counter.
 */
let continued: bool = thread_local(false);

export function tasks_init(threads: i32): void {
  queues_init(threads);
  threadsRequested = threads;
}

export function task_enqueue(task: Task): void {
  if (!in_transaction()) {
    // Only main adds tasks outside transactions, and only outside run(): nobody can take them
    // yet, so nobody is woken (run() wakes everyone).
    count_created(1);
    push_round_robin(task);
    return;
  }
  const last = addedTail;
  if (last === null) addedHead = task;
  else last.next = task;
  addedTail = task;
  addedCount++;
}

/** At commit: the transaction's tasks become this thread's. */
export function tasks_publish(): void {
  const first = addedHead;
  const last = addedTail;
  const count = addedCount;
  tasks_discard();
  if (first === null || last === null) return;
  // Kept only inside run(): a finalizer's commit after it must not start a task early.
  if (first === last && localNext === null && is_running()) {
    localNext = first;
    if (inTask) continued = true;
    else count_created(1);
    return;
  }
  count_created(count);
  push_own(first, last, count);
  wake_sleepers();
}

export function tasks_discard(): void {
  addedHead = null;
  addedTail = null;
  addedCount = 0;
}

/** For the collector, when this thread stops: its uncommitted and kept tasks (queued ones hang off the queues). */
export function publish_task_roots(record: usize): void {
  store_usize(record + R_ADDED_HEAD, usize(addedHead));
  store_usize(record + R_LOCAL_NEXT, usize(localNext));
}

/** The next task for this thread: its kept successor, then (if `eligible`) its queue, then a steal. */
function next_task(eligible: bool): Task | null {
  const kept = localNext;
  if (kept !== null) {
    localNext = null;
    return kept;
  }
  if (!eligible) return null;
  const own = take_own();
  return own !== null ? own : steal();
}

/**
 * Runs one task as a transaction until it commits, or until an error leaves it: then nothing it
 * did stays (tx_abandon), the run's tasks not yet started are dropped, and run() throws the
 * first such error once every thread is done (PyPy-STM's transaction.run does the same).
 */
function execute(task: Task): void {
  inTask = true;
  if (atomic_load_i32(address_of(runFailed)) === 0) {
    try {
      let attempt = 0;
      for (;;) {
        tx_begin(attempt);
        if (run_task_catching_abort(task)) break;
        attempt++;
        tx_backoff(attempt);
      }
    } catch (e) {
      // The first error wins. run() reads it only once every task has finished, this one too.
      if (atomic_cmpxchg_i32(address_of(runFailed), 0, 1) === 0) runError = e as StmcError;
    }
  }
  inTask = false;
  if (continued) continued = false;
  else count_finished();
  gc_run_finalizers();
}

export function transaction_run(): void {
  if (in_transaction()) fail(FAIL_RUN_IN_TRANSACTION, 0);
  // What main printed so far reaches the host before any task can fail.
  host_flush();
  const wanted = num_threads();
  if (threadsRequested < wanted) {
    reserve_thread_memory(threadsRequested, wanted);
    host_spawn_threads(wanted - threadsRequested);
    threadsRequested = wanted;
  }
  set_running(1);
  wake_all();
  tx_thread_running(true);
  for (;;) {
    const task = next_task(true);
    if (task !== null) {
      execute(task);
      continue;
    }
    if (wait_for_work(true, true)) break;
  }
  tx_thread_running(false);
  // Cleared before main can enqueue again: takes check it under the queue's lock.
  set_running(0);
  gc_run_finalizers();
  const error = runError;
  if (error !== null) {
    runError = null;
    atomic_store_i32(address_of(runFailed), 0);
    throw_error(error);
  }
}

/** The loop of worker thread `id` (1..), until the program ends. */
export function worker_loop(id: i32): void {
  queues_register(id);
  tx_thread_running(true);
  for (;;) {
    if (atomic_load_i32(address_of(shuttingDown)) !== 0) {
      tx_thread_running(false);
      return;
    }
    // Above numThreads a worker only finishes a chain it kept; its queue is left to the others.
    const eligible = id < num_threads();
    const task = next_task(eligible);
    if (task !== null) {
      execute(task);
      continue;
    }
    wait_for_work(eligible, false);
  }
}

export function tasks_wake_all(): void {
  wake_all();
}

export function transaction_set_num_threads(n: i32): void {
  if (n < 1 || n > MAX_THREADS) fail(FAIL_BAD_THREAD_COUNT, f64(n));
  set_num_threads(n);
}

export function transaction_get_num_threads(): i32 {
  return num_threads();
}
