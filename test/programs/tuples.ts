// Tuples: `[f64, f64]` results, tuple fields and arrays of tuples, elements read and written by
// constant index, `length`, destructuring in declarations (with holes) and in for...of, tuples
// as map values and type aliases of tuples; destructuring of arrays in declarations.
import { i32, f64, print } from "stmc";
type Entry = [string, i32];
function minMax(xs: f64[]): [f64, f64] {
  let lo = xs[0], hi = xs[0];
  for (const x of xs) { if (x < lo) lo = x; if (x > hi) hi = x; }
  return [lo, hi];
}
class Holder { pair: [i32, string] = [1, "one"]; list: Entry[] = []; }
export function main(): void {
  const [lo, hi] = minMax([3, -1.5, 8, 2]);
  print(lo, hi);
  const h = new Holder();
  h.pair[0] += 41;
  h.pair[1] = h.pair[1] + "!";
  const [n, s] = h.pair;
  print(n, s, h.pair[0], h.pair.length);
  h.list.push(["a", 1]);
  h.list.push(["b", 2]);
  let total = 0;
  for (const [name, v] of h.list) total += v + name.length;
  const [, second] = h.list[1];
  print(total, second);
  const m = new Map<string, [i32, i32]>();
  m.set("x", [1, 2]);
  const got = m.get("x")!;
  print(got[0] + got[1]);
  const words = "alpha beta gamma".split(" ");
  const [first, , third] = words;
  let [x, y] = [10, 20];
  x += y;
  print(first, third, x, y);
}
