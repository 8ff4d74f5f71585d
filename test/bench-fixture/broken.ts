// A benchmark whose self-check fails: the suite must report it and go on (test/bench.test.ts).
import { i32, print } from "stmc";

export function run(size: i32): void {
  print("broken", size);
  throw new Error("broken: self-check failed");
}

export function main(): void {
  run(0);
}
