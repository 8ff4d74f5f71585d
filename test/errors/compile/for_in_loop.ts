// expect: for...in @ 6
import { i32, print } from "stmc";

export function main(): void {
  const a: i32[] = [1, 2];
  for (const k in a) {
    print(k);
  }
}
