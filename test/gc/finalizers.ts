// Finalizers: FINALIZABLE resources become unreachable (a third dropped by main, a third dropped
// by tasks, which then make garbage in the same transaction, and a third published by tasks in a
// shared array that is then replaced) and KEPT ones stay reachable to the end. Then garbage is
// allocated, inside tasks and in main, until every unreachable resource was finalized (or a cap
// on the rounds is reached), and a few rounds more. Every finalizer records its resource's id;
// it checks that the resource and the resource it points to (its partner, itself finalizable and
// unreachable) are intact, and allocates: every other one a note that stays reachable, the others
// a scratch array that is garbage at once.
// With the collector: "finalized 6000 twice 0 reachable finalized 0 corrupt 0" and 3000 notes.
// The reference implementation never calls finalizers: "finalized 0 ..." and no notes.
// About 130 MiB (wasm32) of garbage when every round runs (without finalizers), about 30 MiB
// when the collector finalizes every resource early; a live set under 1 MiB.
import { i32, print, transaction } from "stmc";

const FINALIZABLE = 6000;
const KEPT = 1000;
/** Resources each task creates (and publishes). */
const PER_TASK = 50;
const MAX_ROUNDS = 64;
/** Rounds after the last finalization, in which a reachable resource must not be finalized. */
const EXTRA_ROUNDS = 12;
const GARBAGE_TASKS = 8;
const GARBAGE_PER_TASK = 2000;
/** The numbers in the scratch array of an odd resource's finalizer (about 1 KiB of garbage). */
const SCRATCH = 256;

class Resource {
  readonly id: i32;
  data: i32[];
  partner: Resource | null = null;
  /** How often this resource's finalizer ran: only visible on a resource that is still reachable. */
  finalized = 0;

  constructor(id: i32) {
    this.id = id;
    this.data = [id, id * 3, id * 7];
  }

  intact(): boolean {
    const d = this.data;
    return d.length === 3 && d[0] === this.id && d[1] === this.id * 3 && d[2] === this.id * 7;
  }

  finalize(): void {
    this.finalized++;
    finalizations[this.id]++;
    finalizedCount++;
    let ok = this.intact();
    const p = this.partner;
    if (p !== null && (!p.intact() || p.id !== this.id + 1)) ok = false;
    if (this.id % 2 === 0) {
      notes.push(new Note(this.id, this.data[2]));
    } else {
      const scratch = new Array<i32>(SCRATCH).fill(this.id);
      let sum = 0;
      for (const x of scratch) sum += x;
      if (sum !== SCRATCH * this.id) ok = false;
    }
    // The allocations above may have collected: the resource is still intact.
    if (!this.intact()) ok = false;
    if (!ok) corrupt++;
  }
}

/** Made by a finalizer, reachable from `notes` to the end. */
class Note {
  readonly id: i32;
  readonly seven: i32;

  constructor(id: i32, seven: i32) {
    this.id = id;
    this.seven = seven;
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

/** finalizations[id]: how often the finalizer of resource id ran. */
const finalizations: i32[] = new Array<i32>(FINALIZABLE + KEPT).fill(0);
let finalizedCount = 0;
let corrupt = 0;
const notes: Note[] = [];
const kept: Resource[] = [];
let published: Resource[] = [];

/** Resources first..first+count-1 in pairs: the even one points to the odd one. */
function pairs(first: i32, count: i32): Resource[] {
  const made: Resource[] = [];
  for (let id = first; id < first + count; id += 2) {
    const a = new Resource(id);
    const b = new Resource(id + 1);
    a.partner = b;
    made.push(a);
    made.push(b);
  }
  return made;
}

/** Makes resources first..first+count-1 and drops them (when this returns, nothing refers to them). */
function drop(first: i32, count: i32): void {
  for (let f = first; f < first + count; f += PER_TASK) {
    if (pairs(f, PER_TASK).length !== PER_TASK) throw new Error("pairs made the wrong count");
  }
}

/** Drops resources inside a transaction, then makes garbage in it: collections run while it has not committed. */
function dropInTask(first: i32): void {
  drop(first, PER_TASK);
  garbage(GARBAGE_PER_TASK, first);
}

function publish(first: i32): void {
  for (const r of pairs(first, PER_TASK)) published.push(r);
}

function keep(first: i32): void {
  for (let id = first; id < first + PER_TASK; id++) kept.push(new Resource(id));
}

function garbage(n: i32, seed: i32): void {
  let list: Garbage | null = null;
  for (let i = 0; i < n; i++) list = new Garbage(list, seed + i);
  let length = 0;
  while (list !== null) {
    if (list.data[1] !== list.data[0] + 1) throw new Error("garbage is corrupt");
    length++;
    list = list.next;
  }
  if (length !== n) throw new Error("garbage list has the wrong length");
}

function garbageTask(seed: i32): void {
  garbage(GARBAGE_PER_TASK, seed);
}

function round(r: i32): void {
  for (let t = 0; t < GARBAGE_TASKS; t++) transaction.add(garbageTask, r * 100 + t);
  transaction.run();
  garbage(GARBAGE_PER_TASK, r);
}

function finalizedSoFar(): i32 {
  let count = 0;
  transaction.atomic(() => {
    count = finalizedCount;
  });
  return count;
}

export function main(): void {
  const third = i32(FINALIZABLE / 3);
  // Main makes the first third and drops it at once.
  drop(0, third);
  // Tasks drop the second third, and publish the last, interleaved with the resources kept to the end.
  for (let first = third; first < 2 * third; first += PER_TASK) transaction.add(dropInTask, first);
  for (let first = 2 * third; first < FINALIZABLE; first += PER_TASK) transaction.add(publish, first);
  for (let first = FINALIZABLE; first < FINALIZABLE + KEPT; first += PER_TASK) transaction.add(keep, first);
  transaction.run();
  if (published.length !== third || kept.length !== KEPT) throw new Error("a task's resources are missing");
  published = [];
  print("finalizable", FINALIZABLE, "kept", KEPT);

  let rounds = 0;
  while (finalizedSoFar() < FINALIZABLE && rounds < MAX_ROUNDS) {
    round(rounds);
    rounds++;
  }
  for (let r = 0; r < EXTRA_ROUNDS; r++) round(rounds + r);

  let count = 0;
  let twice = 0;
  let reachableFinalized = 0;
  let corruptSeen = 0;
  transaction.atomic(() => {
    count = finalizedCount;
    corruptSeen = corrupt;
    for (let id = 0; id < FINALIZABLE + KEPT; id++) if (finalizations[id] > 1) twice++;
    for (const r of kept) {
      if (!r.intact()) throw new Error("a kept resource is corrupt");
      if (r.finalized !== 0 || finalizations[r.id] !== 0) reachableFinalized++;
    }
  });
  print("finalized", count, "twice", twice, "reachable finalized", reachableFinalized, "corrupt", corruptSeen);
  let noteIds = 0;
  for (const note of notes) {
    if (note.id % 2 !== 0 || note.seven !== note.id * 7 || finalizations[note.id] !== 1) throw new Error("a note is wrong");
    noteIds += note.id;
  }
  print("notes", notes.length, "sum of their ids", noteIds);
}
