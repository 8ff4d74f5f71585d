// The driver shared by the intset benchmarks (intset_list, intset_rbtree, intset_skiplist,
// intset_hashset): one set of i32 keys, shared by every task, and WORKERS chains of tasks that
// each perform a deterministic sequence of lookups (80%), inserts (10%) and deletes (10%).
//
// One operation per transaction. A task is one transaction and an atomic block inside a task
// joins it, so a worker of the original benchmark (a thread looping over operations, each in
// its own transaction) is a chain of tasks here: each task performs ONE operation and adds the
// task of the worker's next operation, passing the worker's state (random state, operations
// left, its counts) along as arguments. The counts are published to module-level totals once,
// by the worker's last task, so no operation conflicts on a shared counter.
//
// Deterministic result under any schedule: worker w only ever uses the keys k with
// k % WORKERS == w. The outcome of each of its operations (found or not, inserted or not,
// deleted or not) therefore depends only on the prefill and its own earlier operations, never on
// how the workers interleave, and so do the counts and the final set. The structure itself is
// still one shared structure: keys of different workers are neighbours in the same list, tree,
// levels and buckets, so operations conflict on shared nodes, buckets and rebalancing.
//
// Checks: after the run, the structure verifies its own invariants and reports its keys; they
// must be exactly the keys of a sequential replay of the prefill and of every worker's
// operations on a plain boolean array, the counts must match the replay's, and the final size
// must be initial size + successful inserts - successful deletes.
import { i32, print, transaction } from "stmc";

/** The set's operations; each benchmark overrides all four. Keys are in 0 … range-1. */
export class IntSet {
  contains(key: i32): boolean {
    throw new Error("IntSet.contains must be overridden");
  }

  /** Adds `key`; false when it was already there. */
  insert(key: i32): boolean {
    throw new Error("IntSet.insert must be overridden");
  }

  /** Removes `key`; false when it was not there. */
  remove(key: i32): boolean {
    throw new Error("IntSet.remove must be overridden");
  }

  /**
   * Checks the structure's invariants (throws when one is broken), sets present[k] for every
   * key k it holds (throws on a key out of range or held twice) and returns the number of keys.
   */
  verify(present: boolean[]): i32 {
    throw new Error("IntSet.verify must be overridden");
  }
}

/** One xorshift32 step: a deterministic pseudo-random sequence, the same on every target and on
 * the reference (only 32-bit shifts and xors, and `>>>` by at least 1, so no value exceeds i32). */
export function nextRandom(state: i32): i32 {
  let x = state;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x;
}

/** A non-negative pseudo-random value derived from a random state. */
function positive(state: i32): i32 {
  return state >>> 1;
}

/** The first random state of worker w (never 0, which xorshift would keep). */
function seedOf(worker: i32): i32 {
  let s = ((worker + 1) * 40503) ^ 0x5bd1e995;
  for (let i = 0; i < 4; i++) s = nextRandom(s);
  return s;
}

const LOOKUP = 0;
const INSERT = 1;
const REMOVE = 2;

/** The operation a random state selects: 80% lookups, 10% inserts, 10% deletes. */
function operationOf(state: i32): i32 {
  const p = positive(state) % 100;
  if (p < 80) return LOOKUP;
  if (p < 90) return INSERT;
  return REMOVE;
}

/** The key a random state selects among worker w's keys: w, w + workers, w + 2 * workers, … */
function keyOf(state: i32, worker: i32, workers: i32, keysPerWorker: i32): i32 {
  return worker + workers * (positive(state) % keysPerWorker);
}

// Totals, published once per worker by its last task.
let totalInserts = 0;
let totalDeletes = 0;
let totalFound = 0;
let workersDone = 0;

