// The last phase: validate, optimize with Binaryen, attach the sections the host reads, emit.
import binaryen from "#binaryen";
import { ABI_VERSION, Section, type ExportSignature, type ModuleMeta, type SourceLocation, type ValueKind } from "../../runtime/abi.js";
import type { FunctionDecl } from "../check/ir.js";
import type { Type } from "../check/types.js";
import { runtimeExport, type LoweredModule } from "../lower/module.js";
import { WAIT_FUNCTION } from "../lower/context.js";

export type OptimizeLevel = 0 | 1 | 2 | 3;

export interface LinkOptions {
  optimizeLevel: OptimizeLevel;
  emitText: boolean;
  /** Where the module's sourceMappingURL points (the source map is also embedded in the module). */
  sourceMapUrl?: string;
}

export interface LinkedModule {
  wasm: Uint8Array;
  text?: string;
  sourceMap: string;
}

/** Runtime functions that can fail and are not worth inlining. */
const COLD_RUNTIME_FUNCTIONS = ["transaction_run", "transaction_set_num_threads", "array_grow", "string_repeat"];
/**
 * The search of a transaction's allocation ranges, behind the cheap tests of the barriers' slow
 * paths (stm/transaction.ts `direct`): inlined into its one caller it made that test too large to
 * inline into each slow path, a call on every one of them (richards_steps 4% slower under etl).
 */
const RANGE_SEARCH = "allocated_earlier_by_transaction";
/** Never inlined, whatever the level: context.ts WAIT_FUNCTION says why. */
const NEVER_INLINED = [...COLD_RUNTIME_FUNCTIONS, WAIT_FUNCTION, RANGE_SEARCH];
/**
 * The barriers' slow paths, which the program's inliner leaves alone: cold by design (the
 * compiler inlines each algorithm's fast path). Once the read slow path became a small dispatch
 * into the algorithm it was inlined at every barrier, growing the program's transactional code:
 * richards_steps ran 5% slower under etl. Marked after twins merge and unused ones go (a name
 * may be gone); the algorithm's helpers are still inlined into them.
 */
const BARRIER_SLOW_PATHS = ["read_i32_slow", "read_i64_slow", "read_f64_slow", "read_usize_slow", "write_prepare", "write_i32_slow", "write_i64_slow", "write_f64_slow", "write_usize_slow"];

/** The sourceMappingURL written when the caller names none: the map travels inside the module. */
const EMBEDDED_SOURCE_MAP = "stmc.sourcemap";

/** Binaryen's own default, kept at -O0 and -O1. */
const DEFAULT_ALWAYS_INLINE_MAX_SIZE = 2;
/** Binaryen's "flexible" limit, the one -O3 uses for functions called from several places. */
const INLINE_MAX_SIZE = 20;

/**
 * The level the runtime is optimized at, once, whatever the program's level (-O0 only leaves the
 * program's own code as lowered).
 */
export const RUNTIME_OPTIMIZE_LEVEL = 3;

/**
 * Optimizes the runtime's module on its own (compiler/runtime/prebuilt.ts). What a program may use
 * of it is exported (lower/module.ts runtimeExport), so the optimizer keeps those functions and
 * globals, with the signatures the program's calls expect.
 */
export function optimizeRuntime(module: binaryen.Module): void {
  if (!module.validate()) throw new Error("the runtime's module does not validate (see the messages above)");
  configure(RUNTIME_OPTIMIZE_LEVEL);
  keepOutOfLine(module);
  // Programs call the runtime's functions by name: none may be merged into a twin of another name.
  for (const pass of RENAMING_PASSES) binaryen.addPassToSkip(pass);
  try {
    module.optimize();
  } finally {
    binaryen.clearPassesToSkip();
  }
}

/** Passes that may replace a function by another of the same code (and so of another name). */
const RENAMING_PASSES = ["duplicate-function-elimination", "merge-similar-functions"];

function configure(level: OptimizeLevel): void {
  // Names stay in the binary: the host maps stack frames to functions by name.
  binaryen.setDebugInfo(true);
  binaryen.setOptimizeLevel(level);
  binaryen.setShrinkLevel(0);
  // At -O2 too, small functions are inlined wherever they are called (Binaryen's default inlines
  // only functions of 2 instructions below -O3): the STM's helpers on every barrier's slow path
  // (lock_of, mine, ...) stay calls otherwise, which made richards_steps 37% slower at -O2 than
  // at -O3 for the same compile time (bench/RESULTS.md).
  binaryen.setAlwaysInlineMaxSize(level >= 2 ? INLINE_MAX_SIZE : DEFAULT_ALWAYS_INLINE_MAX_SIZE);
}

/**
 * The runtime's cold entry points stay calls: their call sites keep the user's source location,
 * which is what a failure inside them is reported at. The wait stays a call too. (An IR mark:
 * set again on a module read back from binary.)
 */
function keepOutOfLine(module: binaryen.Module, names: readonly string[] = NEVER_INLINED, mayBeGone = false): void {
  for (const name of names) {
    // A name that no longer exists would silently change nothing (unless merged or unused: mayBeGone).
    if (module.getFunction(name) === 0) {
      if (mayBeGone) continue;
      throw new Error(`the module has no function '${name}' to keep out of line`);
    }
    binaryen.setPassArgument("no-inline", name);
    module.runPasses(["no-inline"]);
  }
  binaryen.setPassArgument("no-inline", null);
}

/**
 * Optimizes the program's functions in a module whose runtime part is optimized already: each of
 * them; then the runtime's functions this program does not use go, the globals it never sets
 * fold, twins merge, and the inliner runs over the whole module (the runtime's small functions go
 * into the program's code, and a runtime helper left with one caller, such as the read barrier's
 * check when only one read slow path is used, into that caller, as in a whole-program build);
 * then each of the program's functions again. The runtime's functions are not optimized again:
 * measured against whole-program builds, programs run as fast but for a few percent on some
 * transactional ones (bench/RESULTS.md, "Compile time").
 */
