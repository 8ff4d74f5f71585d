// The reference run computes exactly what compiled code computes (runtime/reference/insert-checks.ts):
// i32 wraps, i64 is exact on 64 bits, integer division fails as wasm does, runtime errors are
// reported at the compiled code's locations, and what the compiler refuses is refused. The
// expected texts are what the compiled programs print (test/corpus.test.ts and
// test/runtime-errors.test.ts compare the two on whole programs).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFERENCE_JS, runPrograms, type Result } from "./support/reference.js";

const PROGRAMS: Record<string, string[]> = {
  wrap: [
    'import { i32, print } from "stmc";',
    "export function main(): void {",
    "  let h: i32 = 2147483647;",
    "  print(h * 73244475 | 0, h + 1, 2147483647 + 1, -(-2147483647 - 1), h * h, h << 1);",
    "  h++;",
    "  print(h, h - 1, Math.abs(h), -1 >>> 0, i32(h / -2));",
    "  let c: i32 = 0;",
    "  for (let i = 0; i < 100; i++) c = c * 31 + i;",
    "  c -= 2147483647;",
    "  print(c, c--, c);",
    "}",
  ],
  i64: [
    'import { i32, i64, f64, print } from "stmc";',
    "export function main(): void {",
    "  const big: i64 = 9007199254740993;",
    "  const one: i64 = 1;",
    "  const minusOne: i64 = -1;",
    "  print(big, big + 2, big * 1024, big * big, 9223372036854775807 + one);",
    "  print(one << 40, one << 63, one << 64, minusOne >>> 1, minusOne >> 63, big >>> 60, big << 62);",
    "  print(big & 0xff, big | 3, big ^ (one << 62), ~big, big % 1000, i64(big / 7), -big % 10);",
    "  print(f64(big), i64(9.5e15) + 1, big > 9007199254740992, i32(big % 1000), Math.max(big, 0));",
    "}",
  ],
  // Each division fails in its own run: `which` picks one.
  ...Object.fromEntries(
    [0, 1, 2, 3, 4, 5].map((which) => [
      `divide${which}`,
      [
        'import { i32, i64, print } from "stmc";',
        "function rem32(a: i32, b: i32): i32 { return a % b; }",
        "function div32(a: i32, b: i32): i32 { return 1 + i32(a / b); }",
        "function rem64(a: i64, b: i64): i64 { return a % b; }",
        "function div64(a: i64, b: i32): i64 { return i64(a / b); }",
        "export function main(): void {",
        "  print(rem32(7, 2), div32(7, 2), rem64(7, 2), div64(7, 2), 7 / 0);",
        `  const which: i32 = ${which};`,
        "  if (which === 0) print(rem32(7, 0));",
        "  if (which === 1) print(div32(7, 0));",
        "  if (which === 2) print(rem64(7, 0));",
        "  if (which === 3) print(div64(7, 0));",
        "  if (which === 4) print(div32(-2147483647 - 1, -1));",
        "  if (which === 5) print(div64(-9223372036854775807 - 1, -1));",
        "}",
      ],
    ]),
  ),
  runInTask: [
    'import { i32, print, transaction } from "stmc";',
    "function task(n: i32): void {",
    "  print(n); transaction.run();",
    "}",
    "export function main(): void { transaction.add(task, 1); transaction.run(); }",
  ],
  recursion: [
    'import { i32, print } from "stmc";',
    "function down(n: i32): i32 {",
    "  const x = n * 2;",
    "  if (x < -5) return 0;",
    "  return down(n + 1) + x;",
    "}",
    "export function main(): void { print(down(0)); }",
  ],
  nullField: [
    'import { i32, i64, print } from "stmc";',
    "class Box { value: i64 = 1; next: Box | null = null; }",
    "function unlink(b: Box): void { b.next = null; }",
    "export function main(): void {",
    "  const b = new Box();",
    "  b.next = new Box();",
    "  if (b.next !== null) {",
    "    b.next.value += 9007199254740992;",
    "    print(b.next.value);",
    "    unlink(b);",
    "    print(b.next.value); // still narrowed by TypeScript",
    "  }",
    "}",
  ],
  // A store evaluates its array and index (and a field store its object) once, before the value,
  // whatever the value's evaluation changes (fuzz case 9816 of seed 20261210).
  storeOnce: [
    'import { i32, print } from "stmc";',
    "class Cell { v: i32 = 0; }",
    "export function main(): void {",
    "  const a: i32[] = [1, 2, 3, 4];",
    "  let i: i32 = 0;",
    "  a[i] += (i = 2);",
    "  a[i] = i++;",
    "  let b: i32[] = [10, 20];",
    "  const first = b;",
    "  b[0] += (b = [7])[0];",
    "  let n = new Cell();",
    "  const m = new Cell();",
    "  m.v = 5;",
    "  const oldN = n;",
    "  n.v += (n = m).v;",
    "  let j: i32 = 1;",
    "  a[j] = (j = 9) - 8;",
    "  print(a[0], a[1], a[2], a[3], i, first[0], b[0], oldN.v, m.v);",
    "  const g: i32[] = [6];",
    "  g[1 % g.length] &= g.length > 0 ? g.pop()! : 1;",
    '  print("not reached");',
    "}",
  ],
  parenNonNull: [
    'import { i32, print } from "stmc";',
    "class K { f: i32 = 1; }",
    "function nk(): K | null { return null; }",
    "export function main(): void {",
    "  print(((nk()))!.f);",
    "}",
  ],
  refused: [
    'import { print } from "stmc";',
    "export function main(): void {",
    '  print("never printed");',
    "  const x = 3000000000;",
    "  print(x);",
    "}",
  ],
};

