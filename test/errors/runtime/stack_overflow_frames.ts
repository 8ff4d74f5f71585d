// expect: stack overflow @ 11
// Recursion whose frames hold references exhausts the shadow stack first: the error is located
// at the call that overflowed, as for the wasm stack (stack_overflow.ts).
import { i32, print } from "stmc";

function descend(depth: i32, parent: i32[]): i32 {
  const cell = [parent[0] + 1, depth];
  const other = [depth];
  cell[1] = other[0] + parent[1];
  if (depth < 0) return cell[0];
  return descend(depth + 1, cell) + parent[0];
}

export function main(): void {
  print("start");
  print(descend(0, [0, 0]));
}
