// expect: an array's length can only be set lower (use push to grow it) @ 9
import { i32, print } from "stmc";

export function main(): void {
  const a: i32[] = [1, 2, 3];
  a.length = 1;
  print(a.length);
  const n: i32 = a.length + 2;
  a.length = n;
}
