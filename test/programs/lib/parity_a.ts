// Part of an import cycle between declarations (allowed): see parity_b.ts.
import { i32, bool } from "stmc";
import { isOddB } from "./parity_b";

export function isEvenA(n: i32): bool {
  return n === 0 ? true : isOddB(n - 1);
}
