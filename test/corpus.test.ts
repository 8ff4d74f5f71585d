// Every program of the corpus, compiled for both targets, validated, run, and compared with its
// reference run on Node (the oracle): output and exit status must be identical, with the
// default STM (etl) on 1 and 3 threads, with the other STM algorithms (tl2, norec: one target
// each) and with the gil and none baselines.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileOrThrow, ROOT, runReference, runWasm, TARGETS, validateWithWabt } from "./support/programs.js";

const PROGRAMS = [
  ...fs.readdirSync(path.join(ROOT, "test/programs")).filter((f) => f.endsWith(".ts")).map((f) => `test/programs/${f}`),
  ...fs.readdirSync(path.join(ROOT, "examples")).filter((f) => f.endsWith(".ts")).map((f) => `examples/${f}`),
];

describe.each(PROGRAMS)("%s", (program) => {
  const file = path.join(ROOT, program);
  const expected = runReference(file);

  it("runs on the reference implementation", () => {
    expect(expected.stderr).toBe("");
  });

  for (const target of TARGETS) {
    it(`${target}: same output as the reference, on 1 and 3 threads`, async () => {
      const wasm = compileOrThrow(file, { target });
      await validateWithWabt(wasm);
      for (const threads of [1, 3]) {
        const actual = await runWasm(wasm, threads);
        expect(actual.stderr).toBe(expected.stderr);
        expect(actual.stdout).toBe(expected.stdout);
        expect(actual.exitCode).toBe(expected.exitCode);
      }
    });
  }

  it("--stm gil (2 threads) and --stm none (1 thread), both targets: the same output", async () => {
    for (const target of TARGETS) {
      for (const [stm, threads] of [["gil", 2], ["none", 1]] as const) {
        const actual = await runWasm(compileOrThrow(file, { target, stm }), threads);
        expect(actual.stdout, `${target} --stm ${stm}`).toBe(expected.stdout);
        expect(actual.exitCode, `${target} --stm ${stm}`).toBe(expected.exitCode);
      }
    }
  });

  it("--stm norec (wasm32) and --stm tl2 (wasm64), 3 threads: the same output", async () => {
    for (const [target, stm] of [["wasm32", "norec"], ["wasm64", "tl2"]] as const) {
      const actual = await runWasm(compileOrThrow(file, { target, stm }), 3);
      expect(actual.stderr, `${target} --stm ${stm}`).toBe(expected.stderr);
      expect(actual.stdout, `${target} --stm ${stm}`).toBe(expected.stdout);
      expect(actual.exitCode, `${target} --stm ${stm}`).toBe(expected.exitCode);
    }
  });

  it("wasm32 -O0 behaves like -O2", async () => {
    const actual = await runWasm(compileOrThrow(file, { optimizeLevel: 0 }));
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.exitCode).toBe(expected.exitCode);
  });
});
