// Collections in the middle of transactions that roll back. Each task first replaces the record
// of one slot (the old record is then referenced only by the transaction's undo log) and appends
// records to that slot's bucket (growing an array: its old element store too), then builds a
// chain of its own records, allocates garbage (collections run meanwhile, on this thread or
// another), writes every record of its chain (after a collection the STM may log these writes),
// drops the chain and allocates garbage again. With forced aborts, a transaction that rolls back
// after a collection puts the old records and stores back: a collector that freed them (or the
// chain the rollback writes into) leaves main reading poisoned or reused memory when it verifies
// every slot and bucket after each round.
// About 80 MiB (wasm32) allocated, a live set under 1 MiB; run with --max-memory 16.
import { i32, print, transaction } from "stmc";

const ROUNDS = 4;
const TASKS = 24;
const SLOTS = 64;
const CHAIN = 400;
const GARBAGE = 12000;
const PUBLISHED = 20;

class Rec {
  readonly id: i32;
  check: i32;
  data: i32[];
  next: Rec | null;

  constructor(id: i32, next: Rec | null) {
    this.id = id;
    this.check = id * 3;
    this.data = [id, id + 1, id + 2, id + 3, id + 4, id + 5];
    this.next = next;
  }

  /** True if the record holds what its constructor wrote, plus `bump` in check and data[0]. */
  intact(bump: i32): boolean {
    const d = this.data;
    if (d.length !== 6 || this.check !== this.id * 3 + bump || d[0] !== this.id + bump) return false;
    for (let i = 1; i < 6; i++) if (d[i] !== this.id + i) return false;
    return true;
  }
}

class Garbage {
  next: Garbage | null;
  value: i32;

  constructor(next: Garbage | null, value: i32) {
    this.next = next;
    this.value = value;
  }
}

const slots: Rec[] = [];
const buckets: Rec[][] = [];
let tasksDone = 0;

function garbage(n: i32, seed: i32): void {
  let list: Garbage | null = null;
  for (let i = 0; i < n; i++) list = new Garbage(list, seed + i);
  let count = 0;
  while (list !== null) {
    if (list.value !== seed + n - 1 - count) throw new Error("garbage is corrupt");
    count++;
    list = list.next;
  }
}

function buildAndBump(id: i32): void {
  let chain: Rec | null = null;
  for (let i = 0; i < CHAIN; i++) chain = new Rec(id * 1000 + i, chain);
  garbage(GARBAGE, id);
  let n = 0;
  for (let r = chain; r !== null; r = r.next) {
    if (!r.intact(0)) throw new Error("a chain record is corrupt");
    r.check++;
    r.data[0]++;
    n++;
  }
  for (let r = chain; r !== null; r = r.next) if (!r.intact(1)) throw new Error("a bumped record is corrupt");
  if (n !== CHAIN) throw new Error("the chain has the wrong length");
}

/** A new record with the same id in slot k: the old one is garbage unless the transaction aborts. */
function replace(k: i32): void {
  slots[k] = new Rec(slots[k].id, null);
}

function publish(k: i32, id: i32): void {
  const bucket = buckets[k];
  for (let i = 0; i < PUBLISHED; i++) bucket.push(new Rec(id * 1000 + 500 + i, null));
}

function task(id: i32): void {
  const k = id % SLOTS;
  replace(k);
  publish(k, id);
  // The chain lives in buildAndBump's frame only: unreachable once it returns.
  buildAndBump(id);
  garbage(GARBAGE, id + 7);
  tasksDone++;
}

/** Verifies every slot and bucket; the checksum covers every live id. */
function verifyLive(): i32 {
  let sum = 0;
  for (let k = 0; k < SLOTS; k++) {
    if (!slots[k].intact(0) || slots[k].id !== k) throw new Error("a slot's record is corrupt");
    for (const r of buckets[k]) {
      if (!r.intact(0)) throw new Error("a published record is corrupt");
      sum = (sum * 7 + r.id) % 1000003;
    }
  }
  return sum;
}

export function main(): void {
  for (let k = 0; k < SLOTS; k++) {
    slots.push(new Rec(k, null));
    buckets.push([]);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (let t = 0; t < TASKS; t++) transaction.add(task, round * TASKS + t);
    transaction.run();
    print("round", round, "checksum", verifyLive(), "tasks", tasksDone);
  }
}
