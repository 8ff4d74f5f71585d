// Barrier selection: array headers (test/barriers.test.ts reads the plan by line). An array's
// length and store pointer need no barrier when no code resizes an array of its type.
import { i32, i64, print, transaction } from "stmc";

class Shape {
  area: i32 = 0;
}
class Square extends Shape {
  side: i32 = 0;
}

const counts: i64[] = new Array<i64>(8).fill(0);
const sizes: i32[] = new Array<i32>(8).fill(0);
const queue: i32[] = [];
const squares: Square[] = new Array<Square>(2).fill(new Square());
const shapes: Shape[] = [];

function tally(i: i32): void {
  counts[i % 8] += 1;
  sizes[i % 8] += 1;
  squares[i % 2].side += 1;
}

function enqueue(i: i32): void {
  queue.push(i);
}

export function main(): void {
  shapes.push(new Shape());
  for (let i = 0; i < 40; i++) {
    transaction.add(tally, i);
    transaction.add(enqueue, i);
  }
  transaction.run();
  let total: i64 = 0;
  for (const c of counts) total += c;
  print(total, sizes[3], squares[0].side, queue.length, shapes.length);
}
