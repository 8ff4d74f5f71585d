// The STM under many threads: each program of test/stm states invariants that a broken STM
// would violate (it throws, or prints a wrong count), at 1, 2, 4 and 8 threads (more threads
// than this machine has cores), on both targets, with every algorithm; and again with the
// runtime's forced-abort mode, which makes commits abort at random to drive every rollback path.
// Programs print in schedule order, so lines are compared sorted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allPrograms, entryFor } from "../bench/runner/programs.js";
import { STM_ALGORITHMS, type StmAlgorithm } from "../runtime/abi.js";
import { compileOrThrow, ROOT, runReference, TARGETS } from "./support/programs.js";
import { runModule } from "../runtime/host/index.js";

const DIR = path.join(ROOT, "test/stm");
const THREADS: Record<StmAlgorithm, number[]> = { etl: [1, 2, 4, 8], gil: [1, 2, 4, 8], none: [1], tl2: [1, 2, 4, 8], norec: [1, 2, 4, 8] };
/** The algorithms with barriers, whose transactions can abort. */
const ABORTING: StmAlgorithm[] = ["etl", "tl2", "norec"];

async function run(wasm: Uint8Array, threads: number, forcedAbortRate = 0) {
  let stdout = "";
  let stderr = "";
  const result = await runModule(wasm, { threads, forcedAbortRate, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { ...result, stdout, stderr };
}

const sorted = (text: string) => text.split("\n").sort().join("\n");

describe.each(fs.readdirSync(DIR).filter((f) => f.endsWith(".ts")))("%s", (name) => {
  const file = path.join(DIR, name);
  const expected = runReference(file);

  it("passes on the reference implementation", () => {
    expect(expected.exitCode).toBe(0);
    expect(expected.stderr).toBe("");
  });

  for (const target of TARGETS) {
    for (const stm of STM_ALGORITHMS) {
      it(`${target}, --stm ${stm}, threads ${THREADS[stm].join("/")}: invariants hold, counts exact`, async () => {
        const wasm = compileOrThrow(file, { target, stm });
        for (const threads of THREADS[stm]) {
          const result = await run(wasm, threads);
          expect(result.stderr, `${threads} threads`).toBe("");
          expect(sorted(result.stdout), `${threads} threads`).toBe(sorted(expected.stdout));
          expect(result.stats?.commits).toBeGreaterThan(0);
        }
      });
    }
    for (const stm of ABORTING) {
      it(`${target}, --stm ${stm}, forced aborts (30% of commits), 4 threads: same results, aborts counted`, async () => {
        const result = await run(compileOrThrow(file, { target, stm }), 4, 0.3);
        expect(result.stderr).toBe("");
        expect(sorted(result.stdout)).toBe(sorted(expected.stdout));
        expect(result.stats!.aborts.forced).toBeGreaterThan(0);
      });
    }
  }
});

describe("irrevocability", () => {
  for (const target of TARGETS) {
    it(`${target}: with 90% of commits forced to abort, transactions turn irrevocable and every count stays exact`, async () => {
      const file = path.join(DIR, "counter.ts");
      const expected = runReference(file);
      const result = await run(compileOrThrow(file, { target, stm: "etl" }), 4, 0.9);
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe(expected.stdout);
      expect(result.stats!.irrevocable).toBeGreaterThan(0);
    });
  }
});

describe("long transactions: logs are bounded", () => {
  // 14 tasks each sweep a 1M-element array allocated before them (read every element, write
  // most), then two read it all. On a 64 MiB heap their logs would not fit: each such
  // transaction aborts once with its logs full and runs again alone, without logs.
  const file = path.join(ROOT, "test/stm-large/sweep.ts");
  const expected = runReference(file);
  for (const target of TARGETS) {
    it(`${target}: at 1 and 2 threads under --max-memory 64, the right sums, no out of memory`, async () => {
      const wasm = compileOrThrow(file, { target, stm: "etl", maximumPages: 64 * 16 });
      for (const threads of [1, 2]) {
        const result = await run(wasm, threads);
        expect(result.stderr, `${threads} threads`).toBe("");
        expect(result.stdout, `${threads} threads`).toBe(expected.stdout);
        expect(result.stats!.aborts.capacity, `${threads} threads`).toBeGreaterThan(0);
        expect(result.stats!.irrevocable, `${threads} threads`).toBeGreaterThan(0);
      }
    });
  }
});

describe("commits that may skip revalidating their reads", () => {
  // Per-thread clocks: a commit whose read set is long skips revalidating it when no other
  // thread has published a commit since its snapshot. It must publish its own clock before it
  // checks the others': checking first let two overlapping commits each skip, each keeping a read
  // of what the other overwrote (vacation's tables then stopped adding up, about one run in four
  // at size small with this mode). The forced-abort mode also stalls each commit for a while
  // between publishing and checking, which widens exactly that window.
  const program = allPrograms().find((p) => p.name === "vacation_high")!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-stm-commits-"));
  const file = entryFor(program, "small", dir);
  const expected = runReference(file);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const target of TARGETS) {
    it(`${target}: vacation (long read sets) at 2 and 4 threads, stalled commits, 4 runs each: its tables verify`, async () => {
      const wasm = compileOrThrow(file, { target, stm: "etl" });
      for (const threads of [2, 4]) {
        for (let i = 0; i < 4; i++) {
          const result = await run(wasm, threads, 0.3);
          expect(result.stderr, `${threads} threads, run ${i + 1}`).toBe("");
          expect(result.stdout, `${threads} threads, run ${i + 1}`).toBe(expected.stdout);
        }
      }
    });
  }
});

describe("an error inside a task", () => {
  const file = path.join(ROOT, "test/errors/runtime/throw_in_task.ts");
  for (const target of TARGETS) {
    it(`${target}: stops the program with the task's error, without the task's output, on every algorithm and thread count`, async () => {
      for (const stm of ["etl", "gil", "none"] as StmAlgorithm[]) {
        const wasm = compileOrThrow(file, { target, stm });
        for (const threads of THREADS[stm]) {
          const result = await run(wasm, threads);
          expect(result.exitCode).toBe(1);
          expect(result.stderr).toMatch(/^error: task 3 failed\n {4}at test\/errors\/runtime\/throw_in_task\.ts:11:\d+\n$/);
          expect(result.stdout).toBe("start\n");
        }
      }
    });
  }
});

describe("threads", () => {
  it("refuses more than one thread for a module compiled with --stm none", async () => {
    const wasm = compileOrThrow(path.join(DIR, "counter.ts"), { stm: "none" });
    await expect(run(wasm, 2)).rejects.toThrow(/--stm none/);
  });
});
