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
import { packageRoot } from "./package-root.js";
import { formatProgramError, type ProgramError } from "./report.js";
import type { WorkerInit, WorkerMessage } from "./protocol.js";

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
}

/** Result of runModule. */
export interface RunResult {
  /** main's return value when main returns i32, 1 when the program failed, else 0. */
  exitCode: number;
  /** Set when the program failed (the same report went to `stderr`). */
  error?: ProgramError;
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
  if (!Number.isSafeInteger(threads) || threads < 1) throw new RangeError(`threads must be an integer >= 1, not ${threads}`);
  return threads;
}

/**
 * Runs a module compiled by stmc: creates its shared memory (from stmc.meta; 64-bit for wasm64),
 * starts a worker that instantiates the module with the host imports, and calls
 * `__stmc_init(threads)` then `main()` there.
 *
 * Output goes to `options.stdout` (or process.stdout). When the program fails (a runtime error,
 * a trap, a stack overflow), the report goes to `options.stderr` (or process.stderr) and the
 * exit code is 1; otherwise it is main's i32 result, or 0.
 *
 * Rejects (with ModuleFormatError) when `wasm` is not a valid stmc module of this ABI version,
 * or with an Error when the module cannot be instantiated or the worker dies.
 */
export async function runModule(wasm: Uint8Array | WebAssembly.Module, options: RunOptions = {}): Promise<RunResult> {
  const threads = checkThreads(options.threads ?? availableParallelism());
  const module = wasm instanceof WebAssembly.Module ? wasm : compileModule(wasm);
  const info: ModuleInfo = readModuleInfo(module);
  const memory = createSharedMemory(info.meta.target, info.meta.memory.initialPages, info.meta.memory.maximumPages);
  const writeOut = options.stdout ?? ((text: string) => void process.stdout.write(text));
  const writeErr = options.stderr ?? ((text: string) => void process.stderr.write(text));

  const init: WorkerInit = {
    module,
    memory,
    threadIndex: 0,
    threads,
    mainReturnsI32: info.meta.mainReturnsI32,
    strings: info.strings,
    locations: info.locations,
    functions: info.functions,
    sourceMap: info.sourceMap,
  };
  const final = await runWorker(init, options.stackSizeMb ?? DEFAULT_STACK_MB, writeOut);
  switch (final.type) {
    case "exit":
      return { exitCode: final.exitCode };
    case "failure":
      writeErr(formatProgramError(final.error));
      return { exitCode: 1, error: final.error };
    case "fatal":
      throw new Error(final.message);
  }
}

type FinalMessage = Exclude<WorkerMessage, { type: "output" }>;

/** Starts one worker and resolves with its final message, once it has exited. */
function runWorker(init: WorkerInit, stackSizeMb: number, writeOut: (text: string) => void): Promise<FinalMessage> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript(), {
      workerData: init,
      resourceLimits: { stackSizeMb },
      stdout: false,
      stderr: false,
    });
    let final: FinalMessage | undefined;
    let crash: unknown;
    let callbackError: unknown;
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "output") {
        try {
          writeOut(message.text);
        } catch (error) {
          // A throwing stdout callback stops the program; runModule rejects with its error.
          callbackError ??= error;
          void worker.terminate();
        }
      } else {
        final = message;
      }
    });
    worker.on("error", (error) => {
      crash = error;
    });
    worker.on("exit", (code) => {
      if (callbackError !== undefined) reject(callbackError);
      else if (final) resolve(final);
      else {
        const reason = crash instanceof Error ? crash.message : crash !== undefined ? String(crash) : `exit code ${code}`;
        resolve({ type: "fatal", message: `the worker thread stopped unexpectedly (${reason})` });
      }
    });
  });
}
