// The contract between a compiled module and the host runtime: import and export names,
// custom sections, failure codes. The compiler writes modules to this contract and the host
// reads them by it; nothing else couples the two.

/** Import module name of every host function a compiled module calls. */
export const HOST_MODULE = "stmc";
/** The module of the program's own host functions (`declare function`), which the embedder supplies. */
export const PROGRAM_IMPORTS_MODULE = "imports";
/** The shared memory is imported as env.memory. */
export const MEMORY_MODULE = "env";
export const MEMORY_NAME = "memory";

/** Host functions (module HOST_MODULE). `print_*` append one value to the current line. */
export const HostImport = {
  printI32: "print_i32", // (i32) -> void
  printI64: "print_i64", // (i64) -> void
  printF64: "print_f64", // (f64) -> void
  printBool: "print_bool", // (i32) -> void
  printStr: "print_str", // (i32 string id) -> void
  printEnd: "print_end", // () -> void: ends the line
  /** (code: i32, location id: i32 or -1, argument: f64) -> never returns (throws). */
  fail: "fail",
  /** () -> void: hands this thread's buffered output to the host now (before the thread sleeps). */
  flush: "flush",
  /** (count: i32) -> void: asks the host for `count` more worker threads (they join when ready). */
  spawnThreads: "spawn_threads",
  /** () -> f64: a monotonic clock in milliseconds (the collector's pause times). */
  clock: "clock",
  /** (address: pointer, length: i32) -> void: prints that many UTF-16 code units from memory. */
  printChars: "print_chars",
  /** (value: f64, buffer: pointer) -> i32: writes String(value) there as UTF-16, returns its length. */
  formatF64: "format_f64",
  /**
   * (code: i32, argument: f64, buffer: pointer) -> i32: writes the message of failed check `code`
   * (failMessage, at most FAIL_MESSAGE_UNITS code units) there as UTF-16, returns its length.
   */
  failMessage: "fail_message",
  /**
   * (upper: i32, address: pointer, length: i32, buffer: pointer, capacity: i32) -> i32:
   * toUpperCase (upper 1) or toLowerCase of a string's code units, written to `buffer` when it
   * fits `capacity` code units; returns the result's length either way.
   */
  caseMap: "case_map",
  /** (kind: i32, address: pointer, length: i32, radix: i32) -> f64: parseInt, parseFloat or Number of a string. */
  parseNumber: "parse_number",
  /** (function: i32, a: f64, b: f64) -> f64: Math[MATH_FUNCTIONS[function]](a, b), JavaScript's own. */
  math: "math",
} as const;

/**
 * The Math functions stmc takes from the host's JavaScript engine, so that results are the
 * reference run's to the last bit (index = the `math` import's first argument).
 */
export const MATH_FUNCTIONS = [
  "pow", "round", "log", "log2", "log10", "log1p", "exp", "expm1", "sin", "cos", "tan", "asin", "acos", "atan", "atan2",
  "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "cbrt", "hypot", "fround",
] as const;

/** Exports of a compiled module. */
export const ModuleExport = {
  /**
   * (threads: i32, forcedAbortsPerMillion: i32, flags: i32, limitPages: i32) -> void: initialises
   * the runtime and the module-level variables; called once, by thread 0, before any call.
   * `threads` is how many threads the host started; forced aborts (a testing aid) make that many
   * commits in a million abort instead; see docs/runtime-abi.md for the rest.
   */
  init: "__stmc_init",
  /** The tag of the program's exceptions (runtime/core/errors.ts): the host reads an uncaught one. */
  errorTag: "__stmc_error",
  /** () -> void or () -> i32 (the exit status). Thread 0. */
  main: "main",
  /** (id: i32) -> void: the loop of worker thread `id` (1..); returns when the program ends. */
  worker: "__stmc_worker",
  /** () -> void: thread 0, after main returned: stops the workers. */
  finish: "__stmc_finish",
  /** () -> usize: address of the STM counters (runtime/core/stm/stats.ts), once all threads stopped. */
  stats: "__stmc_stats",
  /**
   * () -> usize: address of the collector's statistics (runtime/core/gc/collector.ts): collections
   * (i32 at 0), pause total and longest in ms (f64 at 8, 16), bytes allocated, freed, heap peak
   * (u64 at 24, 32, 40).
   */
  gcStats: "__stmc_gc_stats",
  /**
   * () -> void: thread 0, when it returns to the host between calls: counts as stopped for the
   * collector (a collection another thread starts meanwhile need not wait for the next call).
   */
  idle: "__stmc_idle",
  /** () -> void: thread 0, before the next call (or __stmc_finish): runs again. */
  resume: "__stmc_resume",
} as const;

