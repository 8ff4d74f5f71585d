// expect: pop() on an empty array @ 10
import { i32, print } from "stmc";

export function main(): void {
  const a: i32[] = [1, 2];
  let s = 0;
  s += a.pop()!;
  s += a.pop()!;
  print(s, a.length);
  s += a.pop()!;
  print(s);
}
