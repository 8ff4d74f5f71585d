// expect: bitwise @ 7
// expect: bitwise @ 8
import { f64, print } from "stmc";

export function main(): void {
  const x: f64 = 5.5;
  print(x | 0);
  print(x << 1);
}
