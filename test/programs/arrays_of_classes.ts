// Arrays of objects and of nullable objects; arrays as fields.
import { i32, f64, print } from "stmc";

class Particle {
  x: f64;
  v: f64;
  constructor(x: f64, v: f64) {
    this.x = x;
    this.v = v;
  }
  step(dt: f64): void {
    this.x += this.v * dt;
  }
}

class Bucket {
  items: i32[] = [];
  children: Bucket[] = [];
  add(x: i32): void {
    this.items.push(x);
  }
  total(): i32 {
    let s = 0;
    for (const x of this.items) s += x;
    for (const c of this.children) s += c.total();
    return s;
  }
}

class Table {
  slots: (Particle | null)[];
  constructor(n: i32) {
    this.slots = new Array<Particle | null>(n).fill(null);
  }
  used(): i32 {
    let n = 0;
    for (const s of this.slots) if (s !== null) n++;
    return n;
  }
}

export function main(): void {
  const ps: Particle[] = [];
  for (let i = 0; i < 4; i++) ps.push(new Particle(i, 0.5 * i));
  for (let t = 0; t < 10; t++) {
    for (const p of ps) p.step(0.1);
  }
  for (const p of ps) print("particle", p.x, p.v);
  ps[0] = ps[3];
  ps[0].x = 0;
  print("shared", ps[3].x, ps[0] === ps[3]);
  const root = new Bucket();
  root.add(1);
  for (let i = 0; i < 3; i++) {
    const child = new Bucket();
    child.add(10 * (i + 1));
    child.add(i);
    root.children.push(child);
  }
  root.children[1].children.push(new Bucket());
  root.children[1].children[0].add(1000);
  print("bucket", root.total(), root.children.length, root.children[1].children[0].items[0]);
  const table = new Table(8);
  print("table", table.slots.length, table.used());
  table.slots[3] = new Particle(3, 3);
  table.slots[5] = ps[1];
  print("table used", table.used(), table.slots[3]!.x, table.slots[0] === null);
  table.slots[3] = null;
  print("table cleared", table.used());
  const removed = ps.pop()!;
  print("popped particle", removed.x, ps.length);
}
