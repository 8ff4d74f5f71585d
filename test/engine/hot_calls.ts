// A small function called from a hot loop: compiled at -O0 the call stays a call in the module,
// for the engine's inliner to take (test/engine.test.ts).
import { i32, print } from "stmc";

class Counter {
  n = 0;

  bump(k: i32): void {
    this.n += k & 3;
  }
}

export function main(): void {
  const counter = new Counter();
  for (let i = 0; i < 2000000; i++) counter.bump(i);
  print("total", counter.n);
}
