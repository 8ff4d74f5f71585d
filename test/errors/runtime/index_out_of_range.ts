// expect: index 5 out of range @ 12
import { i32, print } from "stmc";

function sum(a: i32[], n: i32): i32 {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i];
  return s;
}

export function main(): void {
  const a: i32[] = [1, 2, 3, 4, 5];
  print(sum(a, 5), a[5]);
}