let dir: string;
const results = new Map<string, Result>();
const fileOf = (name: string) => path.join(dir, `${name}.ts`);

beforeAll(async () => {
  if (!fs.existsSync(REFERENCE_JS)) throw new Error(`${REFERENCE_JS} is missing: run \`npx tsc -p tsconfig.json\` first`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-ref-exact-"));
  const names = Object.keys(PROGRAMS);
  for (const name of names) fs.writeFileSync(fileOf(name), PROGRAMS[name].join("\n") + "\n");
  const runs = await runPrograms(names.map(fileOf));
  names.forEach((name, i) => results.set(name, runs[i]));
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The stderr of a failure at `line:column` of program `name` (outside the repository: absolute path). */
const failure = (name: string, message: string, line: number, column: number) => `error: ${message}\n    at ${fileOf(name)}:${line}:${column}\n`;

describe("the reference run computes what compiled code computes", () => {
  it("wraps i32 arithmetic: + - * (Math.imul), unary minus, ++/--, compound assignment, shifts, >>> as i32", () => {
    expect(results.get("wrap")).toEqual({
      stdout: "2074239173 -2147483648 -2147483648 -2147483648 1 -2\n-2147483648 2147483647 -2147483648 -1 1073741824\n-2088557517 -2088557517 -2088557518\n",
      stderr: "",
      code: 0,
    });
  });

  it("keeps i64 exact above 2^53, with 64-bit shifts (counts modulo 64) and bitwise operators", () => {
    expect(results.get("i64")).toEqual({
      stdout: [
        "9007199254740993 9007199254740995 -9223372036854774784 18014398509481985 -9223372036854775808",
        "1099511627776 -9223372036854775808 1 9223372036854775807 -1 0 4611686018427387904",
        "1 9007199254740995 4620693217682128897 -9007199254740994 993 1286742750677284 -3",
        "9007199254740992 9500000000000001 true 993 9007199254740993",
        "",
      ].join("\n"),
      stderr: "",
      code: 0,
    });
  });

  it("fails on integer division and remainder by zero with the compiled message, at the operator's operands", () => {
    const before = "1 4 1 3 Infinity\n";
    expect(results.get("divide0")).toEqual({ stdout: before, stderr: failure("divide0", "integer division by zero", 2, 46), code: 1 });
    expect(results.get("divide1")).toEqual({ stdout: before, stderr: failure("divide1", "integer division by zero", 3, 54), code: 1 });
    expect(results.get("divide2")).toEqual({ stdout: before, stderr: failure("divide2", "integer division by zero", 4, 46), code: 1 });
    expect(results.get("divide3")).toEqual({ stdout: before, stderr: failure("divide3", "integer division by zero", 5, 50), code: 1 });
  });

  it("reports the smallest integer divided by -1 as wasm's trap, at the division", () => {
    expect(results.get("divide4")?.stderr).toBe(failure("divide4", "integer overflow", 3, 54));
    expect(results.get("divide5")?.stderr).toBe(failure("divide5", "integer overflow", 5, 50));
  });

  it("locates a method call at its start and a stack overflow at the call that overflowed", () => {
    expect(results.get("runInTask")).toEqual({ stdout: "", stderr: failure("runInTask", "transaction.run() called inside a transaction", 3, 13), code: 1 });
    expect(results.get("recursion")).toEqual({ stdout: "", stderr: failure("recursion", "stack overflow", 5, 10), code: 1 });
  });

  it("checks a nullable field at run time where TypeScript narrows it", () => {
    expect(results.get("nullField")).toEqual({ stdout: "9007199254740993\n", stderr: failure("nullField", "null dereference", 11, 11), code: 1 });
  });

  it("evaluates a store's array, index and object once, before the value it stores", () => {
    expect(results.get("storeOnce")).toEqual({ stdout: "3 1 2 4 3 17 7 5 5\n", stderr: failure("storeOnce", "index 0 out of range", 20, 3), code: 1 });
  });

  it("reports `(e)!` on null at `e`, inside the parentheses, as compiled code does", () => {
    expect(results.get("parenNonNull")).toEqual({ stdout: "", stderr: failure("parenNonNull", "null dereference", 5, 11), code: 1 });
  });

  it("refuses what the compiler refuses, with its message and position, before running anything", () => {
    expect(results.get("refused")).toEqual({
      stdout: "",
      stderr: failure("refused", "the literal 3000000000 does not fit in i32: give it an i64 or f64 type (e.g. let x: i64 = ...)", 4, 13),
      code: 1,
    });
  });
});
