// Fields without annotations: the initialiser fixes the type (literals, new objects and arrays,
// conversions, calls, module variables, operators), as for locals.
import { i32, i64, f64, print } from "stmc";

const SIZE = 4;
let scale: f64 = 2.5;

function makeBuffer(): i64[] {
  return new Array<i64>(2).fill(7);
}

class Node {
  value = 1;
  next: Node | null = null;
}

class Holder {
  counts = new Array<i32>(8).fill(0);
  head = new Node();
  ratio = 0.5;
  big = i64(1) << 20;
  flags = [true, false];
  mixed = [1, 2.5];
  size = SIZE;
  factor = scale;
  buffer = makeBuffer();
  negative = -3;
  empty: Node[] = [];
  half = SIZE / 8;
  isBig = SIZE > 2;
}

export function main(): void {
  const h = new Holder();
  h.counts[3] += 2;
  print(h.counts[3], h.counts.length, h.head.value, h.ratio, h.flags[0], h.mixed[1], h.size, h.factor, h.buffer[1], h.negative, h.empty.length, h.big, h.half, h.isBig);
}
