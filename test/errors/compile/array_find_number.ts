// expect: use findIndex() @ 6
import { i32, print } from "stmc";

export function main(): void {
  const a: i32[] = [10, 9, 1];
  const x = a.find((v) => v > 5);
  print(x === undefined);
}
