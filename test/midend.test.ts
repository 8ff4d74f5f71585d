// The mid-end (compiler/midend/pipeline.ts), pass by pass on small programs, through what
// `stmc compile --emit ir` prints (compiler/midend/print.ts).
import { describe, expect, it } from "vitest";
import { compileFile } from "../compiler/index.js";
import type { StmAlgorithm } from "../runtime/abi.js";
import { cli } from "./support/programs.js";

const FILE = "midend-case.ts";

/** The IR of `source` (a program), for `stm`. */
function ir(source: string, stm: StmAlgorithm = "etl"): string {
  const result = compileFile(FILE, { target: "wasm32", optimizeLevel: 0, stm, emitIr: true, sources: { [FILE]: source } });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.ir!;
}

/** The lines printed for function `name`, up to the next function. */
function functionIr(text: string, name: string): string {
  const start = text.indexOf(`function ${name} `);
  expect(start, `function ${name}`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf("\n\n", start);
  return text.slice(start, end < 0 ? undefined : end);
}

const HEADER = `import { i32, print, transaction } from "stmc";\nclass Box { v: i32 = 0; constructor(v: i32) { this.v = v; } }\n`;

describe("the mid-end", () => {
  it("roots: a reference waiting across an allocation becomes a tee of a new local", () => {
    const text = ir(`${HEADER}function pair(a: Box, b: Box): i32 { return a.v + b.v; }
function make(v: i32): Box { return new Box(v); }
export function main(): void { let x = new Box(1); print(pair(make(1), new Box(2)) + pair(x, new Box(3))); }\n`, "none");
    const main = functionIr(text, "main");
    // make(1)'s result waits on the value stack while \`new Box(2)\` may collect: rooted first.
    expect(main).toMatch(/locals x: Box, \$root\d+: Box\n/);
    expect(main).toMatch(/\(call pair \(tee \$root\d+ \(call make 1\)\) \(new Box 2\)\)/);
    // A local is in the frame already: x is not copied.
    expect(main).toContain("(call pair x (new Box 3))");
    // Nothing waits in pair: no new local.
    expect(functionIr(text, "pair")).not.toContain("$root");
  });

  it("frames (etl): none without a safepoint, lazy when only loops poll, at entry when a call can collect", () => {
    const text = ir(`${HEADER}function add(a: Box, b: Box): i32 { return a.v + b.v; }
function spin(a: Box, n: i32): i32 { let s = 0; for (let i = 0; i < n; i++) s += a.v; return s; }
function make(n: i32): Box { let b = new Box(n); return new Box(b.v + 1); }
export function main(): void { let b = new Box(1); print(add(b, b) + spin(b, 3) + make(2).v); }\n`, "etl");
    expect(functionIr(text, "add")).toContain("frame: none");
    expect(functionIr(text, "spin")).toContain("frame: lazy");
    expect(functionIr(text, "make")).toContain("frame: at entry");
  });

  it("barriers: the transactional clone's accesses carry their plan; code outside transactions has none", () => {
    const source = `${HEADER}let shared: Box = new Box(0);
function bump(k: i32): void { const s = shared; s.v = s.v + k; s.v += 1; let own = new Box(k); own.v += 1; }
export function main(): void { transaction.add(bump, 1); transaction.run(); print(shared.v); }\n`;
    const bump = functionIr(ir(source), "bump");
    expect(bump).toContain("transactional clone:");
    // shared is written only by its initialiser: its own read needs no barrier.
    expect(bump).toContain("(set s (global.get shared {value: immutable}))");
    expect(bump).toContain("(field.set Box.v {value: write} s (add i32 (field.get Box.v {value: read} s) k))");
    // The second write and its read follow the first write of the same location: owned.
    expect(bump).toContain("(field.get Box.v {value: owned}");
    expect(bump).toContain("(field.set Box.v {value: fresh} own");
    // tl2 keeps the barrier where etl owns the location (its value is in the redo log).
    expect(functionIr(ir(source, "tl2"), "bump")).not.toContain("owned");
    // Without an STM algorithm there is no clone and no plan.
    const none = functionIr(ir(source, "none"), "bump");
    expect(none).toContain("  body:");
    expect(none).not.toContain("{value:");
  });

  it("prints only the user's functions and the module initialisers", () => {
    const text = ir(`${HEADER}let b: Box = new Box(3);\nexport function main(): void { print(b.v); }\n`);
    expect(text).not.toContain("function tx_commit");
    expect(text).toContain("module initialisers");
    expect(text).toContain("(global.set b (new Box 3))");
  });

  it("is what `stmc compile --emit ir` writes", () => {
    const r = cli(["compile", "examples/hello.ts", "--emit", "ir"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^function main examples\/hello\.ts:\d+:\d+ frame: /);
  });
});
