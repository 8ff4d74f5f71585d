// The runtime's low-level dialect ("stmc:low"): raw memory access, atomics and a few facts
// only the linker knows. Declared for TypeScript in runtime/core/low.d.ts.
import type ts from "typescript";
import { checkArguments } from "./calls.js";
import type { Env } from "./coerce.js";
import type { Expr, IntrinsicName, Loc } from "./ir.js";
import { F64, I32, I64, USIZE, VOID, type Type } from "./types.js";

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
  fail: { intrinsic: "fail", params: [I32, F64], result: VOID },
  unreachable: { intrinsic: "unreachable", params: [], result: VOID },
};

export function isLowLevelName(name: string): boolean {
  return name === "usize" || name in LOW_LEVEL;
}

export function checkIntrinsic(env: Env, node: ts.CallExpression, name: string, loc: Loc): Expr | null {
  const signature = LOW_LEVEL[name];
  const args = checkArguments(env, node, signature.params, name);
  if (args === null) return null;
  return { k: "intrinsic", type: signature.result, loc, name: signature.intrinsic, args, memoryType: signature.memoryType };
}
