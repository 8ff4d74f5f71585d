// expect: f64 @ 13
// expect: f64 @ 14
// expect: f64 @ 16
// expect: f64 @ 18
// expect: f64 @ 20
import { i32, f64, print } from "stmc";

function take(x: i32): i32 {
  return x;
}

export function main(): void {
  const a: i32 = 1.5;
  const b: i32 = 7 / 2;
  let c = 0;
  c = Math.sqrt(16);
  const d: f64 = 2.5;
  print(take(d));
  const arr: i32[] = [1, 2];
  print(arr[d]);
  print(a, b, c);
}
