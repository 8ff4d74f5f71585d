// The low-level dialect of the runtime ("stmc:low"). User programs cannot import it.
// Addresses are `usize`: 32 bits on wasm32, 64 bits on wasm64. The compiler implements every
// function here as a wasm instruction (compiler/check/intrinsics.ts, compiler/lower/intrinsics.ts).
export type usize = number;
/** Converts an integer to usize (zero-extending an i32 on wasm64). */
export function usize(x: number): usize;
/** The address of an object (runtime only: to publish references to the collector). */
export function usize(x: object | string | null): usize;

export function load_i32(address: usize): number;
export function load_i64(address: usize): number;
export function load_f64(address: usize): number;
export function load_usize(address: usize): usize;
export function store_i32(address: usize, value: number): void;
export function store_i64(address: usize, value: number): void;
export function store_f64(address: usize, value: number): void;
export function store_usize(address: usize, value: usize): void;

/** Sequentially consistent atomics. The read-modify-writes return the old value. */
export function atomic_load_i32(address: usize): number;
export function atomic_store_i32(address: usize, value: number): void;
export function atomic_add_i32(address: usize, delta: number): number;
export function atomic_add_usize(address: usize, delta: usize): usize;
export function atomic_cmpxchg_i32(address: usize, expected: number, replacement: number): number;
export function atomic_cmpxchg_usize(address: usize, expected: usize, replacement: usize): usize;

/** Copies `bytes` bytes (the ranges may overlap). */
export function memory_copy(destination: usize, source: usize, bytes: usize): void;
/** Sets `bytes` bytes to the low byte of `value`. */
export function memory_fill(destination: usize, value: number, bytes: usize): void;
/** Current size of memory in 64 KiB pages. */
export function memory_size(): usize;
/** Grows memory; returns the old size in pages, or the all-ones usize on failure. */
export function memory_grow(pages: usize): usize;
/** The memory's maximum, in pages. */
export function memory_max_pages(): usize;
/** First address after the static data: where the heap starts. */
export function heap_base(): usize;
/** Size in bytes of every heap object's header. */
export function header_size(): usize;
/** Stops the program with a runtime error (abi.ts FailCode) and its argument. */
export function fail(code: number, argument: number): void;
export function unreachable(): void;

/** A module-level `let` initialised with thread_local(v) lives in a wasm global: one per thread. */
export function thread_local<T>(initial: T): T;
/** Where a module-level variable (in memory) lives, for atomics on it. */
export function address_of(variable: unknown): usize;
export function atomic_load_usize(address: usize): usize;
export function atomic_store_usize(address: usize, value: usize): void;
/** memory.atomic.wait32: 0 woken, 1 value differed, 2 timed out (timeout in ns, -1: none). */
export function atomic_wait_i32(address: usize, expected: number, timeout: number): number;
/** memory.atomic.notify: wakes up to `count` waiters; returns how many woke. */
export function atomic_notify(address: usize, count: number): number;
/** Unwinds the current transaction attempt (a wasm exception caught by the task runner). */
export function stm_abort(): void;
/** The index in runtime/abi.ts STM_ALGORITHMS of the algorithm the program was compiled for. */
export function stm_algorithm(): number;
/** Runs task.run() then tx_commit(); false if either ended with stm_abort(). */
export function run_task_catching_abort(task: object): boolean;
/** Output through the host (see runtime/core/output.ts for the buffered, transactional path). */
export function host_print_i32(value: number): void;
export function host_print_i64(value: number): void;
export function host_print_f64(value: number): void;
export function host_print_bool(value: boolean): void;
export function host_print_str(id: number): void;
export function host_print_end(): void;
/** Hands this thread's buffered output to the host now. */
export function host_flush(): void;
/** Asks the host for `count` more worker threads. */
export function host_spawn_threads(count: number): void;
/** Bytes in a pointer: 4 on wasm32, 8 on wasm64. */
export function pointer_size(): usize;
export function atomic_load_i64(address: usize): number;
/** The f64 whose bits are `bits` (f64.reinterpret_i64). */
export function f64_from_bits(bits: number): number;
/** The bits of an f64 (i64.reinterpret_f64). */
export function f64_to_bits(value: number): number;
export function atomic_store_i64(address: usize, value: number): void;
export function atomic_add_i64(address: usize, delta: number): number;
export function atomic_cmpxchg_i64(address: usize, expected: number, replacement: number): number;
/** The collector's tables (compiler/gc/tables.ts): per class id, its references and finalizer. */
export function gc_type_table(): usize;
/** How many class ids the type table has. */
export function gc_type_count(): number;
/** [count, addresses...] of the module-level variables that hold references. */
export function gc_global_roots(): usize;
/** Runs the finalizer at function table index `tableIndex` on `object`, then tx_commit(); false if either aborted. */
export function run_finalizer_catching_abort(object: usize, tableIndex: number): boolean;
/** The host's monotonic clock, in milliseconds. */
export function host_clock_ms(): number;
/**
 * A module-level `let` initialised with own_cache_line(v) (a constant) lives alone on a 64-byte
 * cache line: for shared words some threads write often and others poll.
 */
export function own_cache_line<T>(initial: T): T;
/** A 16-bit load (zero-extended) and store (of the low 16 bits): a string's code units. */
export function load_u16(address: usize): number;
export function store_u16(address: usize, value: number): void;
/** The number of trailing zero bits of a 32-bit value (32 for 0): i32.ctz. */
export function ctz_i32(value: number): number;
/** The class id of strings (after the program's classes: the linker knows it). */
export function string_class_id(): number;
/** The string whose block is at `address`. */
export function string_at(address: usize): string;
/** Writes String(value) as UTF-16 at `buffer` (room for 32 code units); returns its length. */
export function host_format_f64(value: number, buffer: usize): number;
/** The message of failed check `code` with argument `value`, written to `buffer` (64 code units): its length. */
export function host_fail_message(code: number, value: number, buffer: usize): number;
/** toUpperCase (upper 1) or toLowerCase (0) of `length` code units at `address`, written to `buffer` if it fits `capacity`: the result's length. */
export function host_case_map(upper: number, address: usize, length: number, buffer: usize, capacity: number): number;
/** parseInt (kind 0, radix or 0), parseFloat (1) or Number (2) of the `length` code units at `address`. */
export function host_parse_number(kind: number, address: usize, length: number, radix: number): number;
/** Prints the `length` code units at `address` (a value of the current line). */
export function host_print_chars(address: usize, length: number): void;
/** Throws `error` as the program's exception (runtime/core/errors.ts): `catch` or the host gets it. */
export function throw_error(error: object): void;
