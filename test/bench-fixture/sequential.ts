// A benchmark that runs no transaction (test/bench.test.ts): its STM runs have nothing to
// measure, so the suite's summary leaves it out.
import { i32, print } from "stmc";

export function run(size: i32): void {
  let s = 0;
  for (let i = 0; i < 20000 * (size + 1); i++) s += i % 7;
  if (s !== 59997 * (size + 1)) throw new Error("sequential: wrong sum");
  print("sequential", s);
}

export function main(): void {
  run(0);
}
