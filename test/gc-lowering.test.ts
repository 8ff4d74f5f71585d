// What the collector's lowering emits (compiler/gc): which functions get a shadow-stack frame,
// where loops poll for a stop, and that the tables the collector reads are in the module. The
// behaviour under collections is tested by test/gc.test.ts; this pins down the cost model.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileFile } from "../compiler/index.js";
import { ROOT, TARGETS } from "./support/programs.js";
import { functionsOf } from "./support/wat.js";

const FILE = path.join(ROOT, "test/gc-lowering/shapes.ts");


describe.each(TARGETS)("%s", (target) => {
  const result = compileFile(FILE, { target, stm: "none", optimizeLevel: 0, emitText: true });
  if (!result.ok) throw new Error("shapes.ts does not compile");
  const fns = functionsOf(result.text!);
  const body = (name: string) => {
    const text = fns.get(`$${name}`);
    if (text === undefined) throw new Error(`no function ${name} in ${[...fns.keys()].join(", ")}`);
    return text;
  };

  it("a leaf method has no frame and no poll", () => {
    expect(body("Cell.get")).not.toContain("shadowTop");
    expect(body("Cell.get")).not.toContain("gc_safepoint");
  });

  it("without barriers an innermost loop that cannot stop has no poll, and its function no frame; an outer loop polls", () => {
    expect(body("Cell.length")).not.toContain("gc_safepoint");
    expect(body("Cell.length")).not.toContain("shadowTop");
    const grid = body("grid");
    expect([...grid.matchAll(/call \$gc_safepoint/g)]).toHaveLength(1);
  });

  it("a virtual call counts only the implementations of instantiated classes: Shape.area allocates, but no Shape is made", () => {
    const text = body("totalArea");
    expect(text).not.toContain("shadowTop");
    expect(text).not.toContain("gc_safepoint");
  });

  it("failed checks throw through error_fail, which is no safepoint: a method with checks has no frame", () => {
    const text = body("Cell.at");
    expect(text).toContain("call $error_fail");
    expect(text).not.toContain("shadowTop");
  });

  it("a try saves the shadow-stack pointer, and its catch puts it back first (an error unwinds frames without popping them)", () => {
    const text = body("Cell.guarded");
    const saved = /\(local\.set (\$\d+)\s*\(global\.get \$tls\.shadowTop\)\s*\)\s*\(try/.exec(text);
    expect(saved).not.toBeNull();
    const handler = text.slice(text.indexOf("(catch $stmc_error")).replace(/;;@[^\n]*/g, "");
    const restore = /^\(catch \$stmc_error\s*\(local\.set \$\d+\s*\(pop i(?:32|64)\)\s*\)\s*\(global\.set \$tls\.shadowTop\s*\(local\.get (\$\d+)\)/.exec(handler);
    expect(restore?.[1]).toBe(saved![1]);
  });

  it("an allocating function pushes a frame at entry and spills before refilling", () => {
    const text = body("Cell.prepend");
    const refill = text.indexOf("call $refill");
    expect(text.indexOf("global.set $tls.shadowTop")).toBeLessThan(refill);
    expect(text.slice(0, refill)).toMatch(/\.store[^\n]*\n\s*\(local\.get \$\d+\)\n\s*\(local\.get \$\d+\)/);
  });
});

describe("with an STM algorithm", () => {
  it("every loop polls, and a function that only loops pushes its frame in the poll's slow path", () => {
    const result = compileFile(FILE, { target: "wasm32", stm: "etl", optimizeLevel: 0, emitText: true });
    if (!result.ok) throw new Error("shapes.ts does not compile");
    const text = functionsOf(result.text!).get("$Cell.length")!;
    expect(text).toContain("call $gc_safepoint");
    // The frame push (global.set shadowTop) only appears inside the poll's `if`.
    const beforePoll = text.slice(0, text.indexOf("i32.atomic.load"));
    expect(beforePoll).not.toContain("global.set $tls.shadowTop");
  });
});