/** Custom sections (each holds UTF-8 JSON). */
export const Section = {
  meta: "stmc.meta",
  strings: "stmc.strings",
  locations: "stmc.locations",
  functions: "stmc.functions",
  /** The module's source map (JSON, version 3; "columns" are byte offsets in the module). */
  sourceMap: "stmc.sourcemap",
} as const;

/**
 * STM algorithms, chosen at compile time (`--stm`); the index is what the runtime sees
 * (runtime/core/stm/algorithm.ts registers them in this order).
 * - etl: encounter-time locking with write-through and undo logs over per-thread version clocks
 *   and a versioned lock table (TinySTM-style); opaque; the default.
 * - gil: one global lock, tasks run one at a time on N threads (the no-STM baseline).
 * - none: no barriers, one thread (the uninstrumented baseline).
 * - tl2: lazy versioning (redo logs), commit-time locking, one global version clock (TL2); opaque.
 * - norec: one global sequence lock, value-based validation, no per-location metadata (NOrec); opaque.
 */
export const STM_ALGORITHMS = ["etl", "gil", "none", "tl2", "norec"] as const;

/**
 * Why transactions abort, in the order of the runtime's causes (runtime/core/stm/contract.ts
 * ABORT_*, counted by stm/stats.ts), with the words `--stats` prints for each.
 */
export const ABORT_CAUSES = [
  ["readLocked", "read of a locked location"],
  ["readChanged", "location changed"],
  ["writeLocked", "write to a locked location"],
  ["validation", "reads no longer current"],
  ["forced", "forced"],
  ["capacity", "logs full"],
] as const;
export type AbortCause = (typeof ABORT_CAUSES)[number][0];
export type StmAlgorithm = (typeof STM_ALGORITHMS)[number];
export const DEFAULT_STM: StmAlgorithm = "etl";

export interface ModuleMeta {
  /** Version of this ABI; the host refuses modules of another version. */
  abi: number;
  target: "wasm32" | "wasm64";
  memory: { initialPages: number; maximumPages: number };
  mainReturnsI32: boolean;
  stm: StmAlgorithm;
  /**
   * The program's exported functions (the entry file's `export function`s) by name, with their
   * parameter and result types as JavaScript sees them: "ref" for a class or array reference,
   * which JavaScript cannot pass or receive. Absent in modules of older compilers.
   */
  exports?: Record<string, ExportSignature>;
  /** The host functions the program declares (`declare function`), which the embedder supplies. */
  imports?: Record<string, ExportSignature>;
}

export type ValueKind = "i32" | "i64" | "f64" | "bool" | "void" | "ref";
export interface ExportSignature {
  params: ValueKind[];
  result: ValueKind;
  /** The parameters' names in the source (for generated bindings). */
  names?: string[];
}
export const ABI_VERSION = 4;

/** The most threads a program runs on (the runtime keeps per-thread state for this many). */
export const MAX_THREADS = 256;

/** [file, line, column], 1-based, file relative to the directory the compiler ran in. */
export type SourceLocation = [string, number, number];

