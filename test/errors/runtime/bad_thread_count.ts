// expect: bad thread count 0 @ 7
import { print, transaction } from "stmc";

export function main(): void {
  transaction.setNumThreads(2);
  print(transaction.getNumThreads());
  transaction.setNumThreads(0);
}
