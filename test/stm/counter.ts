// A hot counter incremented by thousands of tasks (a field and a module-level variable), and by
// atomic blocks from main whose local variables must survive retries: every count is exact.
import { i32, print, transaction } from "stmc";

class Counter {
  value: i32 = 0;
}

const counter = new Counter();
let global = 0;

function increment(n: i32): void {
  counter.value += n;
  global++;
  transaction.atomic(() => {
    counter.value -= n;
    counter.value += n;
  });
}

export function main(): void {
  for (let i = 1; i <= 4000; i++) transaction.add(increment, 1);
  transaction.run();
  let local = 0;
  for (let i = 0; i < 100; i++) {
    transaction.atomic(() => {
      local += 2;
      global += 1;
    });
  }
  print("counter", counter.value, "global", global, "local", local);
}
