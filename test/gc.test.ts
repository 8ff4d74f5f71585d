// The garbage collector: each program of test/gc allocates far more than its heap limit
// (--max-memory 16) with a small live set, on every thread at once, and checks its own live data
// (it throws, or prints a wrong checksum, when the collector freed a live object). Each runs on
// both targets with every STM algorithm at 1, 2, 4 and 8 threads; again with the runtime's forced-abort mode (garbage made by
// transactions that roll back, finalizers that abort); and again with the debug mode that poisons
// freed memory, so that a live object freed by mistake reads as garbage. Every run reports
// collections: the limit was only kept by reclaiming memory.
//   binary_trees   deep recursion in tasks (stack roots), a tree published by a task
//   list_churn     shared lists rewritten while concurrent transactions read them; atomic blocks in main
//   live_checksum  a structure that lives through many collections; objects only queued tasks refer to
//   rollback       objects only a transaction's write log refers to (etl's undo log puts them back
//                  at an abort; a redo log, tl2's and norec's, writes them at commit)
//   finalizers     each unreachable object finalized once, reachable ones never (stated output:
//                  the reference implementation never calls finalizers)
//   grows_forever  a live set beyond the limit: out of memory, on every thread count, without hanging
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runModule, type GcStats, type RunOptions, type RunResult } from "../runtime/host/index.js";
import { cli, compileOrThrow, ROOT, runReference, TARGETS } from "./support/programs.js";
import type { TargetName } from "../targets/target.js";
import type { StmAlgorithm } from "../runtime/abi.js";

const DIR = path.join(ROOT, "test/gc");
/** The heap limit of every run (MiB): each program allocates 20–120 MiB; its live set is under 3 MiB. */
const LIMIT_MIB = 16;
const THREADS = [1, 2, 4, 8];
/** The algorithms with barriers: each logs writes the collector must trace. */
const ALGORITHMS: StmAlgorithm[] = ["etl", "tl2", "norec"];
/** Compiling a program takes about 1 s, and each run under 1 s on 2 cores. */
const SLOW = { timeout: 120_000 };

interface Outcome {
  exitCode: number;
  stdout: string;
  stderr: string;
  result: RunResult;
  gc?: GcStats;
}

