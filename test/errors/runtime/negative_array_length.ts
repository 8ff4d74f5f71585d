// expect: invalid array length -2 @ 6
import { i32, print } from "stmc";

function table(n: i32): i32[] {
  print("table", n);
  return new Array<i32>(n - 3).fill(n);
}

export function main(): void {
  print(table(4).length);
  print(table(1).length);
}
