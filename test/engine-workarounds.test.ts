// Where the compiler works around an engine defect, the workaround is pinned down here.
//
// V8's baseline compiler (Liftoff) in Node 20 loses locals it keeps in registers across
// memory.atomic.wait32 (compiler/lower/context.ts WAIT_FUNCTION). Every wait is therefore one
// call of a function the optimizer never inlines: inlined into a loop that keeps its counter or
// an address in a register, a wait made workers store to address 0 and hang the program.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileFile } from "../compiler/index.js";
import { WAIT_FUNCTION } from "../compiler/lower/context.js";
import { ROOT, TARGETS } from "./support/programs.js";
import { functionsOf } from "./support/wat.js";

const PROGRAM = path.join(ROOT, "bench/programs/btree.ts");


describe.each(TARGETS)("%s: every wait is a call of the one wait function", (target) => {
  it.each([0, 2, 3] as const)("-O%i", (optimizeLevel) => {
    const result = compileFile(PROGRAM, { target, stm: "etl", optimizeLevel, emitText: true });
    if (!result.ok) throw new Error("btree.ts does not compile");
    const fns = functionsOf(result.text!);
    const waiting = [...fns].filter(([, body]) => body.includes("memory.atomic.wait32")).map(([name]) => name);
    expect(waiting).toEqual([`$${WAIT_FUNCTION}`]);
    const callers = [...fns.values()].filter((body) => body.includes(`call $${WAIT_FUNCTION}`));
    // The runtime waits in several places (locks, idle threads, collections, irrevocability).
    expect(callers.length).toBeGreaterThan(3);
  });
});

describe("under Liftoff alone", () => {
  it("a contended program on two threads finishes with the right result (btree, -O2, 3 runs)", () => {
    const wasm = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stmc-liftoff-")), "btree.wasm");
    execFileSync(process.execPath, [path.join(ROOT, "bin/stmc"), "compile", PROGRAM, "-O2", "-o", wasm], { cwd: ROOT });
    for (let run = 0; run < 3; run++) {
      const out = execFileSync(
        process.execPath,
        ["--liftoff", "--no-wasm-tier-up", "--experimental-wasm-memory64", path.join(ROOT, "bin/stmc"), "run", wasm, "--threads", "2"],
        { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
      );
      expect(out).toMatch(/^btree keys \d+ initial 10063 /);
      expect(out).toContain("btree checksum");
    }
  });
});
