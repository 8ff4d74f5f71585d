// expect-only: every mistake once; the uses of what was refused are not reported again
// expect: WeakMap is not a class of the program @ 10
// expect: tuple elements must all be present @ 11
// expect: only classes of the program can be instantiated with new @ 14
// expect: only classes of the program can be instantiated with new @ 26
// expect: 'JSON' (JavaScript's standard library) is not supported @ 30
import { i32, print } from "stmc";

class Box {
  items = new WeakMap<Box, i32>();
  weird: [i32, i32?][] = [];
}

let table = new WeakSet<Box>();
let total: i32 = 0;

function use(b: Box): void {
  b.items.set(b, 2);
  print(b.items.has(b));
  b.weird.push([1, 2]);
  table.add(b);
  total += table.has(b) ? 1 : 0;
}

export function main(): void {
  const local = new WeakMap<Box, i32>();
  local.set(new Box(), 1);
  print(local.has(new Box()));
  use(new Box());
  print(JSON.stringify(1));
}
