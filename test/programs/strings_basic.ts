import { i32, i64, f64, print, transaction } from "stmc";

class Person {
  name: string;
  age: i32;
  constructor(name: string, age: i32) { this.name = name; this.age = age; }
  greet(): string { return `Hi, I am ${this.name} (${this.age})`; }
}

let log: string = "";

function work(i: i32, tag: string): void {
  log += tag + i;
}

export function main(): void {
  const s = "hello";
  const t = s + ", " + "world" + "!";
  print(t, t.length, s === "hello", s !== "hell" + "o", s < "help", "b" > "abc");
  const p = new Person("Ada", 36);
  print(p.greet());
  print(String(42), String(i64(9007199254740993)), String(0.1 + 0.2), String(true), `${1e21} ${-0} ${NaN}`);
  print(s.charCodeAt(1), s[4], s.charAt(10) === "", s.indexOf("l"), s.lastIndexOf("l"), s.includes("ell"), s.startsWith("he"), s.endsWith("lo"));
  print(s.substring(1, 3), s.slice(-3), s.slice(1, -1), "  pad ".trim() + "|", s.toUpperCase(), "AbC".toLowerCase(), "ab".repeat(3), "5".padStart(3, "0"), "x".padEnd(4, "-") + "|");
  const parts = "a,b,,c".split(",");
  print(parts.length, parts[0], parts[2] === "", parts[3], "abc".split("").length);
  print(parseInt("42px"), parseInt("ff", 16), parseFloat("3.25e2x"), Number("  12 "), Number("x"), String.fromCharCode(72, 105));
  const names: string[] = ["pear", "apple", "fig"];
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  print(names[0], names[1], names[2], names.indexOf("fig"), names.includes("kiwi"));
  let acc = "";
  for (let i = 0; i < 5; i++) acc += i;
  print(acc);
  for (let i = 0; i < 50; i++) transaction.add(work, i, "t");
  transaction.run();
  print(log.length);
  let n: string | null = null;
  print(n === null, `${n}`);
  n = "x";
  if (n) print("truthy", n);
  const empty = "";
  if (!empty) print("empty is falsy");
  let big = "";
  for (let i = 0; i < 20000; i++) big = big + "ab".charAt(i % 2);
  print(big.length, big.substring(0, 6));
}
