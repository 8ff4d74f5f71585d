// expect: not assignable to (i32) => i32 @ 10
import { i32, f64, print } from "stmc";

function apply(f: (x: i32) => i32): i32 {
  return f(1);
}

export function main(): void {
  const g = (x: f64): f64 => x * 2;
  print(apply(g));
}
