// map.get(k) ?? d of numbers: what test/generics-lowering.test.ts looks for (no box: getOr).
import { i32, print } from "stmc";

const counts = new Map<string, i32>();

export function main(): void {
  counts.set("a", (counts.get("a") ?? 0) + 1);
  print(counts.get("b") ?? -1);
}
