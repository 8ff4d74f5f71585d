// Compound assignment and ++/-- on locals, fields, array elements and module-level variables.
import { i32, i64, f64, print } from "stmc";

class Counter {
  n: i32 = 0;
  total: i64 = 0;
  ratio: f64 = 1;
}

let moduleCount = 10;

export function main(): void {
  let a = 10;
  a += 5;
  a -= 3;
  a *= 4;
  a %= 7;
  print("local", a);
  let i = 5;
  print("post inc", i++, i);
  print("pre inc", ++i, i);
  print("post dec", i--, i);
  print("pre dec", --i, i);
  const c = new Counter();
  c.n += 7;
  c.n++;
  ++c.n;
  c.n--;
  c.n *= 3;
  c.total += 1000000000;
  c.total *= 10;
  c.total -= c.n;
  c.ratio /= 4;
  c.ratio += 0.5;
  print("fields", c.n, c.total, c.ratio, c.n++, c.n, --c.n);
  const arr: i32[] = [1, 2, 3, 4];
  arr[0] += 10;
  arr[1] *= arr[2];
  arr[2]++;
  ++arr[3];
  arr[3] <<= 2;
  print("array", arr[0], arr[1], arr[2], arr[3], arr[0]--, arr[0], ++arr[1]);
  let k = 0;
  const b: i32[] = [0, 0, 0];
  b[k++] += 5; // the index expression is evaluated once
  b[k++] += 6;
  print("index once", b[0], b[1], b[2], k);
  const fs: f64[] = [1.5, 2.5];
  fs[0] *= 2;
  fs[1] -= 0.25;
  print("f64 array", fs[0], fs[1]);
  moduleCount += 5;
  moduleCount++;
  moduleCount *= 2;
  print("module", moduleCount, moduleCount--, moduleCount);
  let big: i64 = 1;
  for (let j = 0; j < 40; j++) big *= 2;
  big += 1;
  big %= 1000000007;
  print("i64", big);
}
