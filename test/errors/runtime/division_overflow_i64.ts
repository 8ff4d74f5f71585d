// expect: integer overflow @ 9
// The smallest i64 divided by -1 does not fit.
import { i64, print } from "stmc";

export function main(): void {
  let min: i64 = -9223372036854775807;
  min = min - 1;
  for (let d: i64 = 3; d >= -1; d = d - 2) {
    print(i64(min / d));
  }
}
