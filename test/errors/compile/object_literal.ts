// expect: object @ 5
import { print } from "stmc";

export function main(): void {
  const point = { x: 1, y: 2 };
  print(point.x);
}
