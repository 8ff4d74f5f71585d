// expect: 'k' is declared after the function that uses it @ 5
import { i32, print } from "stmc";

export function main(): void {
  const f = (x: i32): i32 => x + k;
  const k = 3;
  print(f(1));
}
