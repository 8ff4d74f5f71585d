// expect: give a default with ?? @ 11
import { i32, print } from "stmc";

class Node {
  value: i32 = 1;
  next: Node | null = null;
}

export function main(): void {
  const n = new Node();
  print(n.next?.value);
}
