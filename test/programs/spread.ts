// Spread of arrays into array literals: a new array each time.
import { i32, f64, print } from "stmc";

export function main(): void {
  const a = [1, 2, 3];
  const b: i32[] = [...a, 4, ...a];
  const c = [...a];
  c.push(9);
  const d: f64[] = [0.5, ...[1, 2].map((x) => f64(x) * 1.5)];
  const words = ["x", ...["y", "z"], "w"];
  print(b.join(" "), a.length, c.length, d.join(","), words.join(""));
}
