// expect: Invalid count value: -2 @ 7
import { i32, print } from "stmc";

export function main(): void {
  const n: i32 = 3 - 5;
  print("ab".repeat(2));
  print("ab".repeat(n));
}
