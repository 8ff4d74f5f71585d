// expect: transaction.run() called inside a transaction @ 8
import { print, transaction } from "stmc";

export function main(): void {
  let x = 1;
  transaction.atomic(() => {
    x = x + 1;
    transaction.run();
  });
  print(x);
}
