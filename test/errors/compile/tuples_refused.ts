// expect: only tuples can be destructured, not i32[] here @ 9
// expect: is indexed by a constant from 0 to 1 @ 11
// expect: tuple elements must all be present @ 13
import { i32, print } from "stmc";

export function main(): void {
  const xs: i32[] = [1, 2];
  const t: [i32, string] = [1, "a"];
  for (const [a, b] of [xs]) print(a, b);
  const i = 1;
  print(t[i]);
  const u: [i32, string] = [1, "a"];
  const v: [i32, ...string[]] = [1];
  print(u, v);
}
