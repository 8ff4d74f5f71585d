// A benchmark small enough for the harness's own tests (test/bench.test.ts): sums in tasks.
import { i32, print, transaction } from "stmc";

let total = 0;

function work(n: i32): void {
  let s = 0;
  for (let i = 0; i < n; i++) s += i % 7;
  total += s;
}

export function run(size: i32): void {
  const tasks = 20 * (size + 1);
  for (let t = 0; t < tasks; t++) transaction.add(work, 1000);
  transaction.run();
  if (total !== tasks * 2997) throw new Error("tiny: wrong total");
  print("tiny", tasks, total);
}

export function main(): void {
  run(0);
}
