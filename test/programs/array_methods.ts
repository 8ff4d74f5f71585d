// Array methods with callbacks and without: JavaScript's semantics, element types i32, i64, f64 and
// references, stable sort, negative positions, NaN in indexOf/includes, undefined from find().
import { i32, i64, f64, print } from "stmc";

class P {
  name: i32;
  age: i32;
  constructor(name: i32, age: i32) { this.name = name; this.age = age; }
}

export function main(): void {
  const a: i32[] = [5, 3, 8, 1, 9, 2, 7];
  a.forEach((x, i) => print(i, x));
  const doubled = a.map((x) => x * 2);
  print("map", doubled.length, doubled[0], doubled[6]);
  const halves = a.map((x): f64 => f64(x) / 2);
  print("halves", halves[0], halves[1]);
  const evens = a.filter((x) => x % 2 === 0);
  print("filter", evens.length, evens[0], evens[1]);
  print("reduce", a.reduce((s, x) => s + x, 0), a.reduce((s, x) => s > x ? s : x));
  const big: i64 = a.reduce((s: i64, x) => s + i64(x), i64(0));
  print("reduce64", big);
  print("some", a.some((x) => x > 8), a.some((x) => x > 9), "every", a.every((x) => x > 0), a.every((x) => x > 1));
  print("findIndex", a.findIndex((x) => x === 8), a.findIndex((x) => x === 100));
  print("indexOf", a.indexOf(8), a.indexOf(4), a.lastIndexOf(7), a.includes(9), a.includes(10), a.indexOf(5, 1), a.indexOf(2, -2));
  const f: f64[] = [1.5, NaN, 3];
  print("nan", f.indexOf(NaN), f.includes(NaN));
  const s = a.slice(1, 4);
  print("slice", s.length, s[0], s[2], a.slice(-2).length, a.slice(-2)[0], a.slice().length);
  const c = a.concat([100, 200], [300]);
  print("concat", c.length, c[7], c[9]);
  const sorted = a.slice().sort((x, y) => x - y);
  print("sort", sorted[0], sorted[1], sorted[2], sorted[3], sorted[4], sorted[5], sorted[6]);
  const ps: P[] = [new P(1, 30), new P(2, 20), new P(3, 30), new P(4, 20), new P(5, 10)];
  ps.sort((p, q) => p.age - q.age);
  let line = 0;
  for (const p of ps) line = line * 10 + p.name;
  print("stable", line);
  const found = ps.find((p) => p.age === 30);
  if (found !== undefined) print("find", found.name);
  const r = [1, 2, 3, 4];
  r.reverse();
  print("reverse", r[0], r[1], r[2], r[3]);
  const sp = [1, 2, 3, 4, 5, 6];
  const removed = sp.splice(1, 2, 10, 11, 12);
  print("splice", removed.length, removed[0], removed[1], sp.length, sp[1], sp[3], sp[4], sp[6]);
  const fl = [0, 0, 0, 0, 0];
  fl.fill(7, 1, -1);
  print("fill", fl[0], fl[1], fl[3], fl[4]);
  const big2: i32[] = [];
  for (let i = 0; i < 1000; i++) big2.push((i * 7919) % 1000);
  big2.sort((x, y) => y - x);
  print("big", big2[0], big2[999], big2[500]);
}
