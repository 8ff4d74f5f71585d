// Starting a compiled program, on any engine: the options, the checks, the shared memory, the
// threads (through the engine's Platform), and the figures read back at the end. The embedding
// APIs are index.ts (Node) and browser.ts (a page); both are thin over this file.
import { compileModule, readModuleInfo, type ModuleInfo } from "./module-info.js";
import type { Target } from "./memory.js";
import type { ProgramError } from "./report.js";
import type { WorkerInit } from "./protocol.js";
import { Locator } from "./locate.js";
import { ProgramFailedError, startApp, type App, type SpawnThread, type Value } from "./app.js";
import { ABORT_CAUSES, MAX_THREADS, type AbortCause, type SourceLocation } from "../abi.js";

/** What differs between engines: how threads start, the defaults, how memory is made. */
export interface Platform {
  spawn: SpawnThread;
  defaultThreads: number;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  createMemory(target: Target, initialPages: number, maximumPages: number): WebAssembly.Memory;
}

/** Options of runModule. */
export interface RunOptions {
  /**
   * Number of threads the program may use (`transaction.run()`); an integer >= 1.
   * Default: the machine's (Node: os.availableParallelism(); a page: navigator.hardwareConcurrency).
   */
  threads?: number;
  /** Receives the program's output, in chunks of whole lines. Default: process.stdout (Node), console.log (a page). */
  stdout?: (text: string) => void;
  /**
   * Receives the failure report, `error: <message>\n    at <file>:<line>:<col>\n` (the `at` line
   * only when the location is known). Default: process.stderr (Node), console.error (a page).
   */
  stderr?: (text: string) => void;
  /** Node only: stack size of each worker thread in MiB (deep recursion needs a big one). Default: 32. */
  stackSizeMb?: number;
  /** Testing aid: the fraction (0..1) of commits that abort instead, to drive every rollback path. */
  forcedAbortRate?: number;
  /** Debugging aid: the collector fills freed memory with a pattern, so a use after free shows. */
  gcPoison?: boolean;
  /** Debugging aid: the collector runs whenever a thread's allocation chunk (64 KiB) runs out. */
  gcStress?: boolean;
  /** Math.random's seed: the same seed gives the same numbers (and the reference run's, --seed); by default a random one. */
  seed?: number;
  /**
   * The program's host functions (`declare function name(...)` in its source), by name: called
   * on the host's thread with numbers, bigints (i64) and booleans; each returns the declared
   * type, or a promise of it. Every declared one must be supplied.
   */
  imports?: Record<string, HostFunction>;
  /** Stops the program's threads when it aborts (a runaway program): pending calls reject. */
  signal?: AbortSignal;
  /** A heap limit in MiB below the one the module was compiled with (`--max-memory`). */
  maxMemory?: number;
}

/** A host function the embedder supplies (RunOptions.imports). */
export type HostFunction = (...args: Value[]) => Value | void | Promise<Value | void>;