async function run(wasm: Uint8Array, threads: number, extra: Pick<RunOptions, "forcedAbortRate" | "gcPoison" | "gcStress"> = {}): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const result = await runModule(wasm, { threads, ...extra, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { exitCode: result.exitCode, stdout, stderr, result, gc: result.stats?.gc };
}

/** The reference run of each program, once. */
const references = new Map<string, ReturnType<typeof runReference>>();
function referenceOf(name: string): ReturnType<typeof runReference> {
  let r = references.get(name);
  if (r === undefined) {
    r = runReference(path.join(DIR, name));
    references.set(name, r);
  }
  return r;
}

/** Each program compiled once per target and algorithm (the heap limit), shared by the tests below. */
const compiled = new Map<string, Uint8Array>();
function compileGc(name: string, target: TargetName, stm: StmAlgorithm = "etl"): Uint8Array {
  const key = `${name} ${target} ${stm}`;
  let wasm = compiled.get(key);
  if (wasm === undefined) {
    wasm = compileOrThrow(path.join(DIR, name), { target, stm, optimizeLevel: 2, maximumPages: LIMIT_MIB * 16 });
    compiled.set(key, wasm);
  }
  return wasm;
}

/** A successful run with the expected output, that needed the collector to stay within the limit. */
function expectCollected(outcome: Outcome, expected: string, what: string): void {
  expect(outcome.stderr, what).toBe("");
  expect(outcome.exitCode, what).toBe(0);
  expect(outcome.stdout, what).toBe(expected);
  expect(outcome.gc?.collections, what).toBeGreaterThan(0);
}

/** What finalizers.ts prints compiled (its reference run finalizes nothing: V8 runs no finalizers). */
const FINALIZERS_OUTPUT = fs.readFileSync(path.join(DIR, "finalizers.expected"), "utf8");

const FINALIZERS_REFERENCE = ["finalizable 6000 kept 1000", "finalized 0 twice 0 reachable finalized 0 corrupt 0", "notes 0 sum of their ids 0", ""].join("\n");

/** The programs; `expected` null: the reference run's output (every line is printed by main, in a fixed order). */
const PROGRAMS: { name: string; expected: string | null }[] = [
  { name: "binary_trees.ts", expected: null },
  { name: "list_churn.ts", expected: null },
  { name: "live_checksum.ts", expected: null },
  { name: "rollback.ts", expected: null },
  { name: "finalizers.ts", expected: FINALIZERS_OUTPUT },
];

describe.each(PROGRAMS)("$name", SLOW, ({ name, expected: stated }) => {
  const expected = () => stated ?? referenceOf(name).stdout;

  it("runs on the reference implementation", () => {
    const r = referenceOf(name);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    if (name === "finalizers.ts") expect(r.stdout).toBe(FINALIZERS_REFERENCE);
    else expect(r.stdout).not.toBe("");
  });

  for (const stm of ALGORITHMS) {
    for (const target of TARGETS) {
      it(`${target}, --stm ${stm}, --max-memory ${LIMIT_MIB}, threads ${THREADS.join("/")}: exact output, memory reclaimed`, async () => {
        const wasm = compileGc(name, target, stm);
        for (const threads of THREADS) expectCollected(await run(wasm, threads), expected(), `${threads} threads`);
      });

      it(`${target}, --stm ${stm}, --max-memory ${LIMIT_MIB}, forced aborts (30% of commits), 2 and 8 threads: same output`, async () => {
        for (const threads of [2, 8]) {
          const outcome = await run(compileGc(name, target, stm), threads, { forcedAbortRate: 0.3 });
          expectCollected(outcome, expected(), `forced aborts, ${threads} threads`);
          expect(outcome.result.stats!.aborts.forced).toBeGreaterThan(0);
        }
      });

      it(`${target}, --stm ${stm}, --max-memory ${LIMIT_MIB}, freed memory poisoned, 2 threads: same output`, async () => {
        expectCollected(await run(compileGc(name, target, stm), 2, { gcPoison: true }), expected(), "poisoned");
      });
    }
  }
});

// (Not on the reference implementation: V8's heap has no such limit.)
describe("a live set that grows without bound", SLOW, () => {
  for (const target of TARGETS) {
    it(`${target}: out of memory at --max-memory ${LIMIT_MIB}, on 1, 2, 4 and 8 threads, without hanging`, async () => {
      const wasm = compileGc("grows_forever.ts", target);
      for (const threads of THREADS) {
        const outcome = await run(wasm, threads);
        expect(outcome.exitCode, `${threads} threads`).toBe(1);
        // Located in the program: at an allocation, at an access whose logs grew, or at
        // transaction.run() (the memory of the threads it starts). Which one depends on the
        // thread that ran out; never without a location.
        expect(outcome.stderr, `${threads} threads`).toMatch(new RegExp(`^error: out of memory \\(heap limit ${LIMIT_MIB} MiB\\)\\n {4}at test/gc/grows_forever\\.ts:\\d+:\\d+\\n$`));
        expect(outcome.stdout, `${threads} threads`).toBe("");
      }
    });
  }
});

describe("stmc run --stats --gc-poison", SLOW, () => {
  it("prints the collector's figures after the STM's, with the program's usual output", () => {
    const r = cli(["run", "--max-memory", String(LIMIT_MIB), "--threads", "2", "--stats", "--gc-poison", "test/gc/live_checksum.ts"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(referenceOf("live_checksum.ts").stdout);
    expect(r.stderr).toMatch(/^stats: stm etl, 2 threads: /);
    expect(r.stderr).toMatch(/^gc: collections [1-9]\d* \(\d+ major\), pause total \d+(\.\d+)? ms, longest \d+(\.\d+)? ms$/m);
    expect(r.stderr).toMatch(/^gc: allocated \d+(\.\d+)? MiB, freed \d+(\.\d+)? MiB, heap peak \d+(\.\d+)? MiB$/m);
  });
});

describe("the collector's byte counters", SLOW, () => {
  it("wasm32: more than 4 GiB allocated in total is counted in full (64-bit counters)", async () => {
    const wasm = compileOrThrow(path.join(DIR, "allocates_over_4gib.ts"), { target: "wasm32", stm: "etl", optimizeLevel: 2 });
    const outcome = await run(wasm, 1);
    expect(outcome.exitCode).toBe(0);
    // The sum of i & 1 for i below 70 000 (its reference run, 4.6 GiB of JavaScript arrays, takes
    // most of a minute).
    expect(outcome.stdout).toBe("35000\n");
    // 70 000 arrays of 64 KiB: 4.27 GiB of elements alone.
    expect(outcome.gc!.bytesAllocated).toBeGreaterThan(70000 * 65536);
    expect(outcome.gc!.bytesFreed).toBeGreaterThan(70000 * 65536 - 64 * 1024 * 1024);
  });
});

describe("a transaction holding a read in a temporary across a collection", SLOW, () => {
  // Without the check after each collection this fails most runs at 4 threads: the reader goes
  // on through an array another transaction replaced and the collector freed (and poisoned).
  for (const target of TARGETS) {
    it(`${target}: collection at every chunk, freed memory poisoned, 2, 4 and 8 threads, three runs each: the reference's output`, async () => {
      const wasm = compileGc("stale_hoisted.ts", target);
      for (const threads of [2, 4, 8]) {
        for (let attempt = 0; attempt < 3; attempt++) {
          const outcome = await run(wasm, threads, { gcStress: true, gcPoison: true });
          expectCollected(outcome, referenceOf("stale_hoisted.ts").stdout, `${threads} threads, run ${attempt + 1}`);
        }
      }
    });
  }
});
