// expect: cannot convert NaN to i32 @ 7
import { i32, f64, print } from "stmc";

export function main(): void {
  const zero: f64 = 0.0;
  print(i32(7.0 / 2.0));
  print(i32(zero / zero));
}
