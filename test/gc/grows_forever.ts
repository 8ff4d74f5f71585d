// Run with --max-memory 16: tasks on every thread keep growing a shared list (the live set grows
// without bound) while they also make garbage. The collector reclaims the garbage, but the list
// cannot fit: the program stops with "out of memory (heap limit 16 MiB)" and never prints
// "unreachable" (nor hangs with threads waiting for one another).
import { i32, print, transaction } from "stmc";

class Node {
  next: Node | null;
  payload: i32[] = new Array<i32>(64).fill(7);

  constructor(next: Node | null) {
    this.next = next;
  }
}

let head: Node | null = null;
let length = 0;

function grow(seed: i32): void {
  let garbage: Node | null = null;
  for (let i = 0; i < 40; i++) garbage = new Node(garbage);
  for (let i = 0; i < 8; i++) head = new Node(head);
  length += 8;
  if (garbage === null || length < 8 || seed < 0) throw new Error("cannot happen");
}

export function main(): void {
  for (let round = 0; round < 100000; round++) {
    for (let t = 0; t < 16; t++) transaction.add(grow, t);
    transaction.run();
  }
  print("unreachable", length);
}
