// A live structure checked after every round of heavy garbage allocation: SLOTS chains of
// cells, each cell with an array of values derived from its key. Every round, tasks rotate
// chains (rebuilding them from fresh cells: the old ones become garbage) and allocate garbage
// of their own, and main allocates garbage outside any transaction; then main verifies every
// cell and prints a checksum that depends on every value and on the order of the cells.
// Rotations commute, so the checksums do not depend on the order the tasks commit in.
// A collector that frees a live cell (or its array) breaks a cell's own check or the checksum.
// Each task gets its parameters in a Job object that only the task queue refers to, and adds a
// follow-up task with a Job it allocated: queued and running tasks are roots too.
// About 120 MiB (wasm32) allocated in all, a live set under 1 MiB; run with --max-memory 16.
import { i32, print, transaction } from "stmc";

const SLOTS = 512;
const CHAIN = 6;
const VALUES = 24;
const ROUNDS = 30;
const TASKS_PER_ROUND = 96;
/** Garbage nodes each task makes (each with a small array). */
const TASK_GARBAGE = 300;
/** Garbage nodes main makes each round, outside transactions. */
const MAIN_GARBAGE = 6000;
const MOD = 1000003;

class Cell {
  readonly key: i32;
  values: i32[];
  next: Cell | null = null;

  constructor(key: i32) {
    this.key = key;
    this.values = [];
    for (let i = 0; i < VALUES; i++) this.values.push(valueOf(key, i));
  }

  /** A fresh cell with the same key and a copy of the values. */
  copy(): Cell {
    const c = new Cell(this.key);
    for (let i = 0; i < VALUES; i++) c.values[i] = this.values[i];
    return c;
  }

  check(): void {
    if (this.values.length !== VALUES) throw new Error("a live cell lost its values");
    for (let i = 0; i < VALUES; i++) {
      if (this.values[i] !== valueOf(this.key, i)) throw new Error("a live cell's value changed");
    }
  }
}

/** A task's parameters: referenced only by the queued task until it runs. */
class Job {
  readonly round: i32;
  readonly t: i32;
  readonly check: i32[];

  constructor(round: i32, t: i32) {
    this.round = round;
    this.t = t;
    this.check = [round, t, round * 1000 + t];
  }

  verify(): void {
    const c = this.check;
    if (c.length !== 3 || c[0] !== this.round || c[1] !== this.t || c[2] !== this.round * 1000 + this.t) throw new Error("a queued job is corrupt");
  }
}

class Garbage {
  next: Garbage | null;
  data: i32[];

  constructor(next: Garbage | null, n: i32) {
    this.next = next;
    this.data = [n, n + 1, n + 2];
  }
}

function valueOf(key: i32, i: i32): i32 {
  return (key * 131 + i * 7919) % 65521;
}

const slots: Cell[] = [];
let garbageChecks = 0;
let followUps = 0;

/** A chain of garbage, walked once; returns its sum so it cannot be optimised away. */
function makeGarbage(n: i32, seed: i32): i32 {
  let list: Garbage | null = null;
  for (let i = 0; i < n; i++) list = new Garbage(list, seed + i);
  let sum = 0;
  while (list !== null) {
    sum = (sum + list.data[0] + list.data[2]) % MOD;
    list = list.next;
  }
  return sum;
}

function expectedGarbage(n: i32, seed: i32): i32 {
  let sum = 0;
  for (let i = n - 1; i >= 0; i--) sum = (sum + 2 * (seed + i) + 2) % MOD;
  return sum;
}

/** Rebuilds chain `slot` from copies of its cells, rotated by `by` (the old cells become garbage). */
function rotate(slot: i32, by: i32): void {
  const cells: Cell[] = [];
  let c: Cell | null = slots[slot];
  while (c !== null) {
    cells.push(c);
    c = c.next;
  }
  if (cells.length !== CHAIN) throw new Error("a chain lost a cell");
  let head: Cell | null = null;
  for (let i = CHAIN - 1; i >= 0; i--) {
    const fresh = cells[(i + by) % CHAIN].copy();
    fresh.next = head;
    head = fresh;
  }
  slots[slot] = head!;
}

/** In a function of its own: once it returns, only the transaction's new-task list refers to the Job. */
function addFollowUp(round: i32, t: i32): void {
  transaction.add(followUp, new Job(round, t));
}

function task(job: Job): void {
  job.verify();
  // Added first: the follow-up and its Job exist only in this transaction's list of new tasks
  // while the garbage below is made (and collected).
  addFollowUp(job.round, job.t + 1000);
  const round = job.round;
  const t = job.t;
  const seed = round * 1000 + t;
  const sum = makeGarbage(TASK_GARBAGE, seed);
  rotate((seed * 7) % SLOTS, 1 + (t % (CHAIN - 1)));
  rotate((seed * 11 + 3) % SLOTS, 1);
  if (sum !== expectedGarbage(TASK_GARBAGE, seed)) throw new Error("garbage summed wrong");
  job.verify();
  garbageChecks++;
}

/** A task's only successor: the thread keeps it for itself (another root) and runs it next. */
function followUp(job: Job): void {
  job.verify();
  const n = i32(TASK_GARBAGE / 4);
  if (makeGarbage(n, job.t) !== expectedGarbage(n, job.t)) throw new Error("garbage summed wrong");
  job.verify();
  followUps++;
}

/** Checks every cell; the checksum covers every key and value in chain order. */
function checksum(): i32 {
  let sum = 0;
  for (let s = 0; s < SLOTS; s++) {
    let c: Cell | null = slots[s];
    let n = 0;
    while (c !== null) {
      c.check();
      sum = (sum * 31 + c.key) % MOD;
      for (let i = 0; i < VALUES; i += 5) sum = (sum * 31 + c.values[i]) % MOD;
      n++;
      c = c.next;
    }
    if (n !== CHAIN) throw new Error("a chain has the wrong length");
  }
  return sum;
}

export function main(): void {
  for (let s = 0; s < SLOTS; s++) {
    let head: Cell | null = null;
    for (let k = CHAIN - 1; k >= 0; k--) {
      const cell = new Cell(s * CHAIN + k);
      cell.next = head;
      head = cell;
    }
    slots.push(head!);
  }
  print("initial checksum", checksum());
  for (let round = 0; round < ROUNDS; round++) {
    for (let t = 0; t < TASKS_PER_ROUND; t++) transaction.add(task, new Job(round, t));
    transaction.run();
    if (makeGarbage(MAIN_GARBAGE, round) !== expectedGarbage(MAIN_GARBAGE, round)) throw new Error("main's garbage summed wrong");
    const before = checksum();
    // One chain rotated by main inside a transaction, then rotated back: the checksum is restored.
    transaction.atomic(() => {
      rotate(round % SLOTS, 2);
    });
    transaction.atomic(() => {
      rotate(round % SLOTS, CHAIN - 2);
    });
    if (checksum() !== before) throw new Error("rotating back did not restore the checksum");
    print("round", round, "checksum", before);
  }
  print("tasks", garbageChecks, "follow-ups", followUps);
}
