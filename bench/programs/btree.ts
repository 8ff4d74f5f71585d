// B-tree: one shared B-tree of i32 keys (minimum degree T: every node but the root holds T-1 to
// 2T-1 keys) updated concurrently. Every task runs OPS_PER_TASK operations on pseudo-random keys,
// each in transaction.atomic (the blocks join the task's transaction, so a task is the unit of
// conflict): lookups, and updates whose kind depends on the key's class (k % 4): toggle (insert
// if absent, else delete) for classes 0 and 3, insert-only for 1, delete-only for 2. Operations
// on one key commute, so the final tree and the numbers of successful inserts and deletes do not
// depend on the order tasks commit in. Insert splits full nodes on the way down (CLRS); delete
// works on a leaf and repairs underflow on the way back up (borrowing from a sibling or merging
// with one), so updates write parents and siblings, and tasks conflict where their paths meet
// (the root only when it splits or loses a key). Each task logs its successful updates locally
// and publishes the log once, into slots of its own. Checks: keys in order strictly increasing,
// every node's key count within bounds, all leaves at one depth, children present exactly where
// expected; the tree's keys are exactly the keys whose tally (initially present + successful
// inserts - successful deletes) is 1, and every tally is 0 or 1; lookups of keys that cannot
// have changed find what they must.
// PyPy-STM's evaluation set has a shared B-tree benchmark of this shape (operations as transactions).
import { i32, i64, bool, print, transaction } from "stmc";

const T = 8;
const MAX_KEYS = 2 * T - 1;
const OPS_PER_TASK = 8;

class BNode {
  n = 0;
  readonly leaf: bool;
  readonly keys: i32[];
  /** children[0 .. n] of an internal node; null beyond n (an empty array in a leaf). */
  readonly children: (BNode | null)[];

  constructor(leaf: bool) {
    this.leaf = leaf;
    this.keys = new Array<i32>(MAX_KEYS).fill(0);
    if (leaf) this.children = [];
    else this.children = new Array<BNode | null>(MAX_KEYS + 1).fill(null);
  }

  child(i: i32): BNode {
    const c = this.children[i];
    if (c === null) throw new Error("btree: missing child");
    return c;
  }
}

let root: BNode = new BNode(true);
let keyRange = 0;
/**
 * Task t's results, published once at its end into results[t * SLOTS ...]: its number of lookups,
 * then its successful updates (k + 1 for an insert of k, -(k + 1) for a delete, 0 for none).
 * SLOTS * 4 bytes is a multiple of 8, so no two tasks write into one 8-byte stripe (one slot
 * per task in an array of pointers would put two neighbouring tasks, which usually run at the
 * same time, on one stripe on wasm32: a false conflict at every commit).
 */
const SLOTS = OPS_PER_TASK + 2;
let results: i32[] = [];

// ---------------------------------------------------------------- the B-tree

function contains(k: i32): bool {
  let x = root;
  while (true) {
    const n = x.n;
    let i = 0;
    while (i < n && k > x.keys[i]) i++;
    if (i < n && x.keys[i] === k) return true;
    if (x.leaf) return false;
    x = x.child(i);
  }
}

/** Splits x's full child i around its median key, which moves up into x (x is not full). */
function splitChild(x: BNode, i: i32): void {
  const y = x.child(i);
  const z = new BNode(y.leaf);
  for (let j = 0; j < T - 1; j++) z.keys[j] = y.keys[j + T];
  if (!y.leaf) {
    for (let j = 0; j < T; j++) {
      z.children[j] = y.children[j + T];
      y.children[j + T] = null;
    }
  }
  z.n = T - 1;
  y.n = T - 1;
  for (let j = x.n; j > i; j--) x.children[j + 1] = x.children[j];
  x.children[i + 1] = z;
  for (let j = x.n - 1; j >= i; j--) x.keys[j + 1] = x.keys[j];
  x.keys[i] = y.keys[T - 1];
  x.n++;
}

/** Inserts k (absent from the tree); splits every full node on the way down. */
function insertKey(k: i32): void {
  let x = root;
  if (x.n === MAX_KEYS) {
    const s = new BNode(false);
    s.children[0] = x;
    splitChild(s, 0);
    root = s;
    x = s;
  }
  while (!x.leaf) {
    let i = x.n;
    while (i > 0 && k < x.keys[i - 1]) i--;
    if (x.child(i).n === MAX_KEYS) {
      splitChild(x, i);
      if (k > x.keys[i]) i++;
    }
    x = x.child(i);
  }
  let i = x.n - 1;
  while (i >= 0 && k < x.keys[i]) {
    x.keys[i + 1] = x.keys[i];
    i--;
  }
  x.keys[i + 1] = k;
  x.n++;
}

function removeFromLeaf(x: BNode, i: i32): void {
  for (let j = i; j < x.n - 1; j++) x.keys[j] = x.keys[j + 1];
  x.n--;
}

