// Barrier selection: parameters that only ever receive objects the running transaction allocated
// (test/barriers.test.ts reads the plan by line).
import { i32, print, transaction } from "stmc";

let shared: i32[] = new Array<i32>(8).fill(1);
let results: i32[] = new Array<i32>(8).fill(0);
let total: i32 = 0;

function sum(values: i32[]): i32 {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

function first(values: i32[]): i32 {
  return values[0];
}

function peek(values: i32[]): i32 {
  return values[1];
}

function task(slot: i32): void {
  const local = new Array<i32>(4).fill(slot);
  results[slot] = sum(local) + first(local) + first(shared);
}

function report(): i32 {
  return sum(shared) + sum(results);
}

export function main(): void {
  for (let i = 0; i < 8; i++) transaction.add(task, i);
  transaction.run();
  // Allocated before the atomic block's transaction starts: shared as far as it is concerned.
  const made = new Array<i32>(2).fill(3);
  transaction.atomic(() => {
    total += peek(made);
  });
  print(report(), total);
}
