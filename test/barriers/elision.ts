// Barrier selection: fresh objects and immutable fields (test/barriers.test.ts reads the plan by line).
import { i32, print, transaction } from "stmc";

class Node {
  value: i32;
  next: Node | null = null;
  label: i32 = 0;
  constructor(value: i32) {
    this.value = value;
  }
  relabel(label: i32): void {
    this.label = label;
  }
}

let heads: (Node | null)[] = new Array<Node | null>(4).fill(null);
let total: i32 = 0;

function build(slot: i32): void {
  const first = new Node(slot);
  first.next = new Node(slot + 1);
  first.relabel(first.value);
  heads[slot] = first;
}

function readBack(slot: i32): void {
  const n = heads[slot];
  if (n === null) return;
  total += n.value + n.label;
}

export function main(): void {
  for (let i = 0; i < 4; i++) transaction.add(build, i);
  transaction.run();
  for (let i = 0; i < 4; i++) transaction.add(readBack, i);
  transaction.run();
  print(total);
}
