// expect: closure @ 6
import { i32, print } from "stmc";

export function main(): void {
  let total = 0;
  function add(x: i32): void {
    total += x;
  }
  add(3);
  print(total);
}
