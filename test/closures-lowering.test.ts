// What function values compile to (compiler/check/closures.ts): a call through a value whose type
// has one function in the program is a direct call; a closure reads the variables it copied
// without a barrier (readonly fields) and the ones it shares through a cell with one. Pinned
// here so that a change that puts the indirection or the barrier back fails a test.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileFile } from "../compiler/index.js";
import { ROOT, TARGETS } from "./support/programs.js";
import { functionsOf } from "./support/wat.js";

const FILE = path.join(ROOT, "test/closures/shapes.ts");

describe.each(TARGETS)("%s", (target) => {
  const result = compileFile(FILE, { target, stm: "etl", optimizeLevel: 0, emitText: true, emitBarriers: true });
  if (!result.ok) throw new Error("shapes.ts does not compile");
  const fns = functionsOf(result.text!);

  it("calls a function value directly when its type has one function in the program", () => {
    const text = fns.get("$applyTwice");
    expect(text).toBeDefined();
    expect(text).toContain("call $work$lambda.call");
    expect(text).not.toContain("call_indirect");
  });

  it("reads a copied capture without a barrier and a shared cell with one", () => {
    const report = result.barriers!;
    const section = (header: string) => {
      const start = report.indexOf(header);
      expect(start, header).toBeGreaterThanOrEqual(0);
      const end = report.indexOf("\nwork", start + 1);
      return report.slice(start, end < 0 ? undefined : end);
    };
    expect(section("work$lambda (work$lambda.call)")).toContain("field work$lambda.cap0 read: immutable");
    const bump = section("work$lambda (work$lambda.call$2)");
    expect(bump).toContain("field Cell<i32>.value write: write");
    expect(bump).toContain("field work$lambda.cap0 read: immutable");
  });
});
