// intset_skiplist: the integer-set microbenchmark of the STM literature (the skip-list variant of
// the intset benchmark of DSTM, TL2 and TinySTM) on one shared skip list. The list is prefilled
// to half the key range; workers then run 80% lookups, 10% inserts and 10% deletes, one
// operation per transaction (see lib/intset.ts: a worker is a chain of tasks, and worker w owns
// the keys k with k % workers == w, so the result does not depend on the schedule while all
// workers share the one skip list: a search reads the tall nodes every other search reads, and an
// update writes the forward pointers of its key's predecessors on every level it is linked in).
// A node's height comes from a hash of its key (1 + trailing one bits, so each level holds about
// half the nodes of the level below), not from a shared random generator: no shared state besides
// the list, and the same set always has the same shape.
// Checks: every level strictly increasing; each level is exactly the nodes of the level below
// that are tall enough; every node's height is its key's; the keys, the counts and the final
// size equal a sequential replay's, and final size = initial + inserts - deletes.
import { i32, print } from "stmc";
import { IntSet, nextRandom, runIntset } from "./lib/intset";

class SkipNode {
  readonly key: i32;
  /** next[i]: the following node on level i; the node's height is next.length. */
  readonly next: (SkipNode | null)[];

  constructor(key: i32, height: i32) {
    this.key = key;
    this.next = new Array<SkipNode | null>(height).fill(null);
  }
}

class SkipListSet extends IntSet {
  readonly maxHeight: i32;
  /** A sentinel before the first node on every level (keys are never negative). */
  readonly head: SkipNode;

  constructor(maxHeight: i32) {
    super();
    this.maxHeight = maxHeight;
    this.head = new SkipNode(-1, maxHeight);
  }

  /** 1 + the number of trailing one bits of a hash of the key, at most maxHeight. */
  heightOf(key: i32): i32 {
    let h = nextRandom(nextRandom(key ^ 0x2f3a9c5b));
    let height = 1;
    while (height < this.maxHeight && (h & 1) !== 0) {
      height++;
      h = h >> 1;
    }
    return height;
  }

  contains(key: i32): boolean {
    let x = this.head;
    for (let level = this.maxHeight - 1; level >= 0; level--) {
      let n = x.next[level];
      while (n !== null && n.key < key) {
        x = n;
        n = x.next[level];
      }
      if (n !== null && n.key === key) return true;
    }
    return false;
  }

  /** Fills preds[level] with the last node before `key` on each level; returns the node after
   * preds[0] (the node holding `key`, if any). */
  search(key: i32, preds: SkipNode[]): SkipNode | null {
    let x = this.head;
    let n: SkipNode | null = null;
    for (let level = this.maxHeight - 1; level >= 0; level--) {
      n = x.next[level];
      while (n !== null && n.key < key) {
        x = n;
        n = x.next[level];
      }
      preds[level] = x;
    }
    return n;
  }

  insert(key: i32): boolean {
    const preds = new Array<SkipNode>(this.maxHeight).fill(this.head);
    const found = this.search(key, preds);
    if (found !== null && found.key === key) return false;
    const height = this.heightOf(key);
    const node = new SkipNode(key, height);
    for (let level = 0; level < height; level++) {
      const pred = preds[level];
      node.next[level] = pred.next[level];
      pred.next[level] = node;
    }
    return true;
  }

  remove(key: i32): boolean {
    const preds = new Array<SkipNode>(this.maxHeight).fill(this.head);
    const node = this.search(key, preds);
    if (node === null || node.key !== key) return false;
    for (let level = 0; level < node.next.length; level++) {
      const pred = preds[level];
      if (pred.next[level] !== node) throw new Error("intset_skiplist: node missing from a level");
      pred.next[level] = node.next[level];
    }
    return true;
  }

  verify(present: boolean[]): i32 {
    if (this.head.next.length !== this.maxHeight) throw new Error("intset_skiplist: wrong head height");
    // Level 0 holds every node, in strictly increasing order.
    let count = 0;
    let last = -1;
    let node = this.head.next[0];
    while (node !== null) {
      const key = node.key;
      if (key <= last) throw new Error("intset_skiplist: level 0 not strictly increasing");
      if (key >= present.length) throw new Error("intset_skiplist: key out of range");
      if (node.next.length !== this.heightOf(key)) throw new Error("intset_skiplist: wrong node height");
      present[key] = true;
      last = key;
      count++;
      node = node.next[0];
    }
    // Level i is the sublist of level i-1's nodes of height > i (so it is sorted too).
    for (let level = 1; level < this.maxHeight; level++) {
      let upper = this.head.next[level];
      let lower = this.head.next[level - 1];
      while (lower !== null) {
        if (lower.next.length > level) {
          if (upper !== lower) throw new Error("intset_skiplist: a level is not the tall nodes of the level below");
          upper = upper.next[level];
        }
        lower = lower.next[level - 1];
      }
      if (upper !== null) throw new Error("intset_skiplist: a level holds a node missing below");
    }
    return count;
  }
}

// size: 0 small, 1 medium, 2 large
const RANGES: i32[] = [4096, 16384, 65536];
const OPS_PER_WORKER: i32[] = [20000, 120000, 400000];
const WORKERS = 16;

/** Enough levels for the range: about log2 of the number of keys. */
function maxHeightFor(range: i32): i32 {
  let height = 1;
  while (height < 24 && 1 << (height + 1) < range) height++;
  return height;
}

export function run(size: i32): void {
  print("intset_skiplist: skip list");
  runIntset(new SkipListSet(maxHeightFor(RANGES[size])), RANGES[size], WORKERS, OPS_PER_WORKER[size]);
}

export function main(): void {
  run(0);
}
