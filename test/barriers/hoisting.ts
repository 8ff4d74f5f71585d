// Barrier selection: loop-invariant reads (test/barriers.test.ts reads the plan by line).
import { i32, print, transaction } from "stmc";

class Table {
  data: i32[] = new Array<i32>(64).fill(1);
  count: i32 = 64;
  other: i32[] | null = null;
}

let table: Table = new Table();
let sums: i32[] = new Array<i32>(8).fill(0);

function sumTable(slot: i32): void {
  const t = table;
  let s = 0;
  for (let i = 0; i < t.count; i++) s += t.data[i];
  sums[slot] = s;
}

function grows(slot: i32): void {
  const t = table;
  for (let i = 0; i < 4; i++) t.data.push(sums[slot]);
  for (let i = 0; i < 4; i++) t.data.pop();
}

function replaces(slot: i32): void {
  let a = table.data;
  let s = 0;
  for (let i = 0; i < 4; i++) {
    s += a[i];
    a = table.data;
  }
  sums[slot] = s;
}

function setCount(t: Table, n: i32): void {
  t.count = n;
}

function callsWriter(slot: i32): void {
  const t = table;
  let s = 0;
  for (let i = 0; i < t.count; i++) {
    s += t.data[i];
    if (i === 100) setCount(t, 64);
  }
  sums[slot] = s;
}

function narrowed(slot: i32): void {
  const t = table;
  let s = 0;
  const o = t.other;
  for (let i = 0; i < 4; i++) {
    if (o !== null) s += o[i];
  }
  sums[slot] = s;
}

export function main(): void {
  transaction.add(sumTable, 0);
  transaction.add(grows, 1);
  transaction.add(replaces, 2);
  transaction.add(callsWriter, 3);
  transaction.add(narrowed, 4);
  transaction.run();
  print(sums[0], sums[2], sums[3], sums[4], table.data.length);
}

/** Writes sums after its initialiser: the variable is then shared data, read through the STM. */
export function resetSums(): void {
  sums = new Array<i32>(8).fill(0);
}