/** What the collector did during a run (`stmc run --stats`). */
export interface GcStats {
  collections: number;
  /** How many of them were major (the whole heap marked and swept; the others: the young generation). */
  majorCollections: number;
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
  /** Aborts by cause (ABORT_CAUSES). */
  aborts: Record<AbortCause, number>;
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

/** The memory's size in pages: the module's maximum, or `maxMemory` MiB when given (at most that). */
function chosenLimit(maxMemory: number | undefined, memory: { initialPages: number; maximumPages: number }): number {
  if (maxMemory === undefined) return memory.maximumPages;
  const pages = maxMemory * 16;
  if (!Number.isSafeInteger(maxMemory) || pages < memory.initialPages || pages > memory.maximumPages) {
    const mib = (p: number) => Math.ceil(p / 16);
    throw new RangeError(`the heap limit must be a whole number of MiB from ${mib(memory.initialPages)} to ${memory.maximumPages / 16} (the module's limit, set at compile time with --max-memory), not ${maxMemory}`);
  }
  return pages;
}

function checkThreads(threads: number): number {
  if (!Number.isSafeInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new RangeError(`threads must be an integer from 1 to ${MAX_THREADS}, not ${threads}`);
  }
  return threads;
}

/**
 * Starts a module compiled by stmc and keeps it running: its shared memory (from stmc.meta;
 * 64-bit for wasm64) and `threads` threads over it; thread 0 runs the module initialisers, then
 * the calls of `App` one at a time (app.ts). Rejects with ProgramFailedError when an initialiser
 * fails, ModuleFormatError for a module that is not stmc's, an Error when it cannot run at all.
 */
export async function startProgram(wasm: Uint8Array | WebAssembly.Module, options: RunOptions, platform: Platform): Promise<App> {
  const threads = checkThreads(options.threads ?? platform.defaultThreads);
  const module = wasm instanceof WebAssembly.Module ? wasm : compileModule(wasm);
  const info: ModuleInfo = readModuleInfo(module);
  if (info.meta.stm === "none" && threads > 1) {
    throw new RangeError("this module was compiled with --stm none, which runs on one thread: use --threads 1");
  }
  // The memory starts at its maximum: V8 bounds-checks accesses against a memory size each
  // thread caches and updates only some time after another thread grew the shared memory, so a
  // thread could trap on memory another one just grew (seen on wasm64 and on wasm32 with 8
  // threads). Pages the program never touches cost nothing; the heap still grows inside it.
  const limitPages = chosenLimit(options.maxMemory, info.meta.memory);
  const memory = platform.createMemory(info.meta.target, limitPages, limitPages);
  const base: Omit<WorkerInit, "threadIndex"> = {
    module,
    memory,
    pointerSize: info.meta.target === "wasm64" ? 8 : 4,
    threads,
    limitPages,
    sequence: new SharedArrayBuffer(4),
    forcedAbortsPerMillion: Math.round((options.forcedAbortRate ?? 0) * 1_000_000),
    seed: (options.seed ?? Math.floor(Math.random() * 4294967296)) | 0,
    gcFlags: (options.gcPoison === true ? 1 : 0) | (options.gcStress === true ? 2 : 0),
    strings: info.strings,
    locations: info.locations,
    imports: info.meta.imports ?? {},
  };
  const missing = Object.keys(base.imports).filter((name) => options.imports === undefined || !Object.hasOwn(options.imports, name) || typeof options.imports[name] !== "function");
  if (missing.length > 0) {
    throw new Error(`the program calls host functions that were not supplied: ${missing.join(", ")} (pass them in the imports of instantiate or runModule, stmc/api)`);
  }
  // Modules of older compilers list no signatures: main is all they offer.
  const exports = info.meta.exports ?? { main: { params: [], result: info.meta.mainReturnsI32 ? "i32" : "void" } };
  return startApp({
    base,
    exports,
    spawn: platform.spawn,
    locator: new Locator(info.functions, info.sourceMap),
    writeOut: options.stdout ?? platform.stdout,
    hostFunctions: options.imports ?? {},
    signal: options.signal,
    readFigures: (statsAddress, gcStatsAddress) => {
      const stats = statsAddress === undefined || statsAddress === 0 ? undefined : readStats(memory, statsAddress, info);
      if (stats !== undefined && gcStatsAddress !== undefined) stats.gc = readGcStats(memory, gcStatsAddress);
      return stats;
    },
  });
}

/** instantiate + main + close, the report of a failure written to `stderr` (runModule). */
export async function runProgram(wasm: Uint8Array | WebAssembly.Module, options: RunOptions, platform: Platform): Promise<RunResult> {
  const writeErr = options.stderr ?? platform.stderr;
  try {
    const app = await startProgram(wasm, options, platform);
    const exitCode = await app.main();
    return { exitCode, stats: await app.close() };
  } catch (error) {
    if (!(error instanceof ProgramFailedError)) throw error;
    writeErr(error.report);
    return { exitCode: 1, error: error.failure };
  }
}

/** The collector's statistics (abi.ts ModuleExport.gcStats), read once every thread has stopped. */
function readGcStats(memory: WebAssembly.Memory, address: number): GcStats {
  const view = new DataView(memory.buffer, address, 48);
  const u64 = (offset: number) => Number(view.getBigUint64(offset, true));
  return {
    collections: view.getInt32(0, true),
    majorCollections: view.getInt32(4, true),
    pauseTotalMs: view.getFloat64(8, true),
    pauseMaxMs: view.getFloat64(16, true),
    bytesAllocated: u64(24),
    bytesFreed: u64(32),
    heapPeak: u64(40),
  };
}

/** The STM counters (runtime/core/stm/stats.ts), read once every thread has stopped. */
function readStats(memory: WebAssembly.Memory, address: number, info: ModuleInfo): StmStats {
  const first = 2 + ABORT_CAUSES.length;
  const words = new Int32Array(memory.buffer, address, first + 2 * 1024);
  const causes = Object.fromEntries(ABORT_CAUSES.map(([name], i) => [name, words[2 + i]])) as Record<AbortCause, number>;
  let top: StmStats["topConflict"];
  for (let i = first; i < words.length; i += 2) {
    const location = words[i] - 1;
    if (location >= 0 && (top === undefined || words[i + 1] > top.aborts)) top = { location: info.locations[location], aborts: words[i + 1] };
  }
  return { stm: info.meta.stm, commits: words[0], irrevocable: words[1], aborts: causes, topConflict: top };
}
