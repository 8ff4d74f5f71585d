// expect: closure @ 8
import { i32, print, transaction } from "stmc";

let sum = 0;

export function main(): void {
  const n: i32 = 5;
  transaction.add(() => {
    sum += n;
  });
  transaction.run();
  print(sum);
}
