// One Map shared by every task: each task inserts its own range of keys in one transaction, so
// nothing may be lost (size and every entry checked) and, since a transaction takes its order
// numbers as one block when it commits, each task's keys must come out of an iteration as one
// run, in the order it inserted them. The keys of a task all fall in one of the map's stripes
// (an i32 key's stripe is its low 3 bits: runtime/lib/collections.ts), different for tasks
// that run side by side, so that their insertions do not conflict and do run at once. Then
// tasks delete half of their keys, and all tasks count words in one shared Map<string, i32>
// (updates of the same keys: they conflict and retry).
import { i32, print, transaction } from "stmc";

const TASKS = 48;
const PER_TASK = 40;
const shared = new Map<i32, i32>();
const seen = new Set<i32>();
const counts = new Map<string, i32>();
const WORDS = ["alpha", "beta", "gamma", "delta", "epsilon"];

/** The i-th key of `task`: in the task's stripe (task % 8), ascending with i. */
function keyOf(task: i32, i: i32): i32 {
  return task * 8192 + i * 8 + (task % 8);
}

function insert(task: i32): void {
  for (let i = 0; i < PER_TASK; i++) shared.set(keyOf(task, i), task);
  seen.add(task);
}

function removeOdd(task: i32): void {
  for (let i = 1; i < PER_TASK; i += 2) shared.delete(keyOf(task, i));
}

function count(task: i32): void {
  for (const w of WORDS) counts.set(w, (counts.get(w) ?? 0) + 1);
  if (task % 2 === 0) counts.set("even", (counts.get("even") ?? 0) + 1);
}

function check(phase: string, step: i32): void {
  // Every task's keys, in one run each, in insertion order.
  let runs = 0;
  let last = -1;
  let n = 0;
  for (const [key, task] of shared) {
    const first = key === keyOf(task, 0);
    if (!first && (key - (key % 8192) !== last - (last % 8192) || key <= last)) throw new Error(`${phase}: ${key} after ${last}`);
    if (first) runs++;
    if (key - (key % 8192) !== task * 8192) throw new Error(`${phase}: ${key} holds ${task}`);
    last = key;
    n++;
  }
  for (let t = 0; t < TASKS; t++) {
    for (let i = 0; i < PER_TASK; i += step) if (shared.get(keyOf(t, i)) !== t) throw new Error(`${phase}: lost ${keyOf(t, i)}`);
  }
  print(phase, "size", shared.size, "iterated", n, "runs", runs, "tasks", seen.size);
}

export function main(): void {
  for (let t = 0; t < TASKS; t++) transaction.add(insert, t);
  transaction.run();
  check("inserted", 1);
  for (let t = 0; t < TASKS; t++) transaction.add(removeOdd, t);
  transaction.run();
  check("deleted", 2);
  for (let t = 0; t < TASKS; t++) transaction.add(count, t);
  transaction.run();
  for (const [w, n] of counts) print("count", w, n);
}
