// A top-level function used as a value is one object (f === f, indexOf finds it); a comparator returning i64.
import { i32, i64, print } from "stmc";

function f(x: i32): i32 {
  return x;
}

export function main(): void {
  const a: ((x: i32) => i32)[] = [f];
  const g: (x: i32) => i32 = f;
  print(a.indexOf(f), a.includes(f), a[0] === f, g === f, g(5), a[0](6));
  const b: i64[] = [5, 3, 2];
  b.sort((x, y) => x - y);
  print(b[0], b[1], b[2]);
}
