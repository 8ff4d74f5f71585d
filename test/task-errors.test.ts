// Errors that leave tasks (test/task-errors/transfers.ts): under every STM algorithm the failed
// task's writes are undone (etl's undo log rolled back, tl2's and norec's redo log dropped) at
// every thread count and under forced aborts, run() throws the first task error after
// the others are done and drops the tasks not started, and the next run works. gil and none keep
// no log to undo with: there run() still throws the task's error.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileOrThrow, ROOT, TARGETS } from "./support/programs.js";
import { runModule } from "../runtime/host/index.js";

const FILE = path.join(ROOT, "test/task-errors/transfers.ts");
const EXPECTED = [
  "caught in tasks: total 64000 committed 4000",
  "run threw a task's error: true true",
  "after the failed run: total 64000 some tasks dropped true",
  "next run: total 64000 committed 4000",
  "",
].join("\n");

async function run(wasm: Uint8Array, threads: number, forcedAbortRate = 0) {
  let stdout = "";
  let stderr = "";
  const result = await runModule(wasm, { threads, forcedAbortRate, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { ...result, stdout, stderr };
}

describe("an error that leaves a task", () => {
  for (const stm of ["etl", "tl2", "norec"] as const) {
    for (const target of TARGETS) {
      it(`${target}, ${stm}, 1/2/4/8 threads: the task is undone, run() throws its error, later runs work`, async () => {
        const wasm = compileOrThrow(FILE, { target, stm });
        for (const threads of [1, 2, 4, 8]) {
          const result = await run(wasm, threads);
          expect(result.stderr, `${threads} threads`).toBe("");
          expect(result.stdout, `${threads} threads`).toBe(EXPECTED);
        }
      });

      it(`${target}, ${stm}, forced aborts (30% of commits), 4 threads: the same`, async () => {
        const result = await run(compileOrThrow(FILE, { target, stm }), 4, 0.3);
        expect(result.stderr).toBe("");
        expect(result.stdout).toBe(EXPECTED);
        expect(result.stats!.aborts.forced).toBeGreaterThan(0);
      });
    }
  }

  it("gil (2 threads) and none: run() throws the task's error", async () => {
    for (const [stm, threads] of [["gil", 2], ["none", 1]] as const) {
      const result = await run(compileOrThrow(FILE, { stm }), threads);
      expect(result.stderr, stm).toBe("");
      expect(result.stdout.split("\n")[1], stm).toBe("run threw a task's error: true true");
    }
  });
});
