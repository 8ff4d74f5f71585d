// The thread count changed by tasks while chains of tasks run: a thread that is told to stop
// taking new work still finishes the successor it kept, so run() always returns.
import { i32, print, transaction } from "stmc";

let steps = 0;

function chain(id: i32, left: i32): void {
  steps++;
  if (left % 7 === 0) transaction.setNumThreads(1 + (left % 3));
  if (left > 0) transaction.add(chain, id, left - 1);
}

export function main(): void {
  for (let i = 0; i < 40; i++) transaction.add(chain, i, 50);
  transaction.run();
  transaction.setNumThreads(2);
  print("steps", steps);
}
