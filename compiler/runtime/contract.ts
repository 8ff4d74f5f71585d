// The runtime's functions that a program's code calls: the compiler asks for each by name
// (ModuleContext.runtimeFunction, CheckContext.runtimeFunction), and asking for one not listed
// here fails. The runtime is optimized once, without the program (prebuilt.ts): these, the
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
  // output and arithmetic
  "out_i32", "out_i64", "out_f64", "out_bool", "out_str", "out_string", "out_end", "f64_rem", "math_random", "error_new", "error_at", "error_throw", "error_fail", "error_raise",
  // strings (runtime/core/strings.ts)
  "string_concat", "string_equals", "string_compare", "string_substring", "string_from_char_code",
  "string_index_of", "string_last_index_of", "string_matches_at", "string_trim", "string_case", "string_repeat", "string_pad",
  "string_from_i32", "string_from_i64", "string_from_f64", "string_parse",
  // the collections library (runtime/lib/collections.ts)
  "string_hash", "order_stamp",
]);

/** Throws unless programs may call runtime function `name` (a name missing here is a compiler bug). */
export function checkProgramCall(name: string): void {
  if (!PROGRAM_CALLS.has(name)) throw new Error(`the runtime's '${name}' is called by programs but not listed in compiler/runtime/contract.ts`);
}
