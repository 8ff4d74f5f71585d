// Optional chaining (?.) on fields, getters and method calls, ?? (with numbers after ?.), T | undefined.
import { i32, print } from "stmc";

class Node {
  v: i32;
  next: Node | null = null;
  name: string | null = null;
  constructor(v: i32) { this.v = v; }
  bump(): void { this.v++; }
  twice(): Node { return new Node(this.v * 2); }
}

function nothing(): Node | null {
  return null;
}

function find(list: Node[], v: i32): Node | undefined {
  return list.find((n) => n.v === v);
}

export function main(): void {
  const a = new Node(1);
  a.next = new Node(2);
  const b: Node | null = nothing();
  print(a.next?.v ?? -1, a.next?.next?.v ?? -1, b?.v ?? 42);
  const n: Node | null = a.next;
  n?.bump();
  b?.bump();
  print(a.next.v, n?.twice().v ?? 0, a.name ?? "anon", (a.next?.name ?? "none").length);
  const list = [new Node(5), new Node(7)];
  print(find(list, 7)?.v ?? 0, find(list, 8)?.v ?? 0, (find(list, 9) ?? list[0]).v);
  const t = a?.next?.twice();
  print(t === null, t!.v);
}
