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
import { readModuleInfo as readInfo, readModuleMeta as readMeta, type ModuleInfo } from "./module-info.js";
import { createSharedMemory, prepareEngine } from "./engine.js";
import { nodeThreads } from "./node-threads.js";
import { packageRoot } from "../packageRoot.js";
import { runProgram, startProgram, type Platform, type RunOptions, type RunResult } from "./program.js";
import type { App } from "./app.js";
import type { ModuleMeta } from "../abi.js";

export { ModuleFormatError, type ModuleInfo } from "./module-info.js";
export { createSharedMemory, ensureMemory64, ensureWasmInlining, memory64Support, prepareEngine, type Target } from "./engine.js";
export { formatProgramError, formatStats, type ProgramError } from "./report.js";
export type { ModuleMeta, SourceLocation, ExportSignature, ValueKind } from "../abi.js";
export { ProgramFailedError, type App, type Value } from "./app.js";
export type { RunOptions, RunResult, HostFunction, StmStats, GcStats } from "./program.js";

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

/**
 * Reads section stmc.meta of a compiled module. Throws ModuleFormatError for a module without
 * it (not an stmc module) or compiled for another ABI version.
 */
export function readModuleMeta(wasm: Uint8Array | WebAssembly.Module): ModuleMeta {
  prepareEngine();
  return readMeta(wasm);
}

/** Everything the host reads from a module's custom sections (module-info.ts). */
export function readModuleInfo(wasm: Uint8Array | WebAssembly.Module): ModuleInfo {
  prepareEngine();
  return readInfo(wasm);
}


function nodePlatform(options: RunOptions): Platform {
  return {
    spawn: nodeThreads(workerScript(), options.stackSizeMb ?? DEFAULT_STACK_MB),
    defaultThreads: availableParallelism(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    createMemory: createSharedMemory,
  };
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
  prepareEngine();
  return runProgram(wasm, options, nodePlatform(options));
}

/**
 * Starts a module compiled by stmc and keeps it running: its shared memory (from stmc.meta;
 * 64-bit for wasm64) and `threads` threads over it; thread 0 runs the module initialisers, then
 * the calls of `App` one at a time (app.ts). Rejects with ProgramFailedError when an initialiser
 * fails, ModuleFormatError for a module that is not stmc's, an Error when it cannot run at all.
 */
export async function instantiate(wasm: Uint8Array | WebAssembly.Module, options: RunOptions = {}): Promise<App> {
  prepareEngine();
  return startProgram(wasm, options, nodePlatform(options));
}
