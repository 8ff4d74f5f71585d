// Builds small modules by hand with binaryen.js that follow runtime/abi.ts, for host and CLI
// tests that must not depend on the compiler.

import binaryen from "#binaryen";
import { ABI_VERSION, HOST_MODULE, HostImport, MEMORY_MODULE, MEMORY_NAME, ModuleExport, Section, type SourceLocation } from "../../runtime/abi.js";

export type Target = "wasm32" | "wasm64";

export interface TestModuleSpec {
  target?: Target;
  mainReturnsI32?: boolean;
  strings?: string[];
  locations?: SourceLocation[];
  functions?: Record<string, SourceLocation>;
  /** Replaces the stmc.meta section's JSON; null leaves the section out. */
  meta?: unknown;
  /** Extra code at the end of __stmc_init (after it stores `threads`). */
  init?: (m: binaryen.Module, h: Helpers) => number;
  /** Adds functions; must add "main" (returning i32 when mainReturnsI32). */
  define: (m: binaryen.Module, h: Helpers) => void;
}

export interface Helpers {
  target: Target;
  /** Pointer type of the target. */
  ptr: number;
  /** A pointer constant. */
  addr(value: number): number;
  printI32(value: number): number;
  printI64(value: number): number;
  printF64(value: number): number;
  printBool(value: number): number;
  printStr(id: number): number;
  printEnd(): number;
  fail(code: number, loc: number, arg: number): number;
  /** Address where __stmc_init stores its `threads` argument (an i32). */
  threadsAddress: number;
}

const encoder = new TextEncoder();

export function buildModule(spec: TestModuleSpec): Uint8Array {
  const target = spec.target ?? "wasm32";
  const m = new binaryen.Module();
  // Not Features.All: it includes proposals V8 cannot read (e.g. CompactImports).
  const F = binaryen.Features;
  m.setFeatures(F.MVP | F.Atomics | F.MutableGlobals | F.BulkMemory | F.SignExt | F.Memory64);
  const memory64 = target === "wasm64";
  const ptr = memory64 ? binaryen.i64 : binaryen.i32;
  const initialPages = 2;
  const maximumPages = 64;
  m.setMemory(initialPages, maximumPages, null, [], true, memory64, "memory");
  m.addMemoryImport("memory", MEMORY_MODULE, MEMORY_NAME, true);

  const importFn = (name: string, params: number[], result = binaryen.none) =>
    m.addFunctionImport(name, HOST_MODULE, name, binaryen.createType(params), result);
  importFn(HostImport.printI32, [binaryen.i32]);
  importFn(HostImport.printI64, [binaryen.i64]);
  importFn(HostImport.printF64, [binaryen.f64]);
  importFn(HostImport.printBool, [binaryen.i32]);
  importFn(HostImport.printStr, [binaryen.i32]);
  importFn(HostImport.printEnd, []);
  importFn(HostImport.fail, [binaryen.i32, binaryen.i32, binaryen.f64]);
  importFn(HostImport.flush, []);
  importFn(HostImport.spawnThreads, [binaryen.i32]);

  const addr = (value: number) => (memory64 ? m.i64.const(BigInt(value)) : m.i32.const(value));
  const threadsAddress = 16;
  const h: Helpers = {
    target,
    ptr,
    addr,
    printI32: (v) => m.call(HostImport.printI32, [v], binaryen.none),
    printI64: (v) => m.call(HostImport.printI64, [v], binaryen.none),
    printF64: (v) => m.call(HostImport.printF64, [v], binaryen.none),
    printBool: (v) => m.call(HostImport.printBool, [v], binaryen.none),
    printStr: (id) => m.call(HostImport.printStr, [m.i32.const(id)], binaryen.none),
    printEnd: () => m.call(HostImport.printEnd, [], binaryen.none),
    fail: (code, loc, arg) => m.call(HostImport.fail, [m.i32.const(code), m.i32.const(loc), m.f64.const(arg)], binaryen.none),
    threadsAddress,
  };

  const storeThreads = m.i32.store(0, 4, addr(threadsAddress), m.local.get(0, binaryen.i32), "memory");
  m.addFunction(
    ModuleExport.init,
    binaryen.createType([binaryen.i32, binaryen.i32]),
    binaryen.none,
    [],
    spec.init ? m.block(null, [storeThreads, spec.init(m, h)]) : storeThreads,
  );
  m.addFunctionExport(ModuleExport.init, ModuleExport.init);
  // No scheduler: workers return at once, finish does nothing, and there are no STM counters.
  m.addFunction(ModuleExport.worker, binaryen.i32, binaryen.none, [], m.nop());
  m.addFunction(ModuleExport.finish, binaryen.none, binaryen.none, [], m.nop());
  m.addFunction(ModuleExport.stats, binaryen.none, ptr, [], addr(0));
  for (const name of [ModuleExport.worker, ModuleExport.finish, ModuleExport.stats]) m.addFunctionExport(name, name);
  spec.define(m, h);
  m.addFunctionExport(ModuleExport.main, ModuleExport.main);

  const json = (value: unknown) => encoder.encode(JSON.stringify(value));
  const meta =
    spec.meta !== undefined
      ? spec.meta
      : { abi: ABI_VERSION, target, memory: { initialPages, maximumPages }, mainReturnsI32: spec.mainReturnsI32 ?? false, stm: "gil" };
  if (meta !== null) m.addCustomSection(Section.meta, json(meta));
  m.addCustomSection(Section.strings, json(spec.strings ?? []));
  m.addCustomSection(Section.locations, json(spec.locations ?? []));
  m.addCustomSection(Section.functions, json(spec.functions ?? {}));

  if (!m.validate()) throw new Error("test module does not validate");
  binaryen.setDebugInfo(true); // keep the name section: V8's stack traces name the functions
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}
