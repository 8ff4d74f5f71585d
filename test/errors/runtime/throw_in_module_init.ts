// expect: bad table size @ 6
import { i32, print } from "stmc";

function makeTable(n: i32): i32[] {
  if (n > 4) {
    throw new Error("bad table size");
  }
  return new Array<i32>(n).fill(0);
}

const table: i32[] = makeTable(10);

export function main(): void {
  print(table.length);
}
