import { i32, print } from "stmc";
function sum(label: string, ...values: i32[]): string {
  let total = 0;
  for (const v of values) total += v;
  return `${label}=${total}/${values.length}`;
}
class Logger {
  lines: string[] = [];
  constructor(readonly name: string, ...initial: string[]) {
    for (const l of initial) this.lines.push(l);
  }
  log(...parts: string[]): void {
    this.lines.push(parts.join(" "));
  }
}
class Loud extends Logger {
  log(...parts: string[]): void {
    this.lines.push(parts.join(" ").toUpperCase());
  }
}
export function main(): void {
  const xs = [1, 2, 3];
  print(sum("none"), sum("one", 5), sum("many", 1, 2, 3, 4), sum("spread", ...xs), sum("mixed", 0, ...xs, 10, ...xs));
  const l: Logger = new Loud("x", "a", "b");
  l.log("hello", "world");
  l.log(...["p", "q"], "r");
  print(l.lines.join("|"), new Logger("y").lines.length);
  sorts();
}
export function sorts(): void {
  const a = [10, 9, 1, -5, 100, 25];
  a.sort();
  const f = [0.5, -0.25, 1e21, 3, NaN, Infinity, -Infinity];
  f.sort();
  const s = ["b", "B", "a", "ab", "", "Z"];
  s.sort();
  const bs = [true, false, true];
  bs.sort();
  print(a.join(","), f.join(","), s.join(","), bs.join(","));
}
