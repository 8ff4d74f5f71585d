// expect: an array's length can only be set lower @ 14
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
  const n: i32 = squares.length;
  squares.length = n + 1;
}
