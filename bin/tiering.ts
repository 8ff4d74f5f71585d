// V8 settings for a process that only compiles: set by bin/stmc for `stmc compile`, and by the
// compile-time harness.
import v8 from "node:v8";

/**
 * For a process that only compiles: V8 compiles Binaryen's wasm (about 10 MB of code) function by
 * function as it is first called, and only with its baseline tier (Liftoff). The optimizer runs a
 * few hundred milliseconds per compile, far less than V8's optimizing tier spent recompiling
 * Binaryen's hot functions on the other cores (about 0.6 s of CPU per compile, bench/RESULTS.md).
 * Process-wide and not undone (measured: a module compiled after turning it off stays on the
 * baseline tier), so never where a program runs afterwards.
 */
export function baselineTierOnly(): void {
  v8.setFlagsFromString("--liftoff-only");
  v8.setFlagsFromString("--wasm-lazy-compilation");
}
