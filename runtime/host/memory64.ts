// memory64 on Node: V8's flag where the engine has it but not on by default (Node 20). The
// memories themselves are made by memory.ts, the same code the browser host uses.

import v8 from "node:v8";
import { createSharedMemory as createMemory, memoryProbe, type Target } from "./memory.js";

export type { Target } from "./memory.js";

const MEMORY64_FLAG = "--experimental-wasm-memory64";

let memory64State: "unknown" | "native" | "flag" | "unsupported" = "unknown";

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
