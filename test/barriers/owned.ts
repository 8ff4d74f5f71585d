// Barrier selection: accesses after a write of the same location (test/barriers.test.ts reads the plan by line).
import { i32, print, transaction } from "stmc";

class Counter {
  hits: i32 = 0;
  misses: i32 = 0;
}

let counters: Counter[] = [new Counter(), new Counter()];
let total: i32 = 0;

function count(k: i32): void {
  let c = counters[k % 2];
  c.hits = c.hits + k;
  c.hits += 1;
  if (k > 2) c.misses++;
  total = total + k;
  if (total < 0) print(c.misses);
  for (let i = 0; i < 3; i++) {
    c.hits += i;
    c = counters[i % 2];
  }
  total += c.hits - c.hits + 1;
}

export function main(): void {
  for (let i = 0; i < 8; i++) transaction.add(count, i);
  transaction.run();
  print(counters[0].hits + counters[1].hits, counters[0].misses + counters[1].misses, total);
}
