// expect: sort() without a comparator compares the elements as strings @ 6
import { i32, print } from "stmc";

export function main(): void {
  const a: i32[] = [10, 9, 1];
  a.sort();
  print(a[0]);
}
