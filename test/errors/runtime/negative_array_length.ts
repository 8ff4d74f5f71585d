// expect: invalid array length -2 @ 11
import { i32, print } from "stmc";

function fillValue(n: i32): i32 {
  print("fill value", n); // not printed when the length is refused: it is checked first
  return n;
}

function table(n: i32): i32[] {
  print("table", n);
  return new Array<i32>(n - 3).fill(fillValue(n));
}

export function main(): void {
  print(table(4).length);
  print(table(1).length);
}
