// Arrays: literals typed by context, indexing, length, push, pop, new Array<T>(n).fill(v), for-of.
import { i32, i64, f64, bool, print } from "stmc";

function sum(a: i32[]): i32 {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function range(n: i32): i32[] {
  const out: i32[] = [];
  for (let i = 0; i < n; i++) out.push(i);
  return out;
}

function reverse(a: i32[]): void {
  let i = 0;
  let j = a.length - 1;
  while (i < j) {
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
    i++;
    j--;
  }
}

function emptyResult(): f64[] {
  return [];
}

export function main(): void {
  const a: i32[] = [5, 3, 8];
  print("literal", a.length, a[0], a[1], a[2], sum(a));
  a.push(10);
  a.push(-2);
  print("pushed", a.length, a[3], a[4], sum(a));
  const last = a.pop()!;
  print("popped", last, a.length);
  a.pop();
  print("popped statement", a.length, sum(a));
  a[0] = 100;
  a[a.length - 1] = a[0] + 1;
  print("assigned", a[0], a[1], a[2]);
  const r = range(10);
  reverse(r);
  print("range reversed", r.length, r[0], r[9], sum(r));
  const zeros = new Array<i32>(5).fill(0);
  const sevens = new Array<i32>(3).fill(7);
  const none = new Array<i32>(0).fill(1);
  print("fill", zeros.length, sum(zeros), sevens.length, sum(sevens), none.length);
  const fs: f64[] = [1, 2.5, 3];
  fs.push(0.25);
  let fsum: f64 = 0;
  for (const x of fs) fsum += x;
  print("f64 array", fs.length, fsum, fs[0] / 2);
  const bs: bool[] = [true, false];
  bs.push(true);
  print("bool array", bs.length, bs[0], bs[1], bs[2]);
  const ls: i64[] = [1099511627776, 1];
  ls.push(ls[0] * 2);
  print("i64 array", ls[0], ls[1], ls[2]);
  const grid = new Array<f64>(4).fill(0.5);
  grid[2] = 1.5;
  print("f64 fill", grid[0], grid[2], grid[3]);
  const e = emptyResult();
  print("empty", e.length);
  e.push(3.5);
  print("after push", e.length, e[0]);
  const stack: i32[] = [];
  for (let i = 0; i < 100; i++) stack.push(i * i);
  let popped = 0;
  while (stack.length > 50) popped += stack.pop()!;
  print("stack", stack.length, popped, stack[49]);
  let drained = 0;
  while (stack.length > 0) {
    drained += stack.pop()!;
  }
  print("drained", drained, stack.length);
  const alias = a;
  alias[1] = -1;
  print("alias", a[1], alias === a);
}
