// expect: integer division by zero @ 8
import { i32, i64, print } from "stmc";

function quotient(a: i64, b: i32): i64 {
  let q: i64 = a;
  q %= 1000000007;
  print("dividing", q);
  return i64(q / b) + 1;
}

export function main(): void {
  print(quotient(9007199254740993, 3));
  print(quotient(9007199254740993, 0));
}
