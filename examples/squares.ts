import { i32, print, transaction } from "stmc";

let total: i32 = 0;

function work(n: i32): void {
  total += n * n;
}

export function main(): void {
  for (let i = 1; i <= 10; i++) transaction.add(work, i);
  transaction.run();
  print("sum of squares", total);
}
