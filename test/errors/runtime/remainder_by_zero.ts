// expect: integer division by zero @ 9
import { i32, print } from "stmc";

export function main(): void {
  const xs: i32[] = [7, 0];
  let total: i32 = 0;
  for (const x of xs) {
    print(total, 7 % 2);
    total += 100 % x;
  }
}
