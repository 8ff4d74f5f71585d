// `stmc/browser`: runs a module compiled by stmc in a web page (docs/browser.md).
//
//   import { runModule } from "stmc/browser";
//   const bytes = new Uint8Array(await (await fetch("program.wasm")).arrayBuffer());
//   const { exitCode } = await runModule(bytes, { threads: 4, stdout: (text) => log(text) });
//
// Every thread of the program, thread 0 included, is a module Web Worker over one shared
// WebAssembly.Memory: the page's own thread never blocks. The page must be cross-origin isolated
// (COOP/COEP headers) for the memory to be shared; without it the calls reject with
// CrossOriginIsolationError. The API is index.ts's (stmc/api's), less what only Node has.
import { browserThreads } from "./browser-threads.js";
import { createSharedMemory, memory64Validates } from "./memory.js";
import { ModuleFormatError } from "./module-info.js";
import { runProgram, startProgram, type Platform, type RunOptions, type RunResult } from "./program.js";
import type { App } from "./app.js";

export { ModuleFormatError, readModuleInfo, readModuleMeta, type ModuleInfo } from "./module-info.js";
export { formatProgramError, formatStats, type ProgramError } from "./report.js";
export { ProgramFailedError, type App, type Value } from "./app.js";
export type { RunOptions, RunResult, HostFunction, StmStats, GcStats } from "./program.js";
export type { ModuleMeta, SourceLocation, ExportSignature, ValueKind } from "../abi.js";

/** Options of the browser host: RunOptions, and where the thread script is. */
export interface BrowserRunOptions extends Omit<RunOptions, "stackSizeMb"> {
  /**
   * The URL of browser-worker.js (this package's dist/runtime/host/browser-worker.js). Default:
   * beside this module, which is right when the package's files are served as they are; a
   * bundler that moves files may need it given.
   */
  workerUrl?: URL | string;
}

/** The page cannot share memory between threads: it is not cross-origin isolated. */
export class CrossOriginIsolationError extends Error {
  override name = "CrossOriginIsolationError";
  constructor() {
    const secure = (globalThis as { isSecureContext?: boolean }).isSecureContext !== false;
    super(
      "this page cannot run stmc programs: their threads share memory (SharedArrayBuffer), which a browser allows only in a cross-origin isolated page. " +
        (secure
          ? "Serve the page with the headers `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp` (stmc serve does; see stmc's docs/browser.md)"
          : "Isolation needs a secure context: serve the page over https, or open it from localhost (and with the headers `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`; see stmc's docs/browser.md)"),
    );
  }
}

/** Whether this page may run stmc programs (it is cross-origin isolated). */
export function isolated(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer === "function" && g.crossOriginIsolated !== false;
}

/** Whether this browser runs wasm64 modules (memory64). */
export function memory64Support(): boolean {
  return memory64Validates();
}

function browserPlatform(options: BrowserRunOptions): Platform {
  if (!isolated()) throw new CrossOriginIsolationError();
  const navigator = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return {
    spawn: browserThreads(options.workerUrl ?? new URL("./browser-worker.js", import.meta.url)),
    defaultThreads: Math.max(1, navigator?.hardwareConcurrency ?? 1),
    stdout: (text) => console.log(text.replace(/\n$/, "")),
    stderr: (text) => console.error(text.replace(/\n$/, "")),
    createMemory: createSharedMemory,
  };
}

/**
 * Compiles bytes off the page's thread (a large synchronous compile is refused there), with a
 * clear error for what is not a WebAssembly module.
 */
async function compiled(wasm: Uint8Array | ArrayBuffer | WebAssembly.Module): Promise<WebAssembly.Module> {
  if (wasm instanceof WebAssembly.Module) return wasm;
  try {
    return await WebAssembly.compile(wasm as BufferSource);
  } catch (error) {
    const hint = memory64Validates() ? "" : " (this browser lacks memory64, needed by wasm64 modules)";
    throw new ModuleFormatError(`not a valid WebAssembly module: ${error instanceof Error ? error.message : String(error)}${hint}`);
  }
}

/**
 * Runs a module compiled by stmc: main on thread 0, the scheduler's loop on the others, output
 * to `options.stdout` in the order the threads printed it; a failure's report (`error: ...` and
 * `    at file:line:col`) to `options.stderr`, with exit code 1. Rejects with
 * CrossOriginIsolationError in a page that is not isolated, ModuleFormatError for a module that
 * is not stmc's.
 */
export async function runModule(wasm: Uint8Array | ArrayBuffer | WebAssembly.Module, options: BrowserRunOptions = {}): Promise<RunResult> {
  const platform = browserPlatform(options);
  return runProgram(await compiled(wasm), options, platform);
}

/** Starts a module and keeps it running for calls of its exported functions (stmc/api's instantiate). */
export async function instantiate(wasm: Uint8Array | ArrayBuffer | WebAssembly.Module, options: BrowserRunOptions = {}): Promise<App> {
  const platform = browserPlatform(options);
  return startProgram(await compiled(wasm), options, platform);
}
