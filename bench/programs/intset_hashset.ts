// intset_hashset: the integer-set microbenchmark of the STM literature (the hash-set variant of
// the intset benchmark of TinySTM) on one shared hash table with a fixed number of buckets and a
// chain per bucket (new keys go to the front). The set is prefilled to half the key range; workers
// then run 80% lookups, 10% inserts and 10% deletes, one operation per transaction (see
// lib/intset.ts: a worker is a chain of tasks, and worker w owns the keys k with
// k % workers == w, so the result does not depend on the schedule). The bucket of k is
// k % buckets with an odd number of buckets, so every bucket holds keys of every worker:
// operations conflict when they touch the same bucket (its slot or chain), the contention of a
// hash table, which is low. No size field (it would make every update conflict).
// Checks: every key is in its own bucket, at most once; the keys, the counts and the final
// size equal a sequential replay's, and final size = initial + inserts - deletes.
import { i32, print } from "stmc";
import { IntSet, runIntset } from "./lib/intset";

class HashNode {
  readonly key: i32;
  next: HashNode | null;

  constructor(key: i32, next: HashNode | null) {
    this.key = key;
    this.next = next;
  }
}

class HashSet extends IntSet {
  readonly buckets: (HashNode | null)[];

  constructor(buckets: i32) {
    super();
    this.buckets = new Array<HashNode | null>(buckets).fill(null);
  }

  bucketOf(key: i32): i32 {
    return key % this.buckets.length;
  }

  contains(key: i32): boolean {
    let node = this.buckets[this.bucketOf(key)];
    while (node !== null) {
      if (node.key === key) return true;
      node = node.next;
    }
    return false;
  }

  insert(key: i32): boolean {
    const b = this.bucketOf(key);
    const first = this.buckets[b];
    let node = first;
    while (node !== null) {
      if (node.key === key) return false;
      node = node.next;
    }
    this.buckets[b] = new HashNode(key, first);
    return true;
  }

  remove(key: i32): boolean {
    const b = this.bucketOf(key);
    let prev: HashNode | null = null;
    let node = this.buckets[b];
    while (node !== null) {
      if (node.key === key) {
        if (prev === null) {
          this.buckets[b] = node.next;
        } else {
          prev.next = node.next;
        }
        return true;
      }
      prev = node;
      node = node.next;
    }
    return false;
  }

  verify(present: boolean[]): i32 {
    let count = 0;
    for (let b = 0; b < this.buckets.length; b++) {
      let node = this.buckets[b];
      while (node !== null) {
        const key = node.key;
        if (key < 0 || key >= present.length) throw new Error("intset_hashset: key out of range");
        if (this.bucketOf(key) !== b) throw new Error("intset_hashset: key in the wrong bucket");
        if (present[key]) throw new Error("intset_hashset: key held twice");
        present[key] = true;
        count++;
        node = node.next;
      }
    }
    return count;
  }
}

// size: 0 small, 1 medium, 2 large
const RANGES: i32[] = [4096, 16384, 65536];
const OPS_PER_WORKER: i32[] = [80000, 500000, 2500000];
const WORKERS = 16;

export function run(size: i32): void {
  print("intset_hashset: hash set");
  // An odd bucket count (so buckets mix the workers' residue classes), about 2 keys per bucket.
  runIntset(new HashSet(i32(RANGES[size] / 4) + 1), RANGES[size], WORKERS, OPS_PER_WORKER[size]);
}

export function main(): void {
  run(0);
}
