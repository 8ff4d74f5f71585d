// expect-only: every mistake once; the uses of what was refused are not reported again
// expect: Map is not a class of the program @ 10
// expect: tuple types are not supported @ 11
// expect: only classes of the program can be instantiated with new @ 14
// expect: only classes of the program can be instantiated with new @ 26
// expect: 'JSON' (JavaScript's standard library) is not supported @ 30
import { i32, print } from "stmc";

class Box {
  items = new Map<i32, i32>();
  weird: [i32, i32][] = [];
}

let table = new Set<i32>();
let total: i32 = 0;

function use(b: Box): void {
  b.items.set(1, 2);
  print(b.items.size);
  b.weird.push([1, 2]);
  table.add(3);
  total += table.size;
}

export function main(): void {
  const local = new Map<i32, i32>();
  local.set(1, 1);
  print(local.size);
  use(new Box());
  print(JSON.stringify(1));
}
