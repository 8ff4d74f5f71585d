// The runtime's low-level dialect ("stmc:low"): raw memory access, atomics and a few facts
// only the linker knows. Declared for TypeScript in runtime/core/low.d.ts.
import ts from "../typescript.cjs";
import { checkArguments } from "./calls.js";
import type { Env } from "./coerce.js";
import type { Expr, IntrinsicCall, IntrinsicName, Loc } from "./ir.js";
import { BOOL, classType, F64, I32, I64, STRING, USIZE, VOID, type Type } from "./types.js";

interface IntrinsicSignature {
  readonly intrinsic: IntrinsicName;
  readonly params: Type[];
  readonly result: Type;
  readonly memoryType?: Type;
}

const load = (t: Type): IntrinsicSignature => ({ intrinsic: "load", params: [USIZE], result: t, memoryType: t });
const store = (t: Type): IntrinsicSignature => ({ intrinsic: "store", params: [USIZE, t], result: VOID, memoryType: t });

const LOW_LEVEL: Record<string, IntrinsicSignature> = {
  load_i32: load(I32),
  load_i64: load(I64),
  load_f64: load(F64),
  load_usize: load(USIZE),
  store_i32: store(I32),
  store_i64: store(I64),
  store_f64: store(F64),
  store_usize: store(USIZE),
  atomic_load_i32: { intrinsic: "atomic.load", params: [USIZE], result: I32, memoryType: I32 },
  atomic_store_i32: { intrinsic: "atomic.store", params: [USIZE, I32], result: VOID, memoryType: I32 },
  atomic_add_i32: { intrinsic: "atomic.add", params: [USIZE, I32], result: I32, memoryType: I32 },
  atomic_add_usize: { intrinsic: "atomic.add", params: [USIZE, USIZE], result: USIZE, memoryType: USIZE },
  atomic_cmpxchg_i32: { intrinsic: "atomic.cmpxchg", params: [USIZE, I32, I32], result: I32, memoryType: I32 },
  atomic_cmpxchg_usize: { intrinsic: "atomic.cmpxchg", params: [USIZE, USIZE, USIZE], result: USIZE, memoryType: USIZE },
  memory_copy: { intrinsic: "memory.copy", params: [USIZE, USIZE, USIZE], result: VOID },
  memory_fill: { intrinsic: "memory.fill", params: [USIZE, I32, USIZE], result: VOID },
  memory_size: { intrinsic: "memory.size", params: [], result: USIZE },
  memory_grow: { intrinsic: "memory.grow", params: [USIZE], result: USIZE },
  memory_max_pages: { intrinsic: "memory.max.pages", params: [], result: USIZE },
  heap_base: { intrinsic: "heap.base", params: [], result: USIZE },
  header_size: { intrinsic: "header.size", params: [], result: USIZE },
  pointer_size: { intrinsic: "pointer.size", params: [], result: USIZE },
  atomic_load_i64: { intrinsic: "atomic.load", params: [USIZE], result: I64, memoryType: I64 },
  atomic_store_i64: { intrinsic: "atomic.store", params: [USIZE, I64], result: VOID, memoryType: I64 },
  atomic_add_i64: { intrinsic: "atomic.add", params: [USIZE, I64], result: I64, memoryType: I64 },
  atomic_cmpxchg_i64: { intrinsic: "atomic.cmpxchg", params: [USIZE, I64, I64], result: I64, memoryType: I64 },
  f64_from_bits: { intrinsic: "f64.from.bits", params: [I64], result: F64 },
  f64_to_bits: { intrinsic: "f64.to.bits", params: [F64], result: I64 },
  atomic_load_usize: { intrinsic: "atomic.load.usize", params: [USIZE], result: USIZE, memoryType: USIZE },
  atomic_store_usize: { intrinsic: "atomic.store.usize", params: [USIZE, USIZE], result: VOID, memoryType: USIZE },
  atomic_wait_i32: { intrinsic: "atomic.wait", params: [USIZE, I32, I64], result: I32 },
  atomic_notify: { intrinsic: "atomic.notify", params: [USIZE, I32], result: I32 },
  stm_abort: { intrinsic: "stm.abort", params: [], result: VOID },
  stm_algorithm: { intrinsic: "stm.algorithm", params: [], result: I32 },
  host_print_i32: { intrinsic: "host.print", params: [I32], result: VOID },
  host_print_i64: { intrinsic: "host.print", params: [I64], result: VOID },
  host_print_f64: { intrinsic: "host.print", params: [F64], result: VOID },
  host_print_bool: { intrinsic: "host.print", params: [BOOL], result: VOID },
  host_print_str: { intrinsic: "host.print", params: [I32], result: VOID },
  host_print_end: { intrinsic: "host.print", params: [], result: VOID },
  host_flush: { intrinsic: "host.flush", params: [], result: VOID },
  host_spawn_threads: { intrinsic: "host.spawn", params: [I32], result: VOID },
  fail: { intrinsic: "fail", params: [I32, F64], result: VOID },
  gc_type_table: { intrinsic: "gc.types", params: [], result: USIZE },
  gc_type_count: { intrinsic: "gc.type.count", params: [], result: I32 },
  gc_global_roots: { intrinsic: "gc.globals", params: [], result: USIZE },
  run_finalizer_catching_abort: { intrinsic: "finalizer.attempt", params: [USIZE, I32], result: BOOL },
  host_clock_ms: { intrinsic: "host.clock", params: [], result: F64 },
  unreachable: { intrinsic: "unreachable", params: [], result: VOID },
  load_u16: { intrinsic: "load.u16", params: [USIZE], result: I32 },
  ctz_i32: { intrinsic: "ctz", params: [I32], result: I32 },
  store_u16: { intrinsic: "store.u16", params: [USIZE, I32], result: VOID },
  string_class_id: { intrinsic: "string.class", params: [], result: I32 },
  host_format_f64: { intrinsic: "host.format.f64", params: [F64, USIZE], result: I32 },
  host_fail_message: { intrinsic: "host.fail.message", params: [I32, F64, USIZE], result: I32 },
  host_case_map: { intrinsic: "host.case.map", params: [I32, USIZE, I32, USIZE, I32], result: I32 },
  host_parse_number: { intrinsic: "host.parse.number", params: [I32, USIZE, I32, I32], result: F64 },
  host_print_chars: { intrinsic: "host.print.chars", params: [USIZE, I32], result: VOID },
};

