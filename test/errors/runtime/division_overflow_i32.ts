// expect: integer overflow @ 7
// The smallest i32 divided by -1 does not fit: a located error at every -O level.
import { i32, print } from "stmc";

function quotient(a: i32, b: i32): i32 {
  print("dividing", a, b);
  return i32(a / b);
}

export function main(): void {
  const min: i32 = -2147483647 - 1;
  print(quotient(min, 2), min % -1);
  print(quotient(min, -1));
}
