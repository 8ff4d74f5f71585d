// The compiler–runtime contract (compiler/runtime/contract.ts): declared once, checked against
// the runtime when it is built, shown in docs/runtime-abi.md; and the STM algorithms' abort causes
// (runtime/core/stm/contract.ts) in the order the host names them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contractMarkdown, contractViolations, LAYOUT_CONSTANTS, PROGRAM_CALLS, SHARED_VARIABLES, THREAD_LOCALS } from "../compiler/runtime/contract.js";
import { ABI_VERSION, ABORT_CAUSES } from "../runtime/abi.js";
import { ROOT } from "./support/programs.js";

/** A runtime that meets the contract exactly. */
function complete() {
  const variables = [
    ...[...THREAD_LOCALS].map((name) => ({ name, kind: "thread-local" as const })),
    ...[...SHARED_VARIABLES].map((name) => ({ name, kind: "shared" as const })),
    ...[...LAYOUT_CONSTANTS].map((name) => ({ name, kind: "constant" as const })),
  ];
  return { functions: new Set(PROGRAM_CALLS), variables };
}

describe("the compiler–runtime contract", () => {
  it("is met by a runtime that defines every name once", () => {
    const { functions, variables } = complete();
    expect(contractViolations(functions, variables)).toEqual([]);
  });

  it("reports a missing function, a missing variable and a name defined twice", () => {
    const { functions, variables } = complete();
    functions.delete("write_prepare");
    const withoutLocks = variables.filter((v) => v.name !== "locks");
    withoutLocks.push({ name: "readCount", kind: "thread-local" });
    expect(contractViolations(functions, withoutLocks)).toEqual([
      "compiler/runtime/contract.ts: the runtime's function 'write_prepare' is not defined",
      "compiler/runtime/contract.ts: the runtime's thread-local variable 'locks' is not defined",
      "compiler/runtime/contract.ts: the runtime's thread-local variable 'readCount' is defined 2 times",
    ]);
  });

  it("is what docs/runtime-abi.md shows", () => {
    const doc = fs.readFileSync(path.join(ROOT, "docs/runtime-abi.md"), "utf8");
    const section = /<!-- contract:begin -->\n([\s\S]*?)\n<!-- contract:end -->/.exec(doc);
    expect(section, "the markers of the generated section").not.toBeNull();
    expect(section![1]).toBe(contractMarkdown());
  });
});

describe("docs/runtime-abi.md", () => {
  const doc = fs.readFileSync(path.join(ROOT, "docs/runtime-abi.md"), "utf8");

  it("names the ABI version the code has", () => {
    expect(doc).toContain(`ABI_VERSION = ${ABI_VERSION}`);
  });

  it("gives __stmc_init the parameters the compiler's init takes, wherever it calls it", () => {
    // lower/module.ts addInit: (threads, forcedAbortsPerMillion, flags, limitPages, seed), all i32.
    expect(doc).toContain("`(threads: i32, forcedAbortsPerMillion: i32, flags: i32, limitPages: i32, seed: i32) -> ()`");
    const calls = [...doc.matchAll(/__stmc_init\(([^)]*)\)/g)].map((m) => m[1].split(",").length);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every((n) => n === 5), `argument counts ${calls.join(", ")}`).toBe(true);
  });
});

describe("abort causes", () => {
  it("the runtime's ABORT_* numbers are the host's ABORT_CAUSES, in order", () => {
    const source = fs.readFileSync(path.join(ROOT, "runtime/core/stm/contract.ts"), "utf8");
    const runtime = [...source.matchAll(/export const ABORT_([A-Z_]+): i32 = (\d+);/g)].map((m) => ({ name: m[1], value: Number(m[2]) }));
    expect(runtime.map((c) => c.value)).toEqual(ABORT_CAUSES.map((_, i) => i));
    const camel = (name: string) => name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    expect(runtime.map((c) => camel(c.name))).toEqual(ABORT_CAUSES.map(([name]) => name));
  });
});
