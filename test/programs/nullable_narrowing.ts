// Nullable class types: null, every narrowing form TypeScript accepts, and x!.
import { i32, print } from "stmc";

class Node {
  value: i32;
  next: Node | null = null;

  constructor(value: i32) {
    this.value = value;
  }
}

class List {
  head: Node | null = null;
  tail: Node | null = null;
  size = 0;

  append(value: i32): void {
    const node = new Node(value);
    const last = this.tail;
    if (last === null) {
      this.head = node;
    } else {
      last.next = node;
    }
    this.tail = node;
    this.size++;
  }

  find(value: i32): Node | null {
    let n = this.head;
    while (n !== null) {
      if (n.value === value) return n;
      n = n.next;
    }
    return null;
  }

  sum(): i32 {
    let s = 0;
    for (let n = this.head; n !== null; n = n.next) s += n.value;
    return s;
  }
}

function valueOr(node: Node | null, fallback: i32): i32 {
  return node !== null ? node.value : fallback;
}

function secondValue(node: Node | null): i32 {
  if (node === null) return -1;
  const next = node.next;
  if (next === null) {
    return -2;
  }
  return next.value;
}

function firstBig(node: Node | null): i32 {
  if (node === null || node.value < 100) return 0;
  return node.value;
}

function hasNext(node: Node | null): boolean {
  return node !== null && node.next !== null;
}

function looseEquality(node: Node | null): i32 {
  if (node == null) return 0;
  if (node.next != null) return node.next.value;
  return node.value;
}

function truthiness(node: Node | null): i32 {
  if (node) return node.value;
  return -1;
}

function negatedTruthiness(node: Node | null): i32 {
  if (!node) return -1;
  return node.value * 2;
}

function countWhileTruthy(node: Node | null): i32 {
  let count = 0;
  let n = node;
  while (n) {
    count++;
    n = n.next;
  }
  return count;
}

export function main(): void {
  const list = new List();
  print("empty", list.head === null, list.tail === null, list.sum(), valueOr(list.head, 99));
  for (let i = 1; i <= 5; i++) list.append(i * 10);
  print("size", list.size, list.sum());
  print("find", valueOr(list.find(30), -1), valueOr(list.find(35), -1), list.find(35) === null);
  print("second", secondValue(null), secondValue(list.tail), secondValue(list.head));
  const big = new Node(500);
  print("firstBig", firstBig(null), firstBig(list.head), firstBig(big));
  print("hasNext", hasNext(null), hasNext(list.head), hasNext(list.tail));
  print("loose", looseEquality(null), looseEquality(list.head), looseEquality(list.tail));
  print("truthy", truthiness(null), truthiness(big), negatedTruthiness(null), negatedTruthiness(big));
  print("count", countWhileTruthy(list.head), countWhileTruthy(null));
  const found = list.find(20);
  print("bang", found!.value, list.head!.next!.next!.value);
  let cursor: Node | null = list.head;
  cursor = cursor!.next;
  print("cursor", cursor!.value);
  cursor = null;
  print("reset", cursor === null);
  let maybe: Node | null = null;
  if (list.size > 3) maybe = new Node(7);
  if (maybe !== null) {
    maybe.value += 1;
    print("narrowed", maybe.value);
  }
  const nodes: (Node | null)[] = [null, new Node(1), null, new Node(2)];
  let present = 0;
  for (const n of nodes) {
    if (n !== null) present += n.value;
  }
  print("array of nullable", present, nodes[0] === null, nodes[1] !== null);
  list.head = null;
  print("cleared", list.sum(), list.head === null);
}
