// expect: field 'link' needs a type annotation: its initialiser does not fix the type @ 8
// expect: field 'copy' needs a type annotation: its initialiser does not fix the type @ 9
import { i32, print } from "stmc";

class Node {
  value = 1;
  other: Node | null = null;
  link = null;
  copy = this.other;
}

export function main(): void {
  print(new Node().value);
}
