// Readers sum `table[index[i]]` in a loop that allocates (so collections run during it) and that
// reads `index` once, before the loop (a hoisted read: the reference lives in a temporary the
// collector does not see). Writers meanwhile replace `index` with a new array and commit; the
// old one is garbage. A reader that went on through the old array after a collection freed it
// would read freed (with --gc-poison, poisoned) memory and index `table` out of range; after a
// collection it must find its read of `index` stale and abort instead.
import { i32, print, transaction } from "stmc";

const SIZE = 2048;
let index: i32[] = new Array<i32>(SIZE).fill(1);
let table: i32[] = new Array<i32>(SIZE).fill(3);
let sums: i32[] = new Array<i32>(64).fill(0);

function reader(slot: i32): void {
  let sum = 0;
  let garbage: i32[] = [];
  for (let i = 0; i < index.length; i++) {
    sum += table[index[i]];
    if ((i & 7) === 0) garbage = new Array<i32>(32).fill(i);
  }
  sums[slot] = sum + garbage.length - 32;
}

function writer(seed: i32): void {
  const next = new Array<i32>(SIZE).fill(0);
  for (let i = 0; i < SIZE; i++) next[i] = (seed + i) % SIZE;
  index = next;
}

export function main(): void {
  for (let round = 0; round < 4; round++) {
    for (let t = 0; t < 16; t++) {
      transaction.add(reader, t);
      transaction.add(writer, round * 16 + t);
    }
    transaction.run();
  }
  let total = 0;
  for (let t = 0; t < 16; t++) total += sums[t];
  print("total", total);
}
