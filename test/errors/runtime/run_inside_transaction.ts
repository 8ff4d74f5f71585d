// expect: transaction.run() called inside a transaction @ 6
import { i32, print, transaction } from "stmc";

function task(n: i32): void {
  print("task", n);
  transaction.run();
}

export function main(): void {
  transaction.add(task, 1);
  transaction.run();
}
