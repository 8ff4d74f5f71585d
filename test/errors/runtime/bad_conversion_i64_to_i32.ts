// expect: cannot convert 9007199254740992 to i32 @ 7
import { i32, i64, print } from "stmc";

export function main(): void {
  const ok: i64 = -2147483648;
  const big: i64 = 9007199254740993;
  print(i32(ok), i32(big));
}
