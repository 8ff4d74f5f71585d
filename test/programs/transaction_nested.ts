// Tasks that add tasks (a parallel divide-and-conquer sum and fib), atomic blocks inside
// tasks, and the thread count API.
import { i32, i64, print, transaction } from "stmc";

let total: i64 = 0;
let fibTotal = 0;
let tasksRun = 0;
let leaves = 0;
const data = makeData(1000);

function makeData(n: i32): i32[] {
  const out: i32[] = [];
  for (let i = 0; i < n; i++) out.push((i * 37) % 101);
  return out;
}

function sumRange(lo: i32, hi: i32): void {
  tasksRun++;
  if (hi - lo <= 16) {
    let s = 0;
    for (let i = lo; i < hi; i++) s += data[i];
    transaction.atomic(() => {
      total += s;
      leaves++;
    });
    return;
  }
  const mid = lo + i32((hi - lo) / 2);
  transaction.add(sumRange, lo, mid);
  transaction.add(sumRange, mid, hi);
}

function fibTask(n: i32): void {
  tasksRun++;
  if (n < 2) {
    fibTotal += n;
  } else {
    transaction.add(fibTask, n - 1);
    transaction.add(fibTask, n - 2);
  }
}

export function main(): void {
  print("threads at start >= 1", transaction.getNumThreads() >= 1);
  transaction.setNumThreads(4);
  print("threads", transaction.getNumThreads());
  transaction.add(sumRange, 0, data.length);
  transaction.run();
  let expected: i64 = 0;
  for (const x of data) expected += x;
  print("sum", total, expected, total === expected, "leaves", leaves);
  transaction.setNumThreads(1);
  print("threads", transaction.getNumThreads());
  transaction.add(fibTask, 15);
  transaction.run();
  print("fib", fibTotal, "tasks", tasksRun);
  transaction.setNumThreads(3);
  for (let i = 0; i < 3; i++) transaction.add(fibTask, 10);
  transaction.run();
  print("fib again", fibTotal, "tasks", tasksRun, "threads", transaction.getNumThreads());
}
