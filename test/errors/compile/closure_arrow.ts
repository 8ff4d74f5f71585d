// expect: closure @ 5
import { i32, print } from "stmc";

export function main(): void {
  const double = (x: i32): i32 => x * 2;
  print(double(4));
}
