// The WebAssembly engine's settings on Node: V8 flags the host sets where the engine has a
// feature but not on by default (Node 20's V8 11.3). The memories themselves are made by
// memory.ts, the same code the browser host uses.

import v8 from "node:v8";
import { createSharedMemory as createMemory, memoryProbe, type Target } from "./memory.js";

export type { Target } from "./memory.js";

const MEMORY64_FLAG = "--experimental-wasm-memory64";
/**
 * V8's inliner of wasm calls into their wasm callers (guided by the call counts the baseline
 * tier collects): on by default from V8 12 (Node 22, current Chromium), present but off in V8 11.
 * Without it every call of a compiled program stays a call: richards `--stm none` ran 1.4× slower
 * (bench/RESULTS.md, "The engine's inliner").
 */
const WASM_INLINING_FLAG = "--wasm-inlining";
/** The first V8 major version whose wasm inliner is on by default. */
const WASM_INLINING_DEFAULT_SINCE = 12;

let memory64State: "unknown" | "native" | "flag" | "unsupported" = "unknown";
let inliningChecked = false;

/**
 * Sets what compiled programs need of this process's engine before any module is compiled: the
 * wasm inliner where V8 has it off (this must precede compiling: the baseline tier collects the
 * inliner's call counts only with it on), and memory64 (ensureMemory64). Worker threads share the
 * process's flags. Cheap after the first call.
 */
export function prepareEngine(): void {
  ensureWasmInlining();
  ensureMemory64();
}

/**
 * Turns V8's wasm inliner on where the engine has it off by default (V8 11: Node 20, 21). There is
 * no probe for an optimization, so this one decision reads the engine's version; a newer V8 is
 * left alone (setting a flag it no longer knows would print a warning).
 */
export function ensureWasmInlining(): void {
  if (inliningChecked) return;
  inliningChecked = true;
  const major = Number.parseInt(process.versions.v8, 10);
  if (major < WASM_INLINING_DEFAULT_SINCE) v8.setFlagsFromString(WASM_INLINING_FLAG);
}

/**
 * Makes sure this process's WebAssembly engine accepts memory64 modules, setting V8's
 * `--experimental-wasm-memory64` flag where the engine has it but not on by default (Node 20).
 * Must run before any memory64 module is compiled; worker threads share the process's flags.
 * The flag is only ever set when validation fails without it (Node 24 warns about the
 * then-unknown flag). Returns whether memory64 is available. Cheap after the first call.
 */
export function ensureMemory64(): boolean {
  if (memory64State === "unknown") {
    const probe = memoryProbe("wasm64", 0, 1);
    if (WebAssembly.validate(probe)) {
      memory64State = "native";
    } else {
      v8.setFlagsFromString(MEMORY64_FLAG);
      memory64State = WebAssembly.validate(probe) ? "flag" : "unsupported";
    }
  }
  return memory64State !== "unsupported";
}

/** How memory64 is available in this process: natively, through V8's flag, or not at all. */
export function memory64Support(): "native" | "flag" | "unsupported" {
  ensureMemory64();
  return memory64State as "native" | "flag" | "unsupported";
}

/**
 * Creates the shared memory a compiled module imports as `env.memory`: 32-bit for wasm32,
 * 64-bit (memory64) for wasm64, setting V8's flag first where Node needs it. Throws an Error
 * with a clear message when the engine cannot.
 */
export function createSharedMemory(target: Target, initialPages: number, maximumPages: number): WebAssembly.Memory {
  if (target === "wasm64") ensureMemory64();
  return createMemory(target, initialPages, maximumPages);
}
