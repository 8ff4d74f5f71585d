// expect: cannot convert 1000000000000 to i32 @ 6
import { i32, f64, print } from "stmc";

function shrink(x: f64): i32 {
  print(x);
  return i32(x);
}

export function main(): void {
  print(shrink(12.75));
  print(shrink(1e12));
}
