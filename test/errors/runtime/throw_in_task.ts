// expect: task 3 failed @ 11
import { i32, print, transaction } from "stmc";

let done: i32 = 0;

function work(n: i32): void {
  // Output of the failing transaction never appears.
  print("working on", n);
  done += 1;
  if (n === 3) {
    throw new Error("task 3 failed");
  }
}

export function main(): void {
  print("start");
  transaction.add(work, 3);
  transaction.run();
  print("unreachable", done);
}
