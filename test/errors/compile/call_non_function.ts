// expect: a value of type i32 cannot be called @ 6
import { i32, print } from "stmc";

export function main(): void {
  const n: i32 = 3;
  print(n(2));
}
