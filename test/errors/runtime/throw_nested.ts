// expect: boom @ 6
import { i32, print } from "stmc";

function inner(n: i32): i32 {
  if (n === 0) {
    throw new Error("boom");
  }
  return inner(n - 1) + 1;
}

export function main(): void {
  print("before");
  print(inner(5));
  print("after");
}
