// expect: f64 @ 7
// expect: f64 @ 8
import { i64, f64, print } from "stmc";

export function main(): void {
  const x: f64 = 3;
  const y: i64 = x;
  const z: i64 = 10 / 4;
  print(y, z);
}
