// Per-thread task queues. Every thread id has a queue: a list of tasks under a lock of its own,
// and two counters only that thread writes (tasks it created, tasks it finished). A thread takes
// from its own queue and, when that is empty, steals half of another thread's list; whether
// run() is over is read from the counters (all_finished). A task thus touches no word that every
// task of every thread writes.
import { i32, i64, bool } from "stmc";
import { usize, thread_local, own_cache_line, address_of, load_i32, atomic_load_i32, atomic_store_i32, atomic_add_i32, atomic_cmpxchg_i32, unreachable } from "stmc:low";
import { Task } from "./task";
import { lock_acquire, lock_release } from "../sync";
import { MAX_THREADS } from "../thread";

/**
 * One thread's queue, an ordinary heap object so that its tasks are traced from `queues`.
 * Objects are only 8-byte aligned: the padding (48 bytes before the hot words, at least 56
 * after) keeps every cache line the hot words touch free of other objects' bytes.
 */
class TaskQueue {
  pad0: i64 = 0;
  pad1: i64 = 0;
  pad2: i64 = 0;
  pad3: i64 = 0;
  pad4: i64 = 0;
  pad5: i64 = 0;
  // Offset 64 on both targets (16-byte header + 48): reached by address, atomically (Q_*).
  lock: i32 = 0;
  /** Tasks in the list (written under the lock, read without it). */
  count: i32 = 0;
  created: i32 = 0;
  finished: i32 = 0;
  /** Under `lock`: the list, linked through Task.next. */
  head: Task | null = null;
  tail: Task | null = null;
  readonly id: i32;
  /** The queue of thread id + 1. */
  readonly following: TaskQueue | null;
  pad6: i64 = 0;
  pad7: i64 = 0;
  pad8: i64 = 0;
  pad9: i64 = 0;
  pad10: i64 = 0;
  pad11: i64 = 0;
  pad12: i64 = 0;

  constructor(id: i32, following: TaskQueue | null) {
    this.id = id;
    this.following = following;
  }
}

const Q_LOCK: usize = 64;
const Q_COUNT: usize = 68;
const Q_CREATED: usize = 72;
const Q_FINISHED: usize = 76;

/** The queues of thread ids 0 .. MAX_THREADS - 1 in id order (a root: the collector traces the lists). */
let queues: TaskQueue | null = null;
// Words every take or scan reads and almost nothing writes, each alone on a cache line (module
// variables are otherwise packed next to words other threads write often).
/** 1 while main is inside transaction.run(): tasks are taken only then. */
let running: i32 = own_cache_line(0);
/** Threads run() may use (transaction.setNumThreads). */
let numThreads: i32 = own_cache_line(0);
/** Queues in use: above every thread id started and every numThreads set (only grows). */
let queueLimit: i32 = own_cache_line(0);

let own: TaskQueue | null = thread_local(null);
let ownAddress: usize = thread_local(0);
/** Where this thread's next task added outside a transaction goes (round-robin). */
let cursor: TaskQueue | null = thread_local(null);

export function queues_init(threads: i32): void {
  // Built from the last id down, so that `queues` roots the list while it grows.
  for (let id = MAX_THREADS - 1; id >= 0; id--) queues = new TaskQueue(id, queues);
  check_layout(queues!);
  set_num_threads(threads);
  queues_register(0);
}

/** The Q_* offsets follow the compiler's field layout (docs/runtime-abi.md): fail early if it changes. */
function check_layout(q: TaskQueue): void {
  q.lock = 1;
  q.finished = 2;
  const ok = load_i32(usize(q) + Q_LOCK) === 1 && load_i32(usize(q) + Q_FINISHED) === 2;
  q.lock = 0;
  q.finished = 0;
  if (!ok) unreachable();
}

/** Thread `id` starts: its queue, and the queues scanned (and counted by all_finished) include it. */
export function queues_register(id: i32): void {
  let q = queues!;
  while (q.id !== id) q = q.following!;
  own = q;
  ownAddress = usize(q);
  raise_limit(id + 1);
}

function raise_limit(n: i32): void {
  for (;;) {
    const limit = atomic_load_i32(address_of(queueLimit));
    if (limit >= n || atomic_cmpxchg_i32(address_of(queueLimit), limit, n) === limit) return;
  }
}

export function set_num_threads(n: i32): void {
  atomic_store_i32(address_of(numThreads), n);
  raise_limit(n);
}

export function num_threads(): i32 {
  return atomic_load_i32(address_of(numThreads));
}

export function set_running(value: i32): void {
  atomic_store_i32(address_of(running), value);
}

export function is_running(): bool {
  return atomic_load_i32(address_of(running)) !== 0;
}

/** Counts `n` tasks this thread makes, before any of them can be seen by another thread. */
export function count_created(n: i32): void {
  atomic_add_i32(ownAddress + Q_CREATED, n);
}

