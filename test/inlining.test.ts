// What the optimizer may inline (compiler/link/link.ts): a function whose loop calls other code
// stays a function of its own, so that an engine that optimizes per call (V8: no replacement of
// a running frame) optimizes its loop from its next call; a loop of arithmetic is inlined.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileFile } from "../compiler/index.js";
import { ROOT, TARGETS } from "./support/programs.js";
import { functionsOf } from "./support/wat.js";

const PROGRAM = path.join(ROOT, "test/inlining/loops.ts");

describe.each(TARGETS)("%s: loops and the inliner", (target) => {
  it.each([2, 3] as const)("-O%i: the driver loop stays a call, the kernel loop is inlined", (optimizeLevel) => {
    const result = compileFile(PROGRAM, { target, stm: "none", optimizeLevel, emitText: true });
    if (!result.ok) throw new Error("loops.ts does not compile");
    const fns = functionsOf(result.text!);
    const main = [...fns].find(([name]) => name.startsWith("$main"))![1];
    expect(fns.has("$drive")).toBe(true);
    expect(main).toContain("call $drive");
    expect(fns.has("$sum")).toBe(false);
    expect(main).not.toContain("call $sum");
  });

  it("-O2 with barriers (etl): the same", () => {
    const result = compileFile(PROGRAM, { target, stm: "etl", optimizeLevel: 2, emitText: true });
    if (!result.ok) throw new Error("loops.ts does not compile");
    const fns = functionsOf(result.text!);
    expect(fns.has("$drive")).toBe(true);
    expect(fns.has("$sum")).toBe(false);
  });
});