/** Why a program failed; the host turns a code (and its argument) into the message. */
/**
 * Where a string's length is, from its start: right after the 16-byte header (the same on both
 * targets, targets/layout.ts); its UTF-16 code units follow (runtime/core/strings.ts).
 */
export const STRING_LENGTH_OFFSET = 16;

/** `a.length = n` with n above the length (or below 0): stmc's arrays only shrink that way. */
export const ARRAY_LENGTH_MESSAGE = "an array's length can only be set lower (use push to grow it)";

/**
 * The error object of an uncaught exception (runtime/core/errors.ts StmcError): its location id
 * (an i32) after the header, then its message (a string pointer, aligned to its size).
 */
export const ERROR_LOCATION_OFFSET = 16;
export function errorMessageOffset(pointerSize: number): number {
  return pointerSize === 8 ? 24 : 20;
}

/** The message of a failed downcast (`x as C`), the same in compiled code and the reference. */
export function castMessage(from: string, to: string): string {
  return `cannot cast ${from} to ${to}`;
}

export enum FailCode {
  Throw = 1, // argument: string id of the message (older modules: fixed messages now throw errors)
  NullDereference = 2,
  IndexOutOfRange = 3, // argument: the index
  BadConversionI32 = 4, // argument: the value
  BadConversionI64 = 5, // argument: the value
  DivisionByZero = 6,
  PopEmpty = 7,
  OutOfMemory = 8, // argument: the heap limit in MiB
  RunInTransaction = 9,
  BadThreadCount = 10, // argument: the requested count
  NegativeArrayLength = 11, // argument: the length
  StackOverflow = 12,
  /** The collector met a block it cannot read (argument: its address): a bug of stmc's. */
  HeapCorrupted = 13,
  /** `i32(a / b)` or `i64(a / b)` of the smallest integer by -1 (the quotient does not fit). */
  IntegerOverflow = 14,
  /** A worker took heap memory before it joined the collector: a bug of stmc's. */
  UnattachedHeapUse = 15,
  /** `s.repeat(n)` with n < 0 or Infinity (argument: n). */
  InvalidCount = 16,
  /** An error left code that cannot pass it on, a finalizer (argument: the error object's address). */
  UncaughtError = 17,
}

/** The longest message fail_message writes (longer ones are cut): the runtime's buffer holds it. */
export const FAIL_MESSAGE_UNITS = 64;

export function failMessage(code: number, arg: number, strings: readonly string[]): string {
  switch (code) {
    case FailCode.Throw:
      return strings[arg] ?? "(unknown error)";
    case FailCode.NullDereference:
      return "null dereference";
    case FailCode.IndexOutOfRange:
      return `index ${arg} out of range`;
    case FailCode.BadConversionI32:
      return `cannot convert ${String(arg)} to i32`;
    case FailCode.BadConversionI64:
      return `cannot convert ${String(arg)} to i64`;
    case FailCode.DivisionByZero:
      return "integer division by zero";
    case FailCode.PopEmpty:
      return "pop() on an empty array";
    case FailCode.OutOfMemory:
      return `out of memory (heap limit ${arg} MiB)`;
    case FailCode.RunInTransaction:
      return "transaction.run() called inside a transaction";
    case FailCode.BadThreadCount:
      return `bad thread count ${arg}`;
    case FailCode.NegativeArrayLength:
      return `invalid array length ${arg}`;
    case FailCode.StackOverflow:
      return "stack overflow";
    case FailCode.IntegerOverflow:
      return "integer overflow";
    case FailCode.InvalidCount:
      return `Invalid count value: ${String(arg)}`;
    case FailCode.UnattachedHeapUse:
      return "internal error: a thread took heap memory before it joined the collector";
    case FailCode.HeapCorrupted:
      return `internal error: the collector found a corrupt heap block at ${arg < 0 ? "sweep " + -arg : "mark " + arg}`;
    default:
      return `runtime failure ${code}`;
  }
}
