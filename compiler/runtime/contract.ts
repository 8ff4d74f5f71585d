// The contract between the compiler and the runtime, declared once: the runtime's functions a
// program's code calls, and the thread-local variables, shared variables and constants whose
// layout the compiler's inlined code (barriers, allocation, safepoint polls) depends on. The
// compiler asks for each by name (ModuleContext.runtimeFunction, threadLocal, runtimeConstant,
// runtimeGlobalAddress; CheckContext.runtimeFunction), and asking for one not listed here fails;
// building the runtime fails when the runtime lacks one of them, or names two variables alike
// (lower/module.ts checkContract). docs/runtime-abi.md shows the lists (contractMarkdown; a test
// keeps it equal). The runtime is optimized once, without the program (prebuilt.ts): these, the
// methods of its classes (the program's function table holds them) and the entry points stay in
// its module with their signatures; every other runtime function is the optimizer's to inline or
// remove, as it would in a whole-program build.
export const PROGRAM_CALLS: ReadonlySet<string> = new Set([
  // entry points (lower/module.ts addInit)
  "runtime_init", "runtime_worker", "runtime_finish", "runtime_stats", "runtime_gc_stats", "gc_park", "gc_unpark",
  // transactions and tasks
  "transaction_run", "transaction_set_num_threads", "transaction_get_num_threads", "task_enqueue",
  "atomic_enter", "atomic_leave_nested", "tx_backoff", "tx_commit", "tx_before_host_call",
  // barriers' slow paths (barriers/barriers.ts)
  "read_i32_slow", "read_i64_slow", "read_f64_slow", "read_usize_slow", "write_prepare",
  "write_i32_slow", "write_i64_slow", "write_f64_slow", "write_usize_slow",
  // allocation, the collector's polls, arrays
  "refill", "tx_refill", "gc_safepoint", "tx_safepoint", "gc_register_finalizer", "array_grow",
  // the collector's write barrier (barriers/barriers.ts rememberIfOld)
  "gc_remember",
  // output and arithmetic
  "out_i32", "out_i64", "out_f64", "out_bool", "out_str", "out_string", "out_end", "f64_rem", "math_random", "error_new", "error_at", "error_throw", "error_fail", "error_raise",
  // strings (runtime/core/strings.ts)
  "string_concat", "string_equals", "string_compare", "string_substring", "string_from_char_code",
  "string_index_of", "string_last_index_of", "string_matches_at", "string_trim", "string_case", "string_repeat", "string_pad",
  "string_from_i32", "string_from_i64", "string_from_f64", "string_parse",
  // the collections library (runtime/lib/collections.ts)
  "string_hash", "order_stamp",
]);

/** The runtime's thread-local variables the program's inlined code reads or writes. */
export const THREAD_LOCALS: ReadonlySet<string> = new Set([
  // the shadow stack of references (gc/frames.ts), the allocation chunk (lower/objects.ts
  // allocate) and the running transaction's allocation mark (barriers/barriers.ts)
  "shadowTop", "shadowLimit", "chunkTop", "chunkEnd", "markTop",
  // ETL's inlined read and write barriers (barriers/etl.ts; runtime/core/stm/etl.ts)
  "locks", "snapshot", "readSet", "readCount", "readRoom", "lastRead", "ownerTag", "writeLog",
]);

/** The runtime's shared variables the program's code reads at their address. */
export const SHARED_VARIABLES: ReadonlySet<string> = new Set([
  // the collector's stop request, polled by loops (gc/frames.ts)
  "gcRequested",
]);

/** The runtime's constants the program's inlined code is laid out by. */
export const LAYOUT_CONSTANTS: ReadonlySet<string> = new Set([
  // ETL's lock table and lock words (barriers/etl.ts)
  "LOCK_BITS", "STRIPE_BITS", "THREAD_BITS",
  // the write log shared by every STM algorithm (runtime/core/stm/contract.ts), ETL's reference flag
  "WRITE_ENTRY", "W_ADDRESS", "W_REFS", "UNDO_REF",
  // block headers written at each allocation, the collector's type table (runtime/core/gc/layout.ts)
  "HEADER_SIZE_SHIFT", "HEADER_GC_WORD", "GC_MARK", "GC_REMEMBERED", "TYPE_ENTRY", "TYPE_REF_COUNT", "TYPE_REF_LIST", "TYPE_FINALIZER",
]);

function listed(list: ReadonlySet<string>, what: string, name: string): void {
  if (!list.has(name)) throw new Error(`the runtime's ${what} '${name}' is used by programs but not listed in compiler/runtime/contract.ts`);
}

/** Throws unless programs may call runtime function `name` (a name missing here is a compiler bug). */
export function checkProgramCall(name: string): void {
  listed(PROGRAM_CALLS, "function", name);
}

export function checkThreadLocal(name: string): void {
  listed(THREAD_LOCALS, "thread-local", name);
}

export function checkSharedVariable(name: string): void {
  listed(SHARED_VARIABLES, "shared variable", name);
}

export function checkLayoutConstant(name: string): void {
  listed(LAYOUT_CONSTANTS, "constant", name);
}

/**
 * What the runtime (its functions, and its module-level variables by kind) lacks of the
 * contract, or holds twice under one name (which the compiler's lookup by name could not tell
 * apart): one message each.
 */
export function contractViolations(functions: ReadonlySet<string>, variables: readonly { name: string; kind: "thread-local" | "shared" | "constant" }[]): string[] {
  const problems: string[] = [];
  for (const name of PROGRAM_CALLS) if (!functions.has(name)) problems.push(`function '${name}' is not defined`);
  const lists = [["thread-local", THREAD_LOCALS], ["shared", SHARED_VARIABLES], ["constant", LAYOUT_CONSTANTS]] as const;
  for (const [kind, names] of lists) {
    for (const name of names) {
      const count = variables.filter((v) => v.kind === kind && v.name === name).length;
      if (count !== 1) problems.push(`${kind} variable '${name}' is ${count === 0 ? "not defined" : `defined ${count} times`}`);
    }
  }
  return problems.map((p) => `compiler/runtime/contract.ts: the runtime's ${p}`);
}

/** The contract as docs/runtime-abi.md shows it. */
export function contractMarkdown(): string {
  const list = (names: ReadonlySet<string>) => [...names].map((n) => `\`${n}\``).join(", ");
  return [
    `- functions programs call (${PROGRAM_CALLS.size}): ${list(PROGRAM_CALLS)}`,
    `- thread-local variables the inlined code uses (${THREAD_LOCALS.size}): ${list(THREAD_LOCALS)}`,
    `- shared variables read at their address (${SHARED_VARIABLES.size}): ${list(SHARED_VARIABLES)}`,
    `- layout constants (${LAYOUT_CONSTANTS.size}): ${list(LAYOUT_CONSTANTS)}`,
  ].join("\n");
}