/** Counts a task this thread ran, after its commit (which counted and published its successors). */
export function count_finished(): void {
  atomic_add_i32(ownAddress + Q_FINISHED, 1);
}

/** Appends the chain first..last (n tasks, linked through next) to this thread's queue. */
export function push_own(first: Task, last: Task, n: i32): void {
  append(own!, first, last, n);
}

/** Appends `task` to the next queue in turn of the threads run() may use. */
export function push_round_robin(task: Task): void {
  const previous = cursor;
  const target = previous === null || previous.id + 1 >= num_threads() ? queues! : previous.following!;
  cursor = target;
  append(target, task, task, 1);
}

function append(q: TaskQueue, first: Task, last: Task, n: i32): void {
  const address = usize(q);
  lock_acquire(address + Q_LOCK);
  const end = q.tail;
  if (end === null) q.head = first;
  else end.next = first;
  q.tail = last;
  atomic_store_i32(address + Q_COUNT, atomic_load_i32(address + Q_COUNT) + n);
  lock_release(address + Q_LOCK);
}

/** The head of this thread's queue, or null. */
export function take_own(): Task | null {
  if (atomic_load_i32(ownAddress + Q_COUNT) === 0) return null;
  return detach(own!, false);
}

/**
 * Takes the first half (at least one) of another thread's list: returns its first task and
 * keeps the rest in this thread's queue. Null when every other queue is empty.
 */
export function steal(): Task | null {
  const limit = atomic_load_i32(address_of(queueLimit));
  let victim = own!;
  for (let i = 1; i < limit; i++) {
    const next = victim.following;
    victim = next === null || next.id >= limit ? queues! : next;
    if (atomic_load_i32(usize(victim) + Q_COUNT) === 0) continue;
    const first = detach(victim, true);
    if (first === null) continue;
    const second = first.next;
    if (second !== null) {
      first.next = null;
      let last = second;
      let n = 1;
      for (let t = second.next; t !== null; t = t.next) {
        last = t;
        n++;
      }
      append(own!, second, last, n);
    }
    return first;
  }
  return null;
}

/**
 * Unlinks the first task (or the first half, rounded up) of `q`'s list and returns it, still
 * linked to the others it took; null if the list is empty or no run() is in progress.
 */
function detach(q: TaskQueue, half: bool): Task | null {
  const address = usize(q);
  lock_acquire(address + Q_LOCK);
  const n = atomic_load_i32(address + Q_COUNT);
  // `running` is read under the lock: main clears it before it enqueues (under this lock)
  // tasks for its next run(), so none of those starts early.
  const first = n > 0 && is_running() ? q.head : null;
  if (first !== null) {
    const taken = half ? (n + 1) >> 1 : 1;
    let last = first;
    for (let i = 1; i < taken; i++) last = last.next!;
    const rest = last.next;
    q.head = rest;
    if (rest === null) q.tail = null;
    last.next = null;
    atomic_store_i32(address + Q_COUNT, n - taken);
  }
  lock_release(address + Q_LOCK);
  return first;
}

/** Whether a take could find a task in some queue. */
export function work_visible(): bool {
  if (!is_running()) return false;
  const limit = atomic_load_i32(address_of(queueLimit));
  for (let q = queues; q !== null && q.id < limit; q = q.following) {
    if (atomic_load_i32(usize(q) + Q_COUNT) !== 0) return true;
  }
  return false;
}

/**
 * Whether every task created so far has finished (none queued, kept or running).
 *
 * Why reading per-thread counters is enough: a thread counts a task in its `created` before
 * any other thread can see it (publish, enqueue), and the thread that runs it counts it in its
 * `finished` only after the commit, which has already counted and published the task's
 * successors (a chain of kept successors counts as one task: `continued` in tasks.ts). So at every instant sum(finished) <= sum(created), equal exactly when no task is
 * queued, kept as a successor or running. This reads every `finished`, then every `created`;
 * let T be an instant between the two passes. Counters only grow, so
 *   sum(finished at T) >= sum(finished read) = sum(created read) >= sum(created at T),
 * hence equality at T: nothing was queued or running then, and since tasks are created only by
 * running tasks (main is inside run()), nothing is created afterwards either (a finalizer's
 * tasks, like before, may wait for the next run()). Threads above the
 * limit are left out: a thread raises the limit before it takes or makes a task, and one that
 * raised it after the first read of the limit shows as a changed second read.
 */
export function all_finished(): bool {
  const limit = atomic_load_i32(address_of(queueLimit));
  let finished = 0;
  for (let q = queues; q !== null && q.id < limit; q = q.following) finished += atomic_load_i32(usize(q) + Q_FINISHED);
  let created = 0;
  for (let q = queues; q !== null && q.id < limit; q = q.following) created += atomic_load_i32(usize(q) + Q_CREATED);
  return finished === created && atomic_load_i32(address_of(queueLimit)) === limit;
}
