// The embedding API: run a module compiled by stmc on Node.js.
//
//   import { runModule } from "stmc/runtime/host";   // dist/runtime/host/index.js
//   const { exitCode } = await runModule(wasmBytes, { threads: 4 });
//
// The program runs on worker threads (never on the caller's thread, whose event loop stays
// free) over one shared WebAssembly.Memory; its output comes back asynchronously.

import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { compileModule, readModuleInfo, type ModuleInfo } from "./module-info.js";
import { createSharedMemory } from "./memory64.js";
import { packageRoot } from "../packageRoot.js";
import { formatProgramError, type ProgramError } from "./report.js";
import type { WorkerInit, WorkerMessage } from "./protocol.js";
import { OrderedOutput } from "./ordered-output.js";
import { MAX_THREADS, type SourceLocation } from "../abi.js";

export { readModuleMeta, readModuleInfo, ModuleFormatError, type ModuleInfo } from "./module-info.js";
export { createSharedMemory, ensureMemory64, memory64Support, type Target } from "./memory64.js";
export { formatProgramError, type ProgramError } from "./report.js";
export type { ModuleMeta, SourceLocation } from "../abi.js";

/** Options of runModule. */
export interface RunOptions {
  /**
   * Number of threads the program may use (`transaction.run()`); an integer >= 1.
   * Default: os.availableParallelism().
   */
  threads?: number;
  /** Receives the program's output, in chunks of whole lines. Default: written to process.stdout. */
  stdout?: (text: string) => void;
  /**
   * Receives the failure report, `error: <message>\n    at <file>:<line>:<col>\n` (the `at` line
   * only when the location is known). Default: written to process.stderr.
   */
  stderr?: (text: string) => void;
  /** Stack size of each worker thread in MiB (deep recursion needs a big one). Default: 32. */
  stackSizeMb?: number;
  /** Testing aid: the fraction (0..1) of commits that abort instead, to drive every rollback path. */
  forcedAbortRate?: number;
  /** Debugging aid: the collector fills freed memory with a pattern, so a use after free shows. */
  gcPoison?: boolean;
  /** Debugging aid: the collector runs whenever a thread's allocation chunk (64 KiB) runs out. */
  gcStress?: boolean;
}

/** What the collector did during a run (`stmc run --stats`). */
export interface GcStats {
  collections: number;
  /** Total and longest stop-the-world pause, in milliseconds. */
  pauseTotalMs: number;
  pauseMaxMs: number;
  bytesAllocated: number;
  bytesFreed: number;
  /** The most memory the heap ever spanned. */
  heapPeak: number;
}

/** What the STM did during a run (`stmc run --stats`). */
export interface StmStats {
  stm: string;
  /** Transactions (tasks and outermost atomic blocks) that committed. */
  commits: number;
  /** Transactions that ran irrevocably after repeated aborts. */
  irrevocable: number;
  aborts: { readLocked: number; readChanged: number; writeLocked: number; validation: number; forced: number; capacity: number };
  /** The access whose conflicts caused the most aborts. */
  topConflict?: { location: SourceLocation | undefined; aborts: number };
  /** The collector's figures (modules built by stmc always have them). */
  gc?: GcStats;
}

/** Result of runModule. */
export interface RunResult {
  /** main's return value when main returns i32, 1 when the program failed, else 0. */
  exitCode: number;
  /** Set when the program failed (the same report went to `stderr`). */
  error?: ProgramError;
  /** The STM's counters, when the program ran to its end. */
  stats?: StmStats;
}

const DEFAULT_STACK_MB = 32;

let workerUrl: URL | undefined;

/**
 * The compiled worker script, dist/runtime/host/worker.js under the package root: the same file
 * whether this module runs compiled (dist/runtime/host/index.js) or as TypeScript source
 * (runtime/host/index.ts, e.g. under vitest).
 */
function workerScript(): URL {
  if (workerUrl) return workerUrl;
  const script = join(packageRoot(), "dist", "runtime", "host", "worker.js");
  if (!existsSync(script)) throw new Error(`the host's worker script ${script} is missing: build stmc first (npm run build)`);
  workerUrl = pathToFileURL(script);
  return workerUrl;
}

function checkThreads(threads: number): number {
  if (!Number.isSafeInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new RangeError(`threads must be an integer from 1 to ${MAX_THREADS}, not ${threads}`);
  }
  return threads;
}

/**
 * Runs a module compiled by stmc: creates its shared memory (from stmc.meta; 64-bit for wasm64)
 * and `threads` workers over it. Thread 0 calls `__stmc_init`, `main` and `__stmc_finish`; the
 * others run the task scheduler's loop until the program ends. More threads start when the
 * program asks for them (transaction.setNumThreads).
 *
 * Output goes to `options.stdout` (or process.stdout), in the order the threads printed it.
 * When the program fails (a runtime error, a trap, a stack overflow, on any thread), the report
 * goes to `options.stderr` (or process.stderr), every thread is stopped and the exit code is 1;
 * otherwise it is main's i32 result, or 0.
 *
 * Rejects (with ModuleFormatError) when `wasm` is not a valid stmc module of this ABI version,
 * or with an Error when the module cannot be instantiated or a worker dies.
 */
