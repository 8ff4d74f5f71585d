// expect: null dereference @ 16
import { i32, print } from "stmc";

class Node {
  next: Node | null = null;
  value: i32;
  constructor(value: i32) {
    this.value = value;
  }
}

export function main(): void {
  const head = new Node(1);
  head.next = new Node(2);
  print(head.next!.value);
  print(head.next!.next!.value);
}
