// expect-only: a 'declare' has nothing behind it at run time: refused once, its uses not reported again
// expect: ambient declarations ('declare') are not supported @ 7
// expect: ambient declarations ('declare') are not supported @ 8
// (`declare function` is a host function, supplied by the embedder: test/embedding.)
import { i32, print } from "stmc";

declare const limit: i32;
declare class Point { x: i32; }

function norm(p: Point): i32 {
  return p.x;
}

export function main(): void {
  const p = new Point();
  print(limit, norm(p), p.x);
}
