// Run with --max-memory 16: a list that keeps growing cannot fit.
import { i32, print } from "stmc";

class Node {
  next: Node | null = null;
  payload: i32[] = new Array<i32>(64).fill(7);
}

function grow(head: Node): Node {
  const node = new Node();
  node.next = head;
  return node;
}

export function main(): void {
  let head = new Node();
  for (let i = 0; i < 1000000; i++) head = grow(head);
  print("unreachable");
}
