import { i32, i64, f64, print, transaction } from "stmc";

function add(a: i32, b?: i32): i32 {
  if (b === undefined) return a;
  return a + b;
}
function scale(x: f64, factor?: f64): f64 {
  return x * (factor ?? 2.5);
}
function describe(n?: i64, flag?: boolean): string {
  const shown = n !== undefined ? `${n}` : "none";
  if (flag === undefined) return shown + "/unset";
  return shown + (flag ? "/yes" : "/no");
}
function count(limit?: i32): i32 {
  if (limit === undefined) limit = 3;
  let total = 0;
  for (let i = 0; i < limit; i++) total += i;
  return total;
}
function pass(b?: i32): i32 {
  return add(10, b);
}
function forced(v?: i32): i32 {
  return v! + 1;
}
class Counter {
  total = 0;
  bump(by?: i32): void {
    this.total += by ?? 1;
  }
  constructor(start?: i32) {
    if (start !== undefined) this.total = start;
  }
}
class Doubler extends Counter {
  bump(by?: i32): void {
    this.total += 2 * (by ?? 1);
  }
}
let shared = 0;
function task(i: i32, weight?: i32): void {
  shared += i * (weight ?? 1);
}
export function main(): void {
  print(add(1), add(1, 2), add(1, undefined), scale(2), scale(2, 4));
  print(describe(), describe(7), describe(undefined, true), describe(8, false));
  print(count(), count(5), pass(), pass(5), forced(41));
  const c: Counter = new Doubler(10);
  c.bump();
  c.bump(5);
  const d = new Counter();
  d.bump();
  print(c.total, d.total);
  const callbacks: i32[] = [1, 2, 3];
  print(callbacks.map((x) => add(x)).join(","));
  for (let i = 0; i < 10; i++) transaction.add(task, i, i % 2 === 0 ? 2 : 3);
  for (let i = 0; i < 5; i++) transaction.add(task, i);
  transaction.run();
  print(shared);
  more();
}
function compare(p?: i32, q?: boolean): string {
  const pieces: string[] = [`${p}`, `${q}`, `${p === 3}`, `${p !== 3}`, `${3 === p}`, `${q === true}`];
  const later = (x: i32): i32 => (p !== undefined ? x + p : x);
  pieces.push(`${later(1)}`);
  if (p !== undefined) {
    const closure = (x: i32): i32 => x * p;
    pieces.push(`${closure(2)}`);
  }
  let m = p;
  if (m === undefined) m = 100;
  m += 1;
  pieces.push(`${m}`);
  return pieces.join(" ");
}
export function more(): void {
  print(compare(), compare(3), compare(4, false), compare(undefined, true));
}
