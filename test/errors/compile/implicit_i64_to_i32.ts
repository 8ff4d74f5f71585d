// expect: i64 @ 12
// expect: i64 @ 17
// expect: i64 @ 18
// expect: i64 @ 20
import { i32, i64, print } from "stmc";

function half(x: i32): i32 {
  return x >> 1;
}

function narrow(x: i64): i32 {
  return x;
}

export function main(): void {
  const big: i64 = 5;
  const small: i32 = big;
  print(half(big));
  let k = 0;
  k = big + 1;
  print(small, narrow(big), k);
}
