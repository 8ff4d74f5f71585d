// The task queue behind transaction.add / transaction.run. A task is a record derived from
// Task: the compiler generates one subclass per function passed to transaction.add, with a
// field per argument and a `run` method that makes the call.
// This version runs tasks one by one on the calling thread, in FIFO order.
import { i32, f64 } from "stmc";
import { fail } from "stmc:low";

const FAIL_RUN_IN_TRANSACTION: i32 = 9;
const FAIL_BAD_THREAD_COUNT: i32 = 10;

export class Task {
  next: Task | null = null;
  run(): void {}
}

let head: Task | null = null;
let tail: Task | null = null;
/** Nesting depth of the transactions the current thread is in (atomic blocks flatten). */
let transactionDepth: i32 = 0;
let numThreads: i32 = 1;

export function task_enqueue(task: Task): void {
  const last = tail;
  if (last === null) head = task;
  else last.next = task;
  tail = task;
}

export function transaction_run(): void {
  if (transactionDepth > 0) fail(FAIL_RUN_IN_TRANSACTION, 0);
  let task = head;
  while (task !== null) {
    head = task.next;
    if (head === null) tail = null;
    task.next = null;
    transactionDepth++;
    task.run();
    transactionDepth--;
    task = head;
  }
}

export function atomic_begin(): void {
  transactionDepth++;
}

export function atomic_end(): void {
  transactionDepth--;
}

export function transaction_set_num_threads(n: i32): void {
  if (n < 1) fail(FAIL_BAD_THREAD_COUNT, f64(n));
  numThreads = n;
}

export function transaction_get_num_threads(): i32 {
  return numThreads;
}

export function tasks_init(threads: i32): void {
  numThreads = threads;
}