export async function runModule(wasm: Uint8Array | WebAssembly.Module, options: RunOptions = {}): Promise<RunResult> {
  const threads = checkThreads(options.threads ?? availableParallelism());
  const module = wasm instanceof WebAssembly.Module ? wasm : compileModule(wasm);
  const info: ModuleInfo = readModuleInfo(module);
  if (info.meta.stm === "none" && threads > 1) {
    throw new RangeError("this module was compiled with --stm none, which runs on one thread: use --threads 1");
  }
  // The memory starts at its maximum: V8 bounds-checks accesses against a memory size each
  // thread caches and updates only some time after another thread grew the shared memory, so a
  // thread could trap on memory another one just grew (seen on wasm64 and on wasm32 with 8
  // threads). Pages the program never touches cost nothing; the heap still grows inside it.
  const { maximumPages } = info.meta.memory;
  const startPages = maximumPages;
  const memory = createSharedMemory(info.meta.target, startPages, maximumPages);
  const writeOut = options.stdout ?? ((text: string) => void process.stdout.write(text));
  const writeErr = options.stderr ?? ((text: string) => void process.stderr.write(text));
  const base: Omit<WorkerInit, "threadIndex"> = {
    module,
    memory,
    threads,
    sequence: new SharedArrayBuffer(4),
    forcedAbortsPerMillion: Math.round((options.forcedAbortRate ?? 0) * 1_000_000),
    gcFlags: (options.gcPoison === true ? 1 : 0) | (options.gcStress === true ? 2 : 0),
    mainReturnsI32: info.meta.mainReturnsI32,
    strings: info.strings,
    locations: info.locations,
    functions: info.functions,
    sourceMap: info.sourceMap,
  };
  const outcome = await runThreads(base, options.stackSizeMb ?? DEFAULT_STACK_MB, writeOut);
  if (outcome.type === "fatal") throw new Error(outcome.message);
  if (outcome.type === "failure") {
    writeErr(formatProgramError(outcome.error));
    return { exitCode: 1, error: outcome.error };
  }
  const stats = outcome.statsAddress === undefined || outcome.statsAddress === 0 ? undefined : readStats(memory, outcome.statsAddress, info);
  if (stats !== undefined && outcome.gcStatsAddress !== undefined) stats.gc = readGcStats(memory, outcome.gcStatsAddress);
  return { exitCode: outcome.exitCode, stats };
}

type Outcome = { type: "exit"; exitCode: number; statsAddress?: number; gcStatsAddress?: number } | { type: "failure"; error: ProgramError } | { type: "fatal"; message: string };

/**
 * Starts the threads and settles when the program is over: thread 0 and every worker have
 * exited, or one thread failed (then all are stopped).
 */
function runThreads(base: Omit<WorkerInit, "threadIndex">, stackSizeMb: number, writeOut: (text: string) => void): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const output = new OrderedOutput(writeOut);
    const workers = new Set<Worker>();
    let started = 0;
    let outcome: Outcome | undefined;
    let callbackError: unknown;
    const stopAll = (): void => {
      for (const w of workers) void w.terminate();
    };
    const settle = (): void => {
      if (workers.size > 0) return;
      output.drain();
      if (callbackError !== undefined) reject(callbackError);
      else resolve(outcome ?? { type: "fatal", message: "the program's threads stopped without a result" });
    };
    const start = (): void => {
      const threadIndex = started++;
      const worker = new Worker(workerScript(), { workerData: { ...base, threadIndex }, resourceLimits: { stackSizeMb }, stdout: false, stderr: false });
      workers.add(worker);
      let crash: unknown;
      let final = false;
      worker.on("message", (message: WorkerMessage) => {
        switch (message.type) {
          case "output":
            try {
              output.add(message.chunks);
            } catch (error) {
              // A throwing stdout callback stops the program; runModule rejects with its error.
              callbackError ??= error;
              stopAll();
            }
            return;
          case "spawn":
            if (outcome === undefined) for (let i = 0; i < message.count; i++) start();
            return;
          case "exit":
            final = true;
            if (threadIndex === 0 && outcome === undefined) outcome = message;
            return;
          case "failure":
          case "fatal":
            final = true;
            if (outcome === undefined || outcome.type === "exit") outcome = message;
            stopAll();
            return;
        }
      });
      worker.on("error", (error) => {
        crash = error;
      });
      worker.on("exit", (code) => {
        workers.delete(worker);
        if (!final && outcome === undefined) {
          const reason = crash instanceof Error ? crash.message : crash !== undefined ? String(crash) : `exit code ${code}`;
          outcome = { type: "fatal", message: `thread ${threadIndex} stopped unexpectedly (${reason})` };
          stopAll();
        }
        settle();
      });
    };
    for (let i = 0; i < base.threads; i++) start();
  });
}

/** The collector's statistics (abi.ts ModuleExport.gcStats), read once every thread has stopped. */
function readGcStats(memory: WebAssembly.Memory, address: number): GcStats {
  const view = new DataView(memory.buffer, address, 48);
  const u64 = (offset: number) => Number(view.getBigUint64(offset, true));
  return {
    collections: view.getInt32(0, true),
    pauseTotalMs: view.getFloat64(8, true),
    pauseMaxMs: view.getFloat64(16, true),
    bytesAllocated: u64(24),
    bytesFreed: u64(32),
    heapPeak: u64(40),
  };
}

/** The STM counters (runtime/core/stm/stats.ts), read once every thread has stopped. */
function readStats(memory: WebAssembly.Memory, address: number, info: ModuleInfo): StmStats {
  const words = new Int32Array(memory.buffer, address, 8 + 2 * 1024);
  const causes = { readLocked: words[2], readChanged: words[3], writeLocked: words[4], validation: words[5], forced: words[6], capacity: words[7] };
  let top: StmStats["topConflict"];
  for (let i = 8; i < words.length; i += 2) {
    const location = words[i] - 1;
    if (location >= 0 && (top === undefined || words[i + 1] > top.aborts)) top = { location: info.locations[location], aborts: words[i + 1] };
  }
  return { stm: info.meta.stm, commits: words[0], irrevocable: words[1], aborts: causes, topConflict: top };
}