/** One operation of worker `worker` (one transaction), then the task of its next operation. */
function operate(set: IntSet, worker: i32, workers: i32, keysPerWorker: i32, left: i32, rng: i32, inserts: i32, deletes: i32, found: i32): void {
  const r1 = nextRandom(rng);
  const r2 = nextRandom(r1);
  const op = operationOf(r1);
  const key = keyOf(r2, worker, workers, keysPerWorker);
  let ins = inserts;
  let del = deletes;
  let fnd = found;
  if (op === LOOKUP) {
    if (set.contains(key)) fnd++;
  } else if (op === INSERT) {
    if (set.insert(key)) ins++;
  } else {
    if (set.remove(key)) del++;
  }
  if (left > 1) {
    transaction.add(operate, set, worker, workers, keysPerWorker, left - 1, r2, ins, del, fnd);
  } else {
    totalInserts += ins;
    totalDeletes += del;
    totalFound += fnd;
    workersDone++;
  }
}

/**
 * Runs the benchmark on `set` (empty): prefills it with range/2 random keys, runs `workers`
 * chains of `opsPerWorker` operations each, prints the counts and checks everything.
 * `range` must be a multiple of `workers`.
 */
export function runIntset(set: IntSet, range: i32, workers: i32, opsPerWorker: i32): void {
  if (range % workers !== 0 || opsPerWorker < 1) throw new Error("intset: range must be a multiple of workers");
  const keysPerWorker = i32(range / workers);
  const initial = i32(range / 2);

  // Prefill, sequentially: random keys until half the range is in the set. `expected` is the
  // sequential model the structure is checked against.
  const expected = new Array<boolean>(range).fill(false);
  let rng = 0x3c6ef372;
  let size = 0;
  while (size < initial) {
    rng = nextRandom(rng);
    const key = positive(rng) % range;
    const added = set.insert(key);
    if (added === expected[key]) throw new Error("intset: prefill insert gave a wrong result");
    if (added) {
      expected[key] = true;
      size++;
    }
  }

  totalInserts = 0;
  totalDeletes = 0;
  totalFound = 0;
  workersDone = 0;
  for (let w = 0; w < workers; w++) transaction.add(operate, set, w, workers, keysPerWorker, opsPerWorker, seedOf(w), 0, 0, 0);
  transaction.run();

  // The sequential replay: every worker's operations, one worker after the other.
  let inserts = 0;
  let deletes = 0;
  let found = 0;
  for (let w = 0; w < workers; w++) {
    let state = seedOf(w);
    for (let i = 0; i < opsPerWorker; i++) {
      const r1 = nextRandom(state);
      const r2 = nextRandom(r1);
      state = r2;
      const op = operationOf(r1);
      const key = keyOf(r2, w, workers, keysPerWorker);
      if (op === LOOKUP) {
        if (expected[key]) found++;
      } else if (op === INSERT) {
        if (!expected[key]) inserts++;
        expected[key] = true;
      } else {
        if (expected[key]) deletes++;
        expected[key] = false;
      }
    }
  }

  const present = new Array<boolean>(range).fill(false);
  const finalSize = set.verify(present);
  print("range", range, "initial size", initial, "workers", workers, "operations", workers * opsPerWorker);
  print("successful inserts", totalInserts, "deletes", totalDeletes, "lookups found", totalFound, "final size", finalSize);
  if (workersDone !== workers) throw new Error("intset: a worker did not finish");
  if (totalInserts !== inserts || totalDeletes !== deletes || totalFound !== found) {
    throw new Error("intset: the counts differ from the sequential replay");
  }
  if (finalSize !== initial + totalInserts - totalDeletes) throw new Error("intset: final size != initial + inserts - deletes");
  let expectedSize = 0;
  for (let k = 0; k < range; k++) {
    if (present[k] !== expected[k]) throw new Error("intset: the set's keys differ from the sequential replay");
    if (expected[k]) expectedSize++;
  }
  if (expectedSize !== finalSize) throw new Error("intset: wrong final size");
  for (let k = 0; k < range; k++) {
    if (set.contains(k) !== expected[k]) throw new Error("intset: contains() disagrees with the set's keys");
  }
}
