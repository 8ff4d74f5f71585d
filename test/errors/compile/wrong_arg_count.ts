// expect: argument @ 22
// expect: argument @ 23
// expect: argument @ 24
// expect: argument @ 25
import { i32, print, transaction } from "stmc";

function add(a: i32, b: i32): i32 {
  return a + b;
}

class P {
  scale(k: i32): i32 {
    return k * 2;
  }
}

function task(a: i32, b: i32): void {
  print(a, b);
}

export function main(): void {
  print(add(1));
  print(add(1, 2, 3));
  print(new P().scale());
  transaction.add(task, 1);
}