/** Merges x's child i+1 and the key between them into child i. */
function merge(x: BNode, i: i32): void {
  const left = x.child(i);
  const right = x.child(i + 1);
  const ln = left.n;
  const rn = right.n;
  left.keys[ln] = x.keys[i];
  for (let j = 0; j < rn; j++) left.keys[ln + 1 + j] = right.keys[j];
  if (!left.leaf) {
    for (let j = 0; j <= rn; j++) left.children[ln + 1 + j] = right.children[j];
  }
  left.n = ln + 1 + rn;
  for (let j = i; j < x.n - 1; j++) x.keys[j] = x.keys[j + 1];
  for (let j = i + 1; j < x.n; j++) x.children[j] = x.children[j + 1];
  x.children[x.n] = null;
  x.n--;
}

/** Child i+1 of x takes x's key i; x takes the last key of child i (and its last child moves over). */
function rotateRight(x: BNode, i: i32): void {
  const left = x.child(i);
  const right = x.child(i + 1);
  for (let j = right.n; j > 0; j--) right.keys[j] = right.keys[j - 1];
  right.keys[0] = x.keys[i];
  x.keys[i] = left.keys[left.n - 1];
  if (!right.leaf) {
    for (let j = right.n + 1; j > 0; j--) right.children[j] = right.children[j - 1];
    right.children[0] = left.children[left.n];
    left.children[left.n] = null;
  }
  right.n++;
  left.n--;
}

/** Child i of x takes x's key i; x takes the first key of child i+1 (and its first child moves over). */
function rotateLeft(x: BNode, i: i32): void {
  const left = x.child(i);
  const right = x.child(i + 1);
  left.keys[left.n] = x.keys[i];
  x.keys[i] = right.keys[0];
  for (let j = 0; j < right.n - 1; j++) right.keys[j] = right.keys[j + 1];
  if (!left.leaf) {
    left.children[left.n + 1] = right.children[0];
    for (let j = 0; j < right.n; j++) right.children[j] = right.children[j + 1];
    right.children[right.n] = null;
  }
  left.n++;
  right.n--;
}

/**
 * Deletes k (present in the tree). A key of an internal node is replaced by its predecessor,
 * the last key of a leaf; then, from that leaf up, a node left with fewer than T-1 keys borrows
 * a key from a sibling through the parent, or merges with a sibling (the parent loses a key and
 * may underflow in turn). Only the nodes that must change are written; an emptied internal root
 * gives way to its only child.
 */
function deleteKey(k: i32): void {
  const path: BNode[] = [];
  const slots: i32[] = [];
  let x = root;
  while (true) {
    let i = 0;
    while (i < x.n && k > x.keys[i]) i++;
    if (i < x.n && x.keys[i] === k) {
      if (x.leaf) {
        removeFromLeaf(x, i);
        break;
      }
      path.push(x);
      slots.push(i);
      let y = x.child(i);
      while (!y.leaf) {
        path.push(y);
        slots.push(y.n);
        y = y.child(y.n);
      }
      x.keys[i] = y.keys[y.n - 1];
      y.n--;
      x = y;
      break;
    }
    if (x.leaf) throw new Error("btree: the key to delete is missing");
    path.push(x);
    slots.push(i);
    x = x.child(i);
  }
  let level = path.length - 1;
  while (level >= 0 && x.n < T - 1) {
    const parent = path[level];
    const i = slots[level];
    if (i > 0 && parent.child(i - 1).n >= T) {
      rotateRight(parent, i - 1);
      break;
    }
    if (i < parent.n && parent.child(i + 1).n >= T) {
      rotateLeft(parent, i);
      break;
    }
    if (i < parent.n) merge(parent, i);
    else merge(parent, i - 1);
    x = parent;
    level--;
  }
  const r = root;
  if (r.n === 0 && !r.leaf) root = r.child(0);
}

// ---------------------------------------------------------------- the workload

function initiallyPresent(k: i32): bool {
  return (nextRandom(nextRandom(k * 73 + 19)) & 1024) === 0;
}

/** xorshift32 (the same in the compiled program and on the reference: only 32-bit operators). */
function nextRandom(x0: i32): i32 {
  let x = x0;
  x = x ^ (x << 13);
  x = x ^ (x >>> 17);
  x = x ^ (x << 5);
  return x;
}