function optimizeProgram(module: binaryen.Module, functions: readonly string[], looping: readonly string[], level: OptimizeLevel): void {
  configure(level);
  keepOutOfLine(module);
  // The program's functions whose loops call other code stay calls (midend/pipeline.ts
  // drivesCalls): V8 optimizes per call and never replaces a running frame, so a loop inlined into
  // a caller entered once, such as main, would run in baseline code to its end; left a function
  // of its own, the loop is optimized from its next call, and the engine's inliner
  // (runtime/host/engine.ts) may still take it into a hot caller. Richards' scheduler loop,
  // inlined into the benchmark's loop of 20 000 runs, ran unoptimized. Loops of arithmetic only
  // are still inlined: their callers gain more from the optimizer seeing them.
  keepOutOfLine(module, looping, true);
  for (const name of functions) module.optimizeFunction(name);
  dropUnusedRuntime(module);
  // With the program's unused runtime functions gone, what the whole-program build also saw:
  // globals the program never sets fold to their initial values (a program without finalizers
  // never queues one, so tx_commit's pending-finalizer block goes; re-optimizes only the
  // functions that change), and runtime twins merge, which can leave a helper with one caller
  // for the inliner. Without these two,
  // nqueens and labyrinth ran 5-7% slower than whole-program builds (bench/RESULTS.md).
  module.runPasses(["simplify-globals-optimizing", "duplicate-function-elimination"]);
  keepOutOfLine(module, BARRIER_SLOW_PATHS, true);
  module.runPasses(["inlining"]);
  // (The inliner removes functions it inlined into every caller.)
  for (const name of functions) if (module.getFunction(name) !== 0) module.optimizeFunction(name);
}

/** Optimizes and emits the module; frees it, also when that fails (it holds the whole runtime). */
export function link(lowered: LoweredModule, options: LinkOptions): LinkedModule {
  try {
    return optimizeAndEmit(lowered, options);
  } finally {
    lowered.module.dispose();
  }
}

function optimizeAndEmit(lowered: LoweredModule, options: LinkOptions): LinkedModule {
  const { module, context } = lowered;
  const program = context.program;
  if (!module.validate()) throw new Error("the generated module does not validate (see the messages above)");
  if (options.optimizeLevel > 0) {
    optimizeProgram(module, context.addedFunctions, context.callingLoopFunctions, options.optimizeLevel);
  } else {
    configure(0);
    dropUnusedRuntime(module);
  }

  const meta: ModuleMeta = {
    abi: ABI_VERSION,
    target: context.target.name,
    memory: { initialPages: lowered.initialPages, maximumPages: context.maximumPages },
    mainReturnsI32: program.entry.result.kind === "i32",
    stm: context.stm,
    exports: signatures(program.functions.filter((fn) => fn.exported || fn === program.entry)),
    imports: signatures(program.functions.filter((fn) => fn.kind === "host")),
  };
  const functions: Record<string, SourceLocation> = {};
  for (const fn of program.functions) {
    if (fn.runtime) continue;
    functions[fn.name] = fn.loc;
    functions[context.functionName(fn, true)] = fn.loc;
  }
  addJsonSection(module, Section.meta, meta);
  addJsonSection(module, Section.strings, context.strings);
  addJsonSection(module, Section.locations, context.locations);
  addJsonSection(module, Section.functions, functions);

  const emitted = module.emitBinary(options.sourceMapUrl ?? EMBEDDED_SOURCE_MAP);
  const sourceMap = emitted.sourceMap ?? "";
  // Appended after emission: a custom section at the end moves no code, so the map stays exact.
  const wasm = appendCustomSection(emitted.binary, Section.sourceMap, new TextEncoder().encode(sourceMap));
  const text = options.emitText ? module.emitText() : undefined;
  return { wasm, text, sourceMap };
}

/** Unexports what the runtime's module kept for programs; what this program does not use goes. */
function dropUnusedRuntime(module: binaryen.Module): void {
  const names: string[] = [];
  for (let i = 0; i < module.getNumExports(); i++) names.push(binaryen.getExportInfo(module.getExportByIndex(i)).name);
  for (const name of names) if (runtimeExport.is(name)) module.removeExport(name);
  module.runPasses(["remove-unused-module-elements"]);
}

function appendCustomSection(binary: Uint8Array, name: string, payload: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const content = [...uleb128(nameBytes.length), ...nameBytes];
  const size = uleb128(content.length + payload.length);
  const out = new Uint8Array(binary.length + 1 + size.length + content.length + payload.length);
  out.set(binary, 0);
  let at = binary.length;
  out[at++] = 0; // custom section id
  out.set(size, at);
  at += size.length;
  out.set(content, at);
  at += content.length;
  out.set(payload, at);
  return out;
}

function uleb128(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

function addJsonSection(module: binaryen.Module, name: string, value: unknown): void {
  module.addCustomSection(name, new TextEncoder().encode(JSON.stringify(value)));
}

/** What the embedding host needs to call each exported function or supply each import (abi.ts ModuleMeta). */
function signatures(functions: readonly FunctionDecl[]): Record<string, ExportSignature> {
  const kind = (t: Type): ValueKind => (t.kind === "i32" || t.kind === "i64" || t.kind === "f64" || t.kind === "bool" || t.kind === "void" ? t.kind : "ref");
  const signatures: Record<string, ExportSignature> = {};
  for (const fn of functions) signatures[fn.sourceName] = { params: fn.params.map((p) => kind(p.type)), result: kind(fn.result), names: fn.params.map((p) => p.name) };
  return signatures;
}
