// A driver loop (it calls a method each turn) and a kernel loop (arithmetic only), each in a
// function with one caller: test/inlining.test.ts looks at what the optimizer inlined.
import { i32, print } from "stmc";

class Counter {
  n = 0;

  bump(k: i32): boolean {
    this.n += k & 3;
    return this.n < 1000000;
  }
}

/** Calls bump until it says stop: a loop that drives other code. */
function drive(counter: Counter): i32 {
  let turns = 0;
  while (counter.bump(turns)) turns++;
  return turns;
}

/** Sums 0..n-1: a loop of arithmetic only. */
function sum(n: i32): i32 {
  let total = 0;
  for (let i = 0; i < n; i++) total += i;
  return total;
}

export function main(): void {
  const counter = new Counter();
  print("turns", drive(counter), "sum", sum(1000));
}
