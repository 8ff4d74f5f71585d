// Host functions: declared here, supplied by the embedder (test/embedding.test.ts). Tasks call
// them inside transactions, which then run irrevocably: each call happens once.
import { i32, i64, f64, print, transaction } from "stmc";

declare function scale(x: i32): f64;
declare function widen(x: i64, up: boolean): i64;
declare function even(x: i32): boolean;
declare function record(task: i32): void;

let total: f64 = 0;
let evens: i32 = 0;

function task(i: i32): void {
  total += scale(i);
  if (even(i)) evens++;
  record(i);
}

export function main(): void {
  print("direct", scale(2), widen(9007199254740993, true), even(3));
  for (let i = 0; i < 40; i++) transaction.add(task, i);
  transaction.run();
  print("total", total, "evens", evens);
}
