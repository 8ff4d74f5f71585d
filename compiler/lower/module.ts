// Lowers a checked program to a Binaryen module: memory layout of module-level variables,
// one wasm function per stmc function, the vtable function table and the init function.
import binaryen from "binaryen";
import { HostImport, MEMORY_MODULE, MEMORY_NAME, HOST_MODULE } from "../../runtime/abi.js";
import { alignTo, heapLayout } from "../../targets/layout.js";
import type { Target } from "../../targets/target.js";
import type { CheckedProgram, FunctionDecl, Local, Stmt } from "../check/ir.js";
import { FunctionContext, ModuleContext, TABLE_NAME } from "./context.js";
import { lowerStatements } from "./statements.js";

/** Address 0 is null; nothing is stored below this. */
const STATIC_BASE = 16;
export const INIT_FUNCTION = "__stmc_init";
const NO_METHOD = "__stmc_no_method";

export interface LoweredModule {
  readonly module: binaryen.Module;
  readonly context: ModuleContext;
  readonly initialPages: number;
}

export function lowerProgram(program: CheckedProgram, target: Target, maximumPages: number): LoweredModule {
  const module = new binaryen.Module();
  const layout = heapLayout(target);
  const mod = new ModuleContext(module, program, target, layout, maximumPages);
  module.setFeatures(features(target));

  layoutGlobals(mod);
  const initialPages = Math.max(2, Math.ceil((mod.heapBase + 1024 * 1024) / 65536));
  module.setMemory(initialPages, maximumPages, null, [], true, target.memory64, MEMORY_NAME);
  module.addMemoryImport(MEMORY_NAME, MEMORY_MODULE, MEMORY_NAME, true);
  addHostImports(mod);

  for (const fn of program.functions) lowerFunction(mod, fn);
  addVtables(mod);
  addInit(mod);
  module.addFunctionExport(program.entry.name, "main");
  for (const fn of program.functions) {
    if (fn.exported && fn !== program.entry) module.addFunctionExport(fn.name, fn.name);
  }
  return { module, context: mod, initialPages };
}

function features(target: Target): binaryen.Features {
  const f = binaryen.Features;
  let set = f.MVP | f.Atomics | f.MutableGlobals | f.BulkMemory | f.SignExt | f.NontrappingFPToInt;
  const opt = (f as unknown as Record<string, number>).BulkMemoryOpt;
  if (opt !== undefined) set |= opt;
  if (target.memory64) set |= f.Memory64;
  return set;
}

/** Module-level variables live in linear memory so that every thread sees the same ones. */
function layoutGlobals(mod: ModuleContext): void {
  let address = STATIC_BASE;
  const globals = [...mod.program.globals].sort((a, b) => mod.sizeOf(b.type) - mod.sizeOf(a.type));
  for (const g of globals) {
    const size = mod.sizeOf(g.type);
    address = alignTo(address, size);
    mod.globalAddresses.set(g, address);
    address += size;
  }
  mod.heapBase = alignTo(address, 16);
}

function addHostImports(mod: ModuleContext): void {
  const m = mod.module;
  const none = binaryen.none;
  m.addFunctionImport(HostImport.printI32, HOST_MODULE, HostImport.printI32, binaryen.i32, none);
  m.addFunctionImport(HostImport.printI64, HOST_MODULE, HostImport.printI64, binaryen.i64, none);
  m.addFunctionImport(HostImport.printF64, HOST_MODULE, HostImport.printF64, binaryen.f64, none);
  m.addFunctionImport(HostImport.printBool, HOST_MODULE, HostImport.printBool, binaryen.i32, none);
  m.addFunctionImport(HostImport.printStr, HOST_MODULE, HostImport.printStr, binaryen.i32, none);
  m.addFunctionImport(HostImport.printEnd, HOST_MODULE, HostImport.printEnd, none, none);
  m.addFunctionImport(HostImport.fail, HOST_MODULE, HostImport.fail, binaryen.createType([binaryen.i32, binaryen.i32, binaryen.f64]), none);
}

function lowerFunction(mod: ModuleContext, fn: FunctionDecl): void {
  addFunction(mod, fn.name, fn.params, fn.locals, fn.body, mod.wasmType(fn.result), !fn.runtime);
}

function addFunction(mod: ModuleContext, name: string, params: readonly Local[], locals: readonly Local[], body: readonly Stmt[], result: binaryen.Type, tracksLocations: boolean): void {
  const m = mod.module;
  const fc = new FunctionContext(mod, params.length, locals, tracksLocations);
  const statements = lowerStatements(fc, body);
  // TypeScript has verified that a function with a result returns on every path.
  if (result !== binaryen.none) statements.push(m.unreachable());
  const paramTypes = binaryen.createType(params.map((p) => mod.wasmType(p.type)));
  const func = m.addFunction(name, paramTypes, result, fc.extraLocals, m.block(null, statements, result === binaryen.none ? binaryen.none : binaryen.auto));
  for (const [ref, [file, line, column]] of fc.debugLocations) m.setDebugLocation(func, ref, mod.debugFileIndex(file), line, column - 1);
}

/** Class c's virtual method in slot s sits at table index c.id * stride + s. */
function addVtables(mod: ModuleContext): void {
  const m = mod.module;
  const stride = mod.vtableStride;
  m.addFunction(NO_METHOD, binaryen.none, binaryen.none, [], m.unreachable());
  const entries: string[] = [];
  for (const cls of mod.program.classes) {
    for (let slot = 0; slot < stride; slot++) entries.push(cls.vtable[slot]?.name ?? NO_METHOD);
  }
  if (entries.length === 0) entries.push(NO_METHOD);
  m.addTable(TABLE_NAME, entries.length, entries.length);
  m.addActiveElementSegment(TABLE_NAME, "vtables_init", entries, m.i32.const(0));
}

/** __stmc_init(threads): runtime state, the runtime's constants, then the user's module initialisers. */
function addInit(mod: ModuleContext): void {
  const m = mod.module;
  const program = mod.program;
  const runtimeInit = "__stmc_runtime_globals";
  const userInit = "__stmc_user_globals";
  addFunction(mod, runtimeInit, [], [], program.runtimeInit, binaryen.none, false);
  addFunction(mod, userInit, [], program.initLocals, program.userInit, binaryen.none, true);
  const start = mod.runtimeFunction("runtime_init").name;
  m.addFunction(INIT_FUNCTION, binaryen.createType([binaryen.i32]), binaryen.none, [], m.block(null, [
    m.call(runtimeInit, [], binaryen.none),
    m.call(start, [m.local.get(0, binaryen.i32)], binaryen.none),
    m.call(userInit, [], binaryen.none),
  ], binaryen.none));
  m.addFunctionExport(INIT_FUNCTION, INIT_FUNCTION);
}
