// expect: flatMap @ 8
// expect: flat @ 9
import { i32, print } from "stmc";

export function main(): void {
  const a: i32[] = [1, 2, 3];
  a.length = 0;
  const b = a.flatMap((x) => [x, x]);
  print(a.flat().length);
  print(b.length);
}
