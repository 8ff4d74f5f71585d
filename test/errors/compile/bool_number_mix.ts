// expect: bool @ 6
// expect: bool @ 7
import { i32, bool, print } from "stmc";

export function main(): void {
  const n: i32 = true;
  const b: bool = 1;
  print(n, b);
}
