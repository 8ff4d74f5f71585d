// Barrier selection: repeated reads reuse the first read's value (test/barriers.test.ts reads
// the plan by line).
import { i32, print, transaction } from "stmc";

class Node {
  count: i32 = 0;
  left: Node | null = null;
}

let nodes: Node[] = [];
let spare: Node[] = [];
let total: i32 = 0;

function probe(k: i32): void {
  const n = nodes[k];
  const a = n.count;
  const b = n.count + k;
  let c = 0;
  if (k > 3) c = n.count + nodes.length + nodes.length;
  bump(n);
  const d = n.count;
  spare[k].count = k;
  const e = n.count;
  const l = n.left;
  const f = l !== null && l.count > 0 ? l.count : 0;
  let m = n;
  if (m.count > 100) m = spare[k];
  const g = m.count;
  if (n.count > 2) n.count = 0;
  const h = n.count;
  total += a + b + c + d + e + f + g + h;
}

function bump(n: Node): void {
  n.count++;
}

export function main(): void {
  for (let k = 0; k < 20; k++) {
    const n = new Node();
    n.count = k;
    if (k % 3 === 0) n.left = new Node();
    nodes.push(n);
    spare.push(new Node());
  }
  for (let k = 0; k < 20; k++) transaction.add(probe, k);
  transaction.run();
  print(total, nodes[7].count, spare[7].count);
}

/** Writes nodes after its initialiser: the variable is then shared data, read through the STM. */
export function resetNodes(): void {
  nodes = [];
}
