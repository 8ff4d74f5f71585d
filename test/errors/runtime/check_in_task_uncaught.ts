// expect: index 7 out of range @ 8
import { i32, print, transaction } from "stmc";

const values: i32[] = [1, 2, 3];

function work(i: i32): void {
  print("task", i);
  values[0] += values[i];
}

export function main(): void {
  try {
    values[5] = 1;
  } catch (e) {
    print("caught:", (e as Error).message);
  }
  transaction.add(work, 7);
  try {
    transaction.run();
  } finally {
    print("finally after run");
  }
}
