// Output inside transactions under heavy conflict: every task prints one line, exactly once,
// however often it is retried (the lines' order depends on the schedule: compare them sorted).
import { i32, print, transaction } from "stmc";

class Shared {
  hits: i32 = 0;
}

const shared = new Shared();

function work(i: i32): void {
  shared.hits++;
  print("task", i, "done");
}

export function main(): void {
  for (let i = 0; i < 500; i++) transaction.add(work, i);
  transaction.run();
  print("hits", shared.hits);
}
