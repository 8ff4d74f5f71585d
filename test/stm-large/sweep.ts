// Long transactions over a large array allocated before them: each task sweeps all of a
// 1M-element array (reading every element, writing most), in one transaction. Their logs would
// outgrow a small heap; the runtime must bound them (running such a transaction alone) instead
// of running out of memory. The result does not depend on the order the tasks run in.
import { i32, i64, print, transaction } from "stmc";

const N: i32 = 1000000;
const TASKS: i32 = 16;

let sieve: i32[] = new Array<i32>(N).fill(0);
let sums: i64[] = new Array<i64>(TASKS).fill(0);

/** Adds 1 to every element whose index is a multiple of `step`, and records the array's sum. */
function sweep(task: i32, step: i32): void {
  const a = sieve;
  let total: i64 = 0;
  for (let i = 0; i < N; i++) {
    const v = a[i];
    total += v;
    if (i % step === 0) a[i] = v + 1;
  }
  sums[task] = total;
}

/** Only reads: the read set alone holds the whole array. */
function count(task: i32): void {
  const a = sieve;
  let total: i64 = 0;
  for (let i = 0; i < N; i++) total += a[i];
  sums[task] = total;
}

export function main(): void {
  for (let t = 0; t < TASKS - 2; t++) transaction.add(sweep, t, t + 1);
  transaction.run();
  transaction.add(count, TASKS - 2);
  transaction.add(count, TASKS - 1);
  transaction.run();
  let expected: i64 = 0;
  for (let step = 1; step <= TASKS - 2; step++) expected += i64((N + step - 1) / step);
  print("total", sums[TASKS - 1], "expected", expected, "same", sums[TASKS - 2] === sums[TASKS - 1]);
}