/** Task t: OPS_PER_TASK operations, each one atomic block; the log is published at the end. */
function work(t: i32): void {
  const range = keyRange;
  const log: i32[] = [];
  let lookupCount = 0;
  let seed = nextRandom(t * 7919 + 104729);
  for (let op = 0; op < OPS_PER_TASK; op++) {
    seed = nextRandom(seed);
    const k = (seed & 0x7fffffff) % range;
    seed = nextRandom(seed);
    const kind = seed & 7;
    const cls = k % 4;
    transaction.atomic(() => {
      const present = contains(k);
      if (kind < 3) {
        lookupCount++;
        // Insert-only keys never leave, delete-only keys never come back.
        if (cls === 1 && initiallyPresent(k) && !present) throw new Error("btree: an insert-only key vanished");
        if (cls === 2 && !initiallyPresent(k) && present) throw new Error("btree: a delete-only key appeared");
      } else if (!present && cls !== 2) {
        insertKey(k);
        log.push(k + 1);
      } else if (present && cls !== 1) {
        deleteKey(k);
        log.push(-(k + 1));
      }
    });
  }
  const base = t * SLOTS;
  results[base] = lookupCount;
  for (let j = 0; j < log.length; j++) results[base + 1 + j] = log[j];
}

// ---------------------------------------------------------------- checks

let leafDepth = -1;

/** Checks x's subtree (keys strictly between lo and hi) and appends its keys in order to `out`. */
function checkNode(x: BNode, lo: i32, hi: i32, depth: i32, isRoot: bool, out: i32[]): void {
  if (x.n > MAX_KEYS) throw new Error("btree: node overfull");
  if (!isRoot && x.n < T - 1) throw new Error("btree: node underfull");
  if (isRoot && !x.leaf && x.n < 1) throw new Error("btree: internal root without keys");
  for (let i = 0; i < x.n; i++) {
    const k = x.keys[i];
    if (k <= lo || k >= hi) throw new Error("btree: key outside its parent's bounds");
    if (i > 0 && k <= x.keys[i - 1]) throw new Error("btree: keys not strictly increasing");
  }
  if (x.leaf) {
    if (leafDepth < 0) leafDepth = depth;
    if (depth !== leafDepth) throw new Error("btree: leaves at different depths");
    for (let i = 0; i < x.n; i++) out.push(x.keys[i]);
    return;
  }
  for (let i = x.n + 1; i <= MAX_KEYS; i++) {
    if (x.children[i] !== null) throw new Error("btree: child beyond the key count");
  }
  for (let i = 0; i <= x.n; i++) {
    checkNode(x.child(i), i === 0 ? lo : x.keys[i - 1], i === x.n ? hi : x.keys[i], depth + 1, false, out);
    if (i < x.n) out.push(x.keys[i]);
  }
}

export function run(size: i32): void {
  let tasks = 2500;
  keyRange = 20000;
  if (size === 1) {
    tasks = 100000;
    keyRange = 60000;
  } else if (size >= 2) {
    tasks = 400000;
    keyRange = 200000;
  }
  // The initial keys, in a scrambled order (7919 is prime and does not divide keyRange).
  root = new BNode(true);
  let initial = 0;
  for (let j = 0; j < keyRange; j++) {
    const k = (j * 7919) % keyRange;
    if (initiallyPresent(k)) {
      insertKey(k);
      initial++;
    }
  }
  results = new Array<i32>(tasks * SLOTS).fill(0);
  for (let t = 0; t < tasks; t++) results[t * SLOTS] = -1;
  for (let t = 0; t < tasks; t++) transaction.add(work, t);
  transaction.run();

  leafDepth = -1;
  const keys: i32[] = [];
  checkNode(root, -1, keyRange, 0, true, keys);
  // The tally of every key: initially present, plus successful inserts, minus successful deletes.
  const tally = new Array<i32>(keyRange).fill(0);
  for (let k = 0; k < keyRange; k++) {
    if (initiallyPresent(k)) tally[k] = 1;
  }
  let inserts = 0;
  let deletes = 0;
  let lookupTotal = 0;
  for (let t = 0; t < tasks; t++) {
    const base = t * SLOTS;
    if (results[base] < 0) throw new Error("btree: a task did not publish its results");
    lookupTotal += results[base];
    for (let j = 1; j < SLOTS; j++) {
      const e = results[base + j];
      if (e > 0) {
        tally[e - 1]++;
        inserts++;
      } else if (e < 0) {
        tally[-e - 1]--;
        deletes++;
      }
    }
  }
  let expectedSize = 0;
  for (let k = 0; k < keyRange; k++) {
    if (tally[k] !== 0 && tally[k] !== 1) throw new Error("btree: a key's tally is not 0 or 1");
    expectedSize += tally[k];
  }
  if (keys.length !== expectedSize || expectedSize !== initial + inserts - deletes) {
    throw new Error("btree: size differs from the tally of inserts and deletes");
  }
  let checksum: i64 = 0;
  for (const k of keys) {
    if (tally[k] !== 1) throw new Error("btree: a key in the tree has tally 0");
    checksum = (checksum * 31 + k + 1) % 1000000007;
  }
  // (The tree's shape, its depth and node count, depends on the commit order: not printed.)
  print("btree keys", keys.length, "initial", initial, "inserts", inserts, "deletes", deletes, "lookups", lookupTotal);
  print("btree checksum", checksum);
}

export function main(): void {
  run(0);
}