export function isLowLevelName(name: string): boolean {
  return name === "usize" || name === "address_of" || name === "run_task_catching_abort" || name === "string_at" || name === "throw_error" || name in LOW_LEVEL;
}

export function checkIntrinsic(env: Env, node: ts.CallExpression, name: string, loc: Loc): Expr | null {
  if (name === "address_of") return checkAddressOf(env, node, loc);
  if (name === "run_task_catching_abort") {
    // Runs task.run() and returns false if it ended with a transaction abort (the retry is the caller's).
    const args = checkArguments(env, node, [classType(env.ctx.runtimeClass("Task"))], name);
    return args && { k: "intrinsic", type: BOOL, loc, name: "task.attempt", args };
  }
  if (name === "throw_error") {
    const args = checkArguments(env, node, [classType(env.ctx.runtimeClass("StmcError"))], name);
    return args && { k: "intrinsic", type: VOID, loc, name: "throw.error", args };
  }
  if (name === "string_at") {
    // The same address, seen as a string (the block was made by runtime/core/strings.ts).
    const args = checkArguments(env, node, [USIZE], name);
    return args && { k: "seq", type: STRING, loc, effects: [], value: args[0] };
  }
  const signature = LOW_LEVEL[name];
  const args = checkArguments(env, node, signature.params, name);
  if (args === null) return null;
  const printKind = name.startsWith("host_print_") ? (name.slice("host_print_".length) as IntrinsicCall["printKind"]) : undefined;
  return { k: "intrinsic", type: signature.result, loc, name: signature.intrinsic, args, memoryType: signature.memoryType, printKind };
}

/** address_of(v): where module-level variable `v` lives, for atomics on the runtime's shared state. */
function checkAddressOf(env: Env, node: ts.CallExpression, loc: Loc): Expr | null {
  const arg = node.arguments[0];
  const decl = arg !== undefined && node.arguments.length === 1 && ts.isIdentifier(arg) ? env.ctx.declarationOf(arg) : undefined;
  const global = decl === undefined ? undefined : env.ctx.globals.get(decl);
  if (global === undefined || global.threadLocal || global.constant !== undefined) {
    env.ctx.error(node, "address_of takes a module-level variable that lives in memory");
    return null;
  }
  return { k: "intrinsic", type: USIZE, loc, name: "address.of", args: [], global };
}
