// expect: host function 'weigh' is declared twice @ 6
// expect: exported names starting with __stmc are reserved @ 8
import { i32, i64, print } from "stmc";

declare function weigh(x: i32): i32;
declare function weigh(x: i64): i64;

export function __stmc_init(): void {}

export function main(): void {
  print(weigh(1));
}
