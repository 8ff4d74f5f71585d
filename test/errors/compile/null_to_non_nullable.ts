// expect: null @ 8
// expect: null @ 12
// expect: null @ 17
// expect: null @ 19
import { print } from "stmc";

class Node {
  next: Node = null;
}

function make(): Node {
  return null;
}

export function main(): void {
  let n: Node = new Node();
  n = null;
  const m: Node | null = make();
  print(m.next === null);
}
