// Several words under one lock: tasks write different fields of the same objects (the first
// word of a stripe, then others, then the first again) and neighbouring array elements that
// other tasks write too (one lock word covers 32 bytes), and replace references whose old
// values only the write log keeps alive while garbage triggers collections. Every field's
// total is exact and every object reachable from a replaced reference is intact.
import { bool, i32, i64, f64, print, transaction } from "stmc";

class Quad {
  a: i32 = 0;
  b: i32 = 0;
  c: i64 = 0;
  d: f64 = 0;
  next: Quad | null = null;
  constructor(b: i32) {
    this.a = b;
    this.b = b;
    this.c = i64(b) * 3;
    this.d = b * 0.5;
  }
}

const QUADS = 16;
const SLOTS = 64;
const TASKS = 3000;
const quads: Quad[] = [];
const counts: i32[] = new Array<i32>(SLOTS).fill(0);
const sums: i64[] = new Array<i64>(SLOTS).fill(0);
const halves: f64[] = new Array<f64>(SLOTS).fill(0);

function work(i: i32): void {
  const q = quads[i % QUADS];
  q.d += 0.5;
  q.a += 2;
  q.b += 1;
  q.c += 3;
  q.a -= 1;
  counts[i % SLOTS] += 1;
  sums[(i * 7) % SLOTS] += i64(i);
  halves[(i * 5) % SLOTS] += 0.5;
  // Garbage, so that collections happen while transactions hold logged references.
  let junk: Quad | null = null;
  for (let k = 0; k < 4; k++) junk = new Quad(k);
  const filler = new Array<i32>(2000).fill(i);
  if (filler[i % 2000] !== i) throw new Error("garbage changed");
  const r = quads[(i * 11 + 3) % QUADS];
  r.next = i % 3 === 0 ? new Quad(i % 100) : junk;
}

function check(q: Quad): bool {
  return q.a === q.b && q.c === i64(q.b) * 3 && q.d === q.b * 0.5;
}

export function main(): void {
  for (let i = 0; i < QUADS; i++) quads.push(new Quad(0));
  for (let i = 0; i < TASKS; i++) transaction.add(work, i);
  transaction.run();
  let total = 0;
  let intact = 0;
  for (const q of quads) {
    if (!check(q)) throw new Error("a quad's fields disagree");
    total += q.b;
    const next = q.next;
    if (next !== null && check(next)) intact++;
  }
  print("quads", total, "of", TASKS, "intact next", intact, "of", QUADS);
  let countTotal = 0;
  let sumTotal: i64 = 0;
  let halfTotal = 0.0;
  for (let k = 0; k < SLOTS; k++) {
    let expectedCount = 0;
    let expectedSum: i64 = 0;
    let expectedHalves = 0.0;
    for (let i = 0; i < TASKS; i++) {
      if (i % SLOTS === k) expectedCount++;
      if ((i * 7) % SLOTS === k) expectedSum += i64(i);
      if ((i * 5) % SLOTS === k) expectedHalves += 0.5;
    }
    if (counts[k] !== expectedCount || sums[k] !== expectedSum || halves[k] !== expectedHalves) throw new Error("a slot's total is wrong");
    countTotal += counts[k];
    sumTotal += sums[k];
    halfTotal += halves[k];
  }
  print("slots", countTotal, sumTotal, halfTotal);
}
