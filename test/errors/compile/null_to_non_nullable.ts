// expect: null @ 8
// expect: null @ 12
// expect: null @ 21
// expect: null @ 23
import { print } from "stmc";

class Node {
  next: Node = null;
}

function make(): Node {
  return null;
}

function maybe(): Node | null {
  return null;
}

export function main(): void {
  let n: Node = new Node();
  n = null;
  const m = maybe();
  print(m.next === null);
}
