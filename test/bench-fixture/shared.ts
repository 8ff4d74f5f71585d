// A benchmark small enough for the harness's own tests (test/bench.test.ts): tasks that all add
// to one counter (so, on two threads, some conflict).
import { i32, print, transaction } from "stmc";

let counter = 0;

function bump(n: i32): void {
  let s = 0;
  for (let i = 0; i < n; i++) s += i % 3;
  counter += s;
}

export function run(size: i32): void {
  const tasks = 30 * (size + 1);
  for (let t = 0; t < tasks; t++) transaction.add(bump, 600);
  transaction.run();
  if (counter !== tasks * 600) throw new Error("shared: wrong counter");
  print("shared", tasks, counter);
}

export function main(): void {
  run(0);
}
