// expect: sort() without a comparator compares objects as the same string @ 8
import { i32, print } from "stmc";

class Point { x: i32 = 0; }

export function main(): void {
  const a: Point[] = [new Point(), new Point()];
  a.sort();
  print(a[0].x);
}
