// Function values as test/closures-lowering.test.ts looks at them: one function of its type
// (called directly), captures that are copies (read without a barrier) and a cell (barriered).
import { i32, print, transaction } from "stmc";

function applyTwice(f: (x: i32) => i32, v: i32): i32 {
  return f(f(v));
}

let total = 0;

function work(k: i32): void {
  const step = k * 2;
  let count = 0;
  const add = (x: i32): i32 => x + step;
  const bump = (): void => {
    count++;
  };
  bump();
  total += applyTwice(add, count);
}

export function main(): void {
  for (let i = 0; i < 4; i++) transaction.add(work, i);
  transaction.run();
  print(total);
}
