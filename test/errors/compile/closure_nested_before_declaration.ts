// expect: 'twice' is used before its declaration @ 5
import { i32, print } from "stmc";

export function main(): void {
  print(twice(4));
  function twice(x: i32): i32 {
    return x * 2;
  }
}
