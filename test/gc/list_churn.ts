// Shared linked lists churned by many tasks: each task inserts nodes into one list, removes
// nodes from it, or replaces a whole sublist with fresh copies, and checks that list's length
// and sum against its header; between the rounds main checks and rebuilds lists inside
// transaction.atomic. Removed and replaced nodes (each with an array payload) become garbage
// while they may still be read by concurrent transactions: about 35 MiB (wasm32) allocated in
// all, a live set under 1 MiB; run with --max-memory 16.
// A list never runs short of nodes, so every operation succeeds and the final lengths and sums
// do not depend on the order the tasks commit in.
import { i32, print, transaction } from "stmc";

const LISTS = 16;
const INITIAL_LENGTH = 150;
const ROUNDS = 10;
const TASKS_PER_ROUND = 800;
const PAYLOAD = 16;

class Node {
  value: i32;
  /** PAYLOAD numbers derived from value: a node that was freed and reused shows it. */
  payload: i32[];
  next: Node | null = null;

  constructor(value: i32) {
    this.value = value;
    this.payload = new Array<i32>(PAYLOAD).fill(0);
    for (let i = 0; i < PAYLOAD; i++) this.payload[i] = value * 7 + i;
  }

  intact(): boolean {
    const p = this.payload;
    if (p.length !== PAYLOAD) return false;
    for (let i = 0; i < PAYLOAD; i++) if (p[i] !== this.value * 7 + i) return false;
    return true;
  }
}

class List {
  head: Node | null = null;
  length = 0;
  sum = 0;
  /** The values ever inserted and removed: sum + removed = inserted. */
  inserted = 0;
  removed = 0;
  operations = 0;
}

const lists: List[] = [];

/** Walks the list: throws unless its length and sum match the header and every node is intact. */
function verify(list: List): void {
  let n = 0;
  let sum = 0;
  let node = list.head;
  while (node !== null) {
    if (!node.intact()) throw new Error("a node's payload is corrupt");
    n++;
    sum += node.value;
    node = node.next;
  }
  if (n !== list.length) throw new Error("a list's length is wrong");
  if (sum !== list.sum) throw new Error("a list's sum is wrong");
  if (sum + list.removed !== list.inserted) throw new Error("values were lost");
}

/** The node before position `at` (null for the head). */
function before(list: List, at: i32): Node | null {
  let prev: Node | null = null;
  let node = list.head;
  for (let i = 0; i < at && node !== null; i++) {
    prev = node;
    node = node.next;
  }
  return prev;
}

function insert(list: List, at: i32, value: i32): void {
  const node = new Node(value);
  const prev = before(list, at);
  if (prev === null) {
    node.next = list.head;
    list.head = node;
  } else {
    node.next = prev.next;
    prev.next = node;
  }
  list.length++;
  list.sum += value;
  list.inserted += value;
}

function removeAt(list: List, at: i32): void {
  const prev = before(list, at);
  const node = prev === null ? list.head : prev.next;
  if (node === null) throw new Error("removed past the end");
  if (prev === null) list.head = node.next;
  else prev.next = node.next;
  list.length--;
  list.sum -= node.value;
  list.removed += node.value;
}

/** Replaces `count` nodes from position `at` with new nodes of the same values, in reverse order. */
function replaceSublist(list: List, at: i32, count: i32): void {
  const prev = before(list, at);
  let node = prev === null ? list.head : prev.next;
  let fresh: Node | null = null;
  let freshTail: Node | null = null;
  for (let i = 0; i < count && node !== null; i++) {
    const copy = new Node(node.value);
    copy.next = fresh;
    fresh = copy;
    if (freshTail === null) freshTail = copy;
    node = node.next;
  }
  if (fresh === null || freshTail === null) return;
  freshTail.next = node;
  if (prev === null) list.head = fresh;
  else prev.next = fresh;
}

function churn(seed: i32): void {
  const list = lists[seed % LISTS];
  const at = (seed * 13) % 97;
  const kind = seed % 5;
  if (kind === 0 || kind === 1) {
    insert(list, at, seed % 1000);
    insert(list, at + 3, (seed * 3) % 1000);
  } else if (kind === 2) {
    removeAt(list, at);
    removeAt(list, at + 1);
  } else {
    replaceSublist(list, at, 40 + (seed % 60));
  }
  list.operations++;
  verify(list);
}

/** Main, between rounds: checks every list and replaces list r % LISTS by a fresh copy. */
function checkAndRebuild(round: i32): void {
  transaction.atomic(() => {
    let length = 0;
    let operations = 0;
    for (const list of lists) {
      verify(list);
      length += list.length;
      operations += list.operations;
    }
    const list = lists[round % LISTS];
    const copy = new List();
    let tail: Node | null = null;
    let node = list.head;
    while (node !== null) {
      const fresh = new Node(node.value);
      if (tail === null) copy.head = fresh;
      else tail.next = fresh;
      tail = fresh;
      copy.length++;
      copy.sum += fresh.value;
      node = node.next;
    }
    copy.inserted = list.inserted;
    copy.removed = list.removed;
    copy.operations = list.operations;
    verify(copy);
    if (copy.sum !== list.sum || copy.length !== list.length) throw new Error("the copy differs");
    lists[round % LISTS] = copy;
    print("round", round, "nodes", length, "operations", operations);
  });
}

export function main(): void {
  for (let l = 0; l < LISTS; l++) {
    const list = new List();
    for (let i = 0; i < INITIAL_LENGTH; i++) {
      const value = (l * 31 + i * 17) % 1000;
      insert(list, 0, value);
    }
    lists.push(list);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (let t = 0; t < TASKS_PER_ROUND; t++) transaction.add(churn, round * TASKS_PER_ROUND + t);
    transaction.run();
    checkAndRebuild(round);
  }
  let length = 0;
  let total = 0;
  let removed = 0;
  let inserted = 0;
  for (const list of lists) {
    verify(list);
    length += list.length;
    total += list.sum;
    removed += list.removed;
    inserted += list.inserted;
  }
  // The sum and the removed values depend on the order of the tasks; their total does not.
  print("lists", LISTS, "nodes", length, "inserted", inserted, "sum + removed", total + removed);
}
