import { i32, i64, print, transaction } from "stmc";
class Node { value: i32 = 1; next: Node | null = null; }
class Leaf extends Node {}
function attempt(kind: i32): string {
  const a: i32[] = [1, 2, 3];
  const n: Node | null = kind === 1 ? null : new Node();
  try {
    switch (kind) {
      case 0: return `${a[kind + 5]}`;
      case 1: return `${n!.value}`;
      case 2: return `${i32(7) / i32(kind - 2)}`;
      case 3: return `${i32(1e12 + kind)}`;
      case 4: { const e: i32[] = []; return `${e.pop()}`; }
      case 5: return "x".repeat(-kind);
      case 6: { const m: Node = new Node(); return `${(m as Leaf).value}`; }
      case 7: { const e: i32[] = []; return `${e.reduce((x, y) => x + y)}`; }
      case 8: { a.length = 10; return "no"; }
      case 9: return `${i64(0.5 + kind)}`;
    }
    return "none";
  } catch (e) {
    return "caught: " + (e as Error).message;
  }
}
let total = 0;
function task(k: i32): void {
  const r = attempt(k);
  total += r.length;
}
export function main(): void {
  for (let k = 0; k < 11; k++) print(k, attempt(k));
  for (let k = 0; k < 11; k++) transaction.add(task, k);
  transaction.run();
  print(total);
}
