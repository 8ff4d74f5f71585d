// The engine settings the host makes on Node (runtime/host/engine.ts): a program run by the host
// has V8's wasm inliner on, also on Node 20, whose V8 has it behind a flag.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/programs.js";

const PROGRAM = path.join(ROOT, "test/engine/hot_calls.ts");

describe("the engine's wasm inliner", () => {
  it("inlines a hot call of a program run by `stmc run` (V8's inlining trace)", () => {
    const wasm = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stmc-engine-")), "hot_calls.wasm");
    // -O0: the call of `bump` stays a call in the module, for the engine to inline.
    execFileSync(process.execPath, [path.join(ROOT, "bin/stmc"), "compile", PROGRAM, "-O0", "-o", wasm], { cwd: ROOT });
    const out = execFileSync(process.execPath, ["--trace-wasm-inlining", path.join(ROOT, "bin/stmc"), "run", wasm], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(out).toContain("total 3000000");
    // The trace names each call the optimizing tier took into its caller.
    expect(out).toMatch(/considering candidate .*: inlining!/);
  });
});
