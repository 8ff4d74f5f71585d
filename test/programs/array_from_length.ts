// Array.from({ length: n }, f), Array.from(array, f?), a.length = n to shrink, for...of over a string's code points.
import { i32, print } from "stmc";

export function main(): void {
  const squares = Array.from({ length: 5 }, (_, i) => i * i);
  const copy = Array.from(squares);
  const halves = Array.from(squares, (x) => x / 2);
  copy.length = 2;
  print(squares.join(","), copy.join(","), halves.join(","));
  let chars = "";
  for (const ch of "héllo😀!") chars += `[${ch}]`;
  print(chars);
}
