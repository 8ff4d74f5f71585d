// expect: index -1 out of range @ 9
import { i32, print } from "stmc";

export function main(): void {
  const a = new Array<i32>(4).fill(0);
  let i = 3;
  while (i >= 0) { a[i] = i * 10; i--; }
  print(a[0], a[3]);
  a[i] = 1;
  print("unreachable");
}
