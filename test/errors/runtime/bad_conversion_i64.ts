// expect: cannot convert 10000000000000000000 to i64 @ 6
import { i64, print } from "stmc";

export function main(): void {
  const a: i64 = i64(1e18);
  const b: i64 = i64(1e19);
  print(a, b);
}
