// expect: length @ 8
// expect: slice @ 9
// expect: indexOf @ 10
import { i32, print } from "stmc";

export function main(): void {
  const a: i32[] = [1, 2, 3];
  a.length = 0;
  const b = a.slice(1);
  print(a.indexOf(2));
  print(b.length);
}
