// Part of an import cycle between declarations (allowed): see parity_a.ts.
import { i32, bool } from "stmc";
import { isEvenA } from "./parity_a";

export function isOddB(n: i32): bool {
  return n === 0 ? false : isEvenA(n - 1);
}
