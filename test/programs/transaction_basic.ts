// transaction.add / run: tasks with different parameter lists; results gathered in
// module-level state and printed after run(), so any serial order gives the same output.
import { i32, i64, f64, bool, print, transaction } from "stmc";

let sum: i64 = 0;
let fsum: f64 = 0;
let flags = 0;
let ran = 0;
const buckets = new Array<i32>(10).fill(0);

class Box {
  value: i32 = 0;
}

function noArgs(): void {
  ran++;
}

function addOne(x: i32): void {
  sum += x;
  ran++;
}

function addMany(a: i32, b: i64, c: f64, d: bool): void {
  sum += b + a;
  fsum += c;
  if (d) flags++;
  ran++;
}

function fillBucket(index: i32, amount: i32): void {
  buckets[index] += amount;
  ran++;
}

function bump(box: Box, by: i32): void {
  box.value += by;
  ran++;
}

function addAll(values: i32[]): void {
  for (const v of values) sum += v;
  ran++;
}

export function main(): void {
  transaction.add(noArgs);
  for (let i = 1; i <= 100; i++) transaction.add(addOne, i);
  print("before run", sum, ran);
  transaction.run();
  print("after run", sum, ran);
  transaction.add(addMany, 1, 1000000000000, 0.5, true);
  transaction.add(addMany, 2, 2000000000000, 0.25, false);
  const box = new Box();
  for (let i = 0; i < 50; i++) {
    transaction.add(fillBucket, i % 10, i);
    transaction.add(bump, box, 2);
  }
  transaction.add(addAll, [1, 2, 3]);
  transaction.run();
  print("sum", sum, "fsum", fsum, "flags", flags, "ran", ran, "box", box.value);
  let total = 0;
  for (const x of buckets) total += x;
  print("buckets", buckets[0], buckets[9], total);
  transaction.run();
  print("empty run", ran);
}
