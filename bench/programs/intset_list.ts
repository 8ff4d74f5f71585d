// intset_list: the integer-set microbenchmark of the STM literature (the "linked list" variant of
// the intset benchmark of DSTM, TL2 and TinySTM) on one shared sorted singly linked list. The
// list is prefilled to half the key range; workers then run 80% lookups, 10% inserts and 10%
// deletes, one operation per transaction (see lib/intset.ts: a worker is a chain of tasks, and
// worker w owns the keys k with k % workers == w, so the result does not depend on the schedule
// while every operation still walks, and conflicts on, the one shared list: a lookup reads every
// node before its key, so an insert or delete anywhere before it conflicts with it).
// Checks: keys strictly increasing along the list, all in range; the keys, the counts and the
// final size equal a sequential replay's, and final size = initial + inserts - deletes.
import { i32, print } from "stmc";
import { IntSet, runIntset } from "./lib/intset";

class ListNode {
  readonly key: i32;
  next: ListNode | null;

  constructor(key: i32, next: ListNode | null) {
    this.key = key;
    this.next = next;
  }
}

class ListSet extends IntSet {
  /** A sentinel before the first node (keys are never negative). */
  readonly head: ListNode = new ListNode(-1, null);

  contains(key: i32): boolean {
    let node = this.head.next;
    while (node !== null && node.key < key) node = node.next;
    return node !== null && node.key === key;
  }

  insert(key: i32): boolean {
    let prev = this.head;
    let node = prev.next;
    while (node !== null && node.key < key) {
      prev = node;
      node = node.next;
    }
    if (node !== null && node.key === key) return false;
    prev.next = new ListNode(key, node);
    return true;
  }

  remove(key: i32): boolean {
    let prev = this.head;
    let node = prev.next;
    while (node !== null && node.key < key) {
      prev = node;
      node = node.next;
    }
    if (node === null || node.key !== key) return false;
    prev.next = node.next;
    return true;
  }

  verify(present: boolean[]): i32 {
    let count = 0;
    let last = -1;
    let node = this.head.next;
    while (node !== null) {
      const key = node.key;
      if (key <= last) throw new Error("intset_list: keys not strictly increasing");
      if (key >= present.length) throw new Error("intset_list: key out of range");
      present[key] = true;
      last = key;
      count++;
      node = node.next;
    }
    return count;
  }
}

// size: 0 small, 1 medium, 2 large
const RANGES: i32[] = [1024, 2048, 4096];
const OPS_PER_WORKER: i32[] = [4000, 20000, 60000];
const WORKERS = 16;

export function run(size: i32): void {
  print("intset_list: sorted linked list");
  runIntset(new ListSet(), RANGES[size], WORKERS, OPS_PER_WORKER[size]);
}

export function main(): void {
  run(0);
}
