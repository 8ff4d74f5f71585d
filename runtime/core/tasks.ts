// The task queue behind transaction.add / transaction.run, shared by all threads.
//
// A task is a record derived from Task: the compiler generates one subclass per function passed
// to transaction.add, with a field per argument and a `run` method that makes the call. Tasks
// added inside a transaction wait in a per-thread list until it commits. run() lets the calling
// thread and the workers take tasks until none is queued or running; each task runs as a
// transaction, retried until it commits.
import { i32, f64 } from "stmc";
import { usize, store_usize, thread_local, fail, address_of, atomic_load_i32, atomic_add_i32, atomic_notify, run_task_catching_abort,
  host_flush, host_spawn_threads } from "stmc:low";
import { lock_acquire, lock_release } from "./sync";
import { shuttingDown, MAX_THREADS } from "./thread";
import { in_transaction, tx_begin, tx_backoff } from "./stm/transaction";
import { gc_wait_i32, R_ADDED_HEAD, R_LOCAL_NEXT } from "./gc/safepoint";
import { gc_run_finalizers } from "./gc/finalizers";

const FAIL_RUN_IN_TRANSACTION: i32 = 9;
const FAIL_BAD_THREAD_COUNT: i32 = 10;

export class Task {
  next: Task | null = null;
  run(): void {}
}

// Shared: the queue (under queueLock), tasks queued or running, and an event counter that
// sleeping threads wait on (bumped when tasks arrive and when the last one finishes).
let queueLock: i32 = 0;
let head: Task | null = null;
let tail: Task | null = null;
let pending: i32 = 0;
let events: i32 = 0;
/** Threads asleep (or about to sleep) on `events`: only then is a notify worth its cost. */
let sleepers: i32 = 0;
/** 1 while main is inside transaction.run(): tasks run only then (main's code outside run() must not race with them). */
let running: i32 = 0;
/** Threads run() may use (transaction.setNumThreads); workers above it stay asleep. */
let numThreads: i32 = 1;
/** Threads the host has started or been asked for. */
let threadsRequested: i32 = 1;

/** Tasks added by this thread's current transaction, published when it commits. */
let addedHead: Task | null = thread_local(null);
let addedTail: Task | null = thread_local(null);
/**
 * A committed task's single successor, kept by the thread that made it while the shared queue
 * has other work (a chain of tasks then stays on one thread, off the shared queue).
 */
let localNext: Task | null = thread_local(null);

export function tasks_init(threads: i32): void {
  numThreads = threads;
  threadsRequested = threads;
}

export function task_enqueue(task: Task): void {
  if (!in_transaction()) {
    enqueue_shared(task, task);
    return;
  }
  const last = addedTail;
  if (last === null) addedHead = task;
  else last.next = task;
  addedTail = task;
}

/** Appends the chain first..last (linked through next) to the shared queue. */
function enqueue_shared(first: Task, last: Task): void {
  let count = 0;
  for (let t: Task | null = first; t !== null; t = t.next) count++;
  lock_acquire(address_of(queueLock));
  const end = tail;
  if (end === null) head = first;
  else end.next = first;
  tail = last;
  atomic_add_i32(address_of(pending), count);
  lock_release(address_of(queueLock));
  wake();
}

/** Tells sleeping threads that something changed (tasks arrived, or the last one finished). */
function wake(): void {
  atomic_add_i32(address_of(events), 1);
  if (atomic_load_i32(address_of(sleepers)) > 0) atomic_notify(address_of(events), 2147483647);
}

/**
 * Sleeps until `events` moves on from `seen`. A waker bumps `events` before it looks at
 * `sleepers`, so a thread that registers late still sees the bump and does not sleep.
 */
function sleep(seen: i32): void {
  host_flush();
  atomic_add_i32(address_of(sleepers), 1);
  gc_wait_i32(address_of(events), seen, -1);
  atomic_add_i32(address_of(sleepers), -1);
}

/** The next task for this thread: its own successor first, then the shared queue. */
function next_task(): Task | null {
  const own = localNext;
  if (own !== null) {
    localNext = null;
    return own;
  }
  return dequeue();
}

/** For the collector, when this thread stops: its uncommitted and kept tasks (addedTail is on addedHead's chain). */
export function publish_task_roots(record: usize): void {
  store_usize(record + R_ADDED_HEAD, usize(addedHead));
  store_usize(record + R_LOCAL_NEXT, usize(localNext));
}

export function tasks_publish(): void {
  const first = addedHead;
  const last = addedTail;
  addedHead = null;
  addedTail = null;
  if (first === null || last === null) return;
  if (first === last && localNext === null && head !== null) {
    // Others have work queued: keep the successor (the shared queue would only bounce it).
    atomic_add_i32(address_of(pending), 1);
    localNext = first;
    return;
  }
  enqueue_shared(first, last);
}

export function tasks_discard(): void {
  addedHead = null;
  addedTail = null;
}

/** The head of the shared queue, or null when it is empty or no run() is in progress. */
function dequeue(): Task | null {
  lock_acquire(address_of(queueLock));
  // `running` is read and cleared under the lock: no task starts after run() has returned.
  const task = running !== 0 ? head : null;
  if (task !== null) {
    head = task.next;
    if (head === null) tail = null;
    task.next = null;
  }
  lock_release(address_of(queueLock));
  return task;
}

function set_running(value: i32): void {
  lock_acquire(address_of(queueLock));
  running = value;
  lock_release(address_of(queueLock));
}

/** Runs one task as a transaction until it commits. */
function execute(task: Task): void {
  let attempt = 0;
  for (;;) {
    tx_begin(attempt);
    if (run_task_catching_abort(task)) break;
    attempt++;
    tx_backoff(attempt);
  }
  if (atomic_add_i32(address_of(pending), -1) === 1) wake();
  gc_run_finalizers();
}

export function transaction_run(): void {
  if (in_transaction()) fail(FAIL_RUN_IN_TRANSACTION, 0);
  // What main printed so far reaches the host before any task can fail.
  host_flush();
  if (threadsRequested < numThreads) {
    host_spawn_threads(numThreads - threadsRequested);
    threadsRequested = numThreads;
  }
  set_running(1);
  wake();
  for (;;) {
    const seen = atomic_load_i32(address_of(events));
    const task = next_task();
    if (task !== null) {
      execute(task);
      continue;
    }
    if (atomic_load_i32(address_of(pending)) === 0) break;
    sleep(seen);
  }
  set_running(0);
  gc_run_finalizers();
}

/** The loop of worker thread `id` (1..), until the program ends. */
export function worker_loop(id: i32): void {
  for (;;) {
    const seen = atomic_load_i32(address_of(events));
    if (atomic_load_i32(address_of(shuttingDown)) !== 0) return;
    // A successor this thread kept is always run (it is counted in `pending`); new work from the
    // shared queue only on threads run() may use.
    const own = localNext;
    localNext = null;
    const task = own !== null ? own : id < numThreads ? dequeue() : null;
    if (task !== null) {
      execute(task);
      continue;
    }
    sleep(seen);
  }
}

export function tasks_wake_all(): void {
  wake();
}

export function transaction_set_num_threads(n: i32): void {
  if (n < 1 || n > MAX_THREADS) fail(FAIL_BAD_THREAD_COUNT, f64(n));
  numThreads = n;
}

export function transaction_get_num_threads(): i32 {
  return numThreads;
}

