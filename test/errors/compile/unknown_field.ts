// expect: y @ 11
// expect: z @ 12
import { i32, print } from "stmc";

class Point {
  x: i32 = 0;
}

export function main(): void {
  const p = new Point();
  p.y = 3;
  print(p.x, p.z);
}
