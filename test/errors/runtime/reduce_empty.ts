// expect: Reduce of empty array with no initial value @ 7
import { i32, print } from "stmc";

export function main(): void {
  const a: i32[] = [1, 2, 3];
  print(a.reduce((x, y) => x + y));
  print(a.filter((x) => x > 5).reduce((x, y) => x + y));
}
