// Lowers a checked program to a Binaryen module in two parts: the runtime's (lowerRuntime, once
// per target and STM: compiler/runtime/prebuilt.ts) and the program's, lowered into a copy of
// the runtime's optimized module (lowerProgram): memory layout of module-level variables, one
// wasm function per stmc function, the collector's tables, the vtable function table and the
// entry points.
import binaryen from "#binaryen";
import { ERROR_LOCATION_OFFSET, errorMessageOffset, STRING_LENGTH_OFFSET, HostImport, MEMORY_MODULE, MEMORY_NAME, HOST_MODULE, ModuleExport, PROGRAM_IMPORTS_MODULE, type SourceLocation, type StmAlgorithm } from "../../runtime/abi.js";
import { alignTo, heapLayout } from "../../targets/layout.js";
import type { Target } from "../../targets/target.js";
import type { CheckedProgram, Expr, FunctionDecl, GlobalVar, Local, Stmt } from "../check/ir.js";
import { ShadowFrame, needsFrame } from "../gc/frames.js";
import { buildGcTables } from "../gc/tables.js";
import type { BarrierPlan } from "../barriers/select.js";
import { runMidEnd, type FunctionPlan } from "../midend/pipeline.js";
import { ABORT_TAG, ERROR_TAG, FunctionContext, ModuleContext, ProgramValue, TABLE_NAME, WAIT_FUNCTION } from "./context.js";
import { constant } from "./expressions.js";
import { lowerStatements } from "./statements.js";
import { contractViolations, PROGRAM_CALLS } from "../runtime/contract.js";

/** Address 0 is null; nothing is stored below this. */
const STATIC_BASE = 16;
const NO_METHOD = "__stmc_no_method";
/** The runtime's module-level initialisers, and the program's. */
const RUNTIME_INIT = "__stmc_runtime_globals";
const USER_INIT = "__stmc_user_globals";
/** Bytes of a cache line (own_cache_line variables each get one). */
const CACHE_LINE = 64;

export interface LoweredModule {
  readonly module: binaryen.Module;
  readonly context: ModuleContext;
  readonly initialPages: number;
}

/** The runtime lowered alone: what compiler/runtime/prebuilt.ts optimizes and keeps. */
export interface LoweredRuntime {
  readonly module: binaryen.Module;
  readonly context: ModuleContext;
  /** The first address after the runtime's module-level variables: where the program's begin. */
  readonly staticEnd: number;
}

/** What lowering a program needs to know of the runtime module it is lowered into, besides the module. */
export interface RuntimeFacts {
  readonly staticEnd: number;
  /** Strings and locations the runtime's code numbered, in order. */
  readonly strings: readonly string[];
  readonly locations: readonly SourceLocation[];
  /** Internal names of the host imports and of the memory in `module`. */
  readonly hostImports: Readonly<Record<string, string>>;
  readonly memoryName: string;
  /** The runtime's functions that can stop a thread for a collection (SafepointAnalysis). */
  readonly stopping: readonly string[];
}

export interface RuntimeModule extends RuntimeFacts {
  /** The runtime's module, optimized; the program's functions are added to it. */
  readonly module: binaryen.Module;
}

/**
 * How the runtime's module exports what a program's part may use (its link removes these): the
 * exports keep the optimizer from removing them or changing their signatures.
 */
export const runtimeExport = {
  function: (name: string) => `f:${name}`,
  global: (name: string) => `g:${name}`,
  is: (exportName: string) => exportName.startsWith("f:") || exportName.startsWith("g:"),
};

/** The memory limits a runtime is lowered with; each program sets its own. */
const RUNTIME_PAGES = 1;

/**
 * The runtime's part of every module: its functions, thread-locals, host imports, with each
 * program-dependent value in a global (ProgramValue) and everything exported, so that the
 * optimizer keeps every function and global a program may use and every signature it calls.
 */
export function lowerRuntime(program: CheckedProgram, target: Target, stm: StmAlgorithm): LoweredRuntime {
  if (!program.runtimeBodies) throw new Error("lowering the runtime needs its checked bodies");
  const module = new binaryen.Module();
  const mod = new ModuleContext(module, program, target, heapLayout(target), target.defaultMaximumPages, stm, "runtime");
  module.setFeatures(features(target));
  const staticEnd = layoutGlobals(mod);
  const runtimeFunctions = program.functions.filter((fn) => fn.runtime);
  const midEnd = runMidEnd(program, { functions: runtimeFunctions, barriers: null, clones: false });
  mod.safepoints = midEnd.safepoints;
  module.setMemory(RUNTIME_PAGES, target.defaultMaximumPages, null, [], true, target.memory64, MEMORY_NAME);
  module.addMemoryImport(MEMORY_NAME, MEMORY_MODULE, MEMORY_NAME, true);
  addHostImports(mod);
  addWaitFunction(mod);
  for (const value of Object.values(ProgramValue)) mod.addProgramValue(value, 0);
  for (const fn of runtimeFunctions) if (fn.kind !== "host") lowerFunction(mod, midEnd.plans.get(fn)!);
  addFunction(mod, RUNTIME_INIT, initShape(mod, [], program.runtimeInit, false), false, false);
  module.addTable(TABLE_NAME, 0, 0);
  for (const name of programReachable(mod, runtimeFunctions)) module.addFunctionExport(name, runtimeExport.function(name));
  for (const name of [...Object.values(ProgramValue), ...mod.threadLocalGlobals.values()]) module.addGlobalExport(name, runtimeExport.global(name));
  return { module, context: mod, staticEnd };
}

/**
 * The runtime's functions a program's part may name: those it calls (runtime/contract.ts), the
 * methods and constructors of the runtime's classes (in its function table; its task records
 * call Task's constructor), the wait and the runtime's initialisers. The optimizer may inline and
 * remove the others.
 */
function programReachable(mod: ModuleContext, runtimeFunctions: readonly FunctionDecl[]): string[] {
  const names = new Set<string>([WAIT_FUNCTION, RUNTIME_INIT, ...PROGRAM_CALLS]);
  for (const cls of mod.program.classes) {
    if (!cls.runtime) continue;
    for (const method of cls.methods.values()) names.add(method.fn.name);
    if (cls.constructorFn !== null) names.add(cls.constructorFn.name);
  }
  checkContract(mod, runtimeFunctions);
  return [...names];
}

/** Fails the runtime's build when the runtime does not meet the contract (runtime/contract.ts). */
function checkContract(mod: ModuleContext, runtimeFunctions: readonly FunctionDecl[]): void {
  const variables = mod.program.globals
    .filter((g) => g.runtime)
    .map((g) => ({ name: g.name, kind: g.threadLocal !== undefined ? ("thread-local" as const) : g.constant !== undefined ? ("constant" as const) : ("shared" as const) }));
  const problems = contractViolations(new Set(runtimeFunctions.map((fn) => fn.name)), variables);
  if (problems.length > 0) throw new Error(problems.join("\n"));
}

/** Lowers the program's own code into `runtime`'s module (which it takes over). */
export function lowerProgram(runtime: RuntimeModule, program: CheckedProgram, target: Target, maximumPages: number, stm: StmAlgorithm): LoweredModule {
  const module = runtime.module;
  const mod = new ModuleContext(module, program, target, heapLayout(target), maximumPages, stm, "program");
  module.setFeatures(features(target));
  for (const [name, internal] of Object.entries(runtime.hostImports)) mod.hostFunctions.set(name, internal);
  addMissingHostImports(mod, runtime.hostImports);
  mod.seed(runtime.strings, runtime.locations);

  const staticEnd = layoutGlobals(mod);
  if (staticEnd !== runtime.staticEnd) throw new Error("the prebuilt runtime is out of step with the runtime's sources (run `npm run build`)");
  const midEnd = runMidEnd(program, { functions: program.functions.filter((fn) => !fn.runtime), runtimeStopping: runtime.stopping, barriers: mod.barrierEmitter ?? null, clones: mod.barriers });
  mod.safepoints = midEnd.safepoints;
  mod.programFacts = midEnd.facts;
  mod.midEnd = midEnd;
  const segments = layoutGcTables(mod);
  const initialPages = Math.min(maximumPages, Math.max(2, Math.ceil((mod.heapBase + 1024 * 1024) / 65536)));
  // Replaces the runtime's memory (same internal name, which the runtime's code refers to).
  module.setMemory(initialPages, maximumPages, null, segments, true, target.memory64, runtime.memoryName);
  module.addMemoryImport(runtime.memoryName, MEMORY_MODULE, MEMORY_NAME, true);
  defineProgramValues(mod);

  for (const fn of program.functions) {
    if (fn.runtime) continue;
    if (fn.kind === "host") addProgramImport(mod, fn);
    else lowerFunction(mod, midEnd.plans.get(fn)!);
  }
  addVtables(mod);
  addInit(mod);
  module.addFunctionExport(program.entry.name, "main");
  module.addTagExport(ERROR_TAG, ModuleExport.errorTag);
  for (const fn of program.functions) {
    if (fn.exported && fn !== program.entry) module.addFunctionExport(fn.name, fn.sourceName);
  }
  return { module, context: mod, initialPages };
}

/** The program's values, as constants, in place of the runtime's placeholders. */
function defineProgramValues(mod: ModuleContext): void {
  const m = mod.module;
  const values: Record<ProgramValue, number> = {
    [ProgramValue.heapBase]: mod.heapBase,
    [ProgramValue.maxPages]: mod.maximumPages,
    [ProgramValue.gcTypes]: mod.gcTypeTable,
    [ProgramValue.gcTypeCount]: mod.typeCount,
    [ProgramValue.gcGlobals]: mod.gcGlobalRoots,
    [ProgramValue.vtableStride]: mod.vtableStride,
    [ProgramValue.vtableTxBase]: mod.vtableBase(true),
    [ProgramValue.stringClass]: mod.stringClassId,
  };
  for (const [name, value] of Object.entries(values) as Array<[ProgramValue, number]>) {
    m.removeGlobal(name);
    mod.addProgramValue(name, value);
  }
}

function features(target: Target): binaryen.Features {
  const f = binaryen.Features;
  let set = f.MVP | f.Atomics | f.MutableGlobals | f.BulkMemory | f.SignExt | f.NontrappingFPToInt | f.ExceptionHandling;
  const opt = (f as unknown as Record<string, number>).BulkMemoryOpt;
  if (opt !== undefined) set |= opt;
  if (target.memory64) set |= f.Memory64;
  return set;
}

/**
 * Module-level variables live in linear memory so that every thread sees the same ones. The
 * runtime's come first, at the same addresses in every program; returns where they end. The
 * runtime's part lays out only its own.
 */
function layoutGlobals(mod: ModuleContext): number {
  const bySize = [...mod.program.globals].sort((a, b) => mod.sizeOf(b.type) - mod.sizeOf(a.type));
  let address = STATIC_BASE;
  const place = (globals: GlobalVar[]): void => {
    for (const g of globals) {
      if (g.threadLocal !== undefined) {
        // Two runtime files may each have a variable of one name: each its own wasm global.
        let name = `tls.${g.name}`;
        for (let i = 2; [...mod.threadLocalGlobals.values()].includes(name); i++) name = `tls.${g.name}$${i}`;
        if (mod.part === "runtime") mod.module.addGlobal(name, mod.wasmType(g.type), true, constant(mod, g.threadLocal.type, g.threadLocal.value));
        mod.threadLocalGlobals.set(g, name);
        continue;
      }
      if (g.ownCacheLine) continue;
      const size = mod.sizeOf(g.type);
      address = alignTo(address, size);
      mod.globalAddresses.set(g, address);
      address += size;
    }
    for (const g of globals.filter((x) => x.ownCacheLine)) {
      address = alignTo(address, CACHE_LINE);
      mod.globalAddresses.set(g, address);
      address += CACHE_LINE;
    }
  };
  place(bySize.filter((g) => g.runtime));
  const runtimeEnd = address;
  if (mod.part === "program") place(bySize.filter((g) => !g.runtime));
  mod.heapBase = alignTo(address, 16);
  return runtimeEnd;
}

/** The collector's tables go after the module-level variables, before the heap. */
function layoutGcTables(mod: ModuleContext): binaryen.MemorySegment[] {
  const tables = buildGcTables(mod);
  const offset = (address: number) => (mod.target.memory64 ? mod.module.i64.const(BigInt(address)) : mod.module.i32.const(address));
  mod.gcTypeTable = mod.heapBase;
  mod.gcGlobalRoots = alignTo(mod.gcTypeTable + tables.typeTable.length, 16);
  mod.heapBase = alignTo(mod.gcGlobalRoots + tables.globalRoots.length, 16);
  const segments = [
    { data: tables.typeTable, offset: offset(mod.gcTypeTable), passive: false },
    { data: tables.globalRoots, offset: offset(mod.gcGlobalRoots), passive: false },
  ];
  for (const cls of mod.program.staticObjects) {
    // An object of a class without fields: its header only (the collector ignores static data).
    const data = new Uint8Array(cls.size);
    new DataView(data.buffer).setInt32(mod.layout.classIdOffset, cls.id, true);
    mod.staticObjects.set(cls, mod.heapBase);
    segments.push({ data, offset: offset(mod.heapBase), passive: false });
    mod.heapBase = alignTo(mod.heapBase + data.length, 16);
  }
  for (const text of mod.program.strings) {
    const data = stringBlock(mod, text);
    mod.stringLiterals.set(text, mod.heapBase);
    segments.push({ data, offset: offset(mod.heapBase), passive: false });
    mod.heapBase = alignTo(mod.heapBase + data.length, 16);
  }
  return segments;
}

/** A string literal as the block runtime/core/strings.ts reads: header, length, code units. */
function stringBlock(mod: ModuleContext, text: string): Uint8Array {
  const { headerSize, classIdOffset } = mod.layout;
  if (headerSize !== STRING_LENGTH_OFFSET) throw new Error("runtime/abi.ts STRING_LENGTH_OFFSET is out of step with the heap layout");
  const error = mod.program.runtime.classes.get("StmcError");
  const offsets = error?.fields.map((f) => f.offset);
  if (offsets?.[0] !== ERROR_LOCATION_OFFSET || offsets[1] !== errorMessageOffset(mod.target.pointerSize)) {
    throw new Error("runtime/abi.ts's error object layout is out of step with runtime/core/errors.ts");
  }
  const bytes = new Uint8Array(alignTo(headerSize + 4 + text.length * 2, 8));
  const view = new DataView(bytes.buffer);
  view.setInt32(classIdOffset, mod.stringClassId, true);
  view.setInt32(headerSize, text.length, true);
  for (let i = 0; i < text.length; i++) view.setUint16(headerSize + 4 + i * 2, text.charCodeAt(i), true);
  return bytes;
}

/** A `declare function`: imported from PROGRAM_IMPORTS_MODULE under its source name. */
function addProgramImport(mod: ModuleContext, fn: FunctionDecl): void {
  const params = binaryen.createType(fn.params.map((p) => mod.wasmType(p.type)));
  mod.module.addFunctionImport(fn.name, PROGRAM_IMPORTS_MODULE, fn.sourceName, params, mod.wasmType(fn.result));
}

/** Every host import's parameters and result (runtime/abi.ts HostImport). */
function hostImportSignatures(mod: ModuleContext): Record<string, [binaryen.Type, binaryen.Type]> {
  const { i32, i64, f64, none } = binaryen;
  const t = (...types: binaryen.Type[]) => binaryen.createType(types);
  return {
    [HostImport.printI32]: [i32, none],
    [HostImport.printI64]: [i64, none],
    [HostImport.printF64]: [f64, none],
    [HostImport.printBool]: [i32, none],
    [HostImport.printStr]: [i32, none],
    [HostImport.printEnd]: [none, none],
    [HostImport.fail]: [t(i32, i32, f64), none],
    [HostImport.flush]: [none, none],
    [HostImport.spawnThreads]: [i32, none],
    [HostImport.clock]: [none, f64],
    [HostImport.printChars]: [t(mod.ptr, i32), none],
    [HostImport.formatF64]: [t(f64, mod.ptr), i32],
    [HostImport.failMessage]: [t(i32, f64, mod.ptr), i32],
    [HostImport.caseMap]: [t(i32, mod.ptr, i32, mod.ptr, i32), i32],
    [HostImport.parseNumber]: [t(i32, mod.ptr, i32, i32), f64],
    [HostImport.math]: [t(i32, f64, f64), f64],
  };
}

function addHostImports(mod: ModuleContext): void {
  for (const [name, [params, result]] of Object.entries(hostImportSignatures(mod))) {
    mod.module.addFunctionImport(mod.hostImport(name), HOST_MODULE, name, params, result);
  }
  mod.module.addTag(ABORT_TAG, binaryen.none, binaryen.none);
  mod.module.addTag(ERROR_TAG, mod.ptr, binaryen.none);
}

/**
 * The host imports the prebuilt runtime does not use (its optimizer removed them) but a program
 * may: added to the program's part under their own names.
 */
function addMissingHostImports(mod: ModuleContext, present: Readonly<Record<string, string>>): void {
  for (const [name, [params, result]] of Object.entries(hostImportSignatures(mod))) {
    if (name in present) continue;
    mod.module.addFunctionImport(mod.hostImport(name), HOST_MODULE, name, params, result);
  }
}

/** The wait every `atomic_wait_i32` calls (context.ts WAIT_FUNCTION says why it is a function of its own). */
function addWaitFunction(mod: ModuleContext): void {
  const m = mod.module;
  const get = (index: number, type: binaryen.Type) => m.local.get(index, type);
  const params = binaryen.createType([mod.ptr, binaryen.i32, binaryen.i64]);
  m.addFunction(WAIT_FUNCTION, params, binaryen.i32, [], m.memory.atomic.wait32(get(0, mod.ptr), get(1, binaryen.i32), get(2, binaryen.i64)));
  mod.addedFunctions.push(WAIT_FUNCTION);
}

/** A function as the mid-end planned it (midend/pipeline.ts): its plain version and its transactional clone. */
function lowerFunction(mod: ModuleContext, plan: FunctionPlan): void {
  const fn = plan.fn;
  const shape = { params: fn.params, locals: fn.locals, body: fn.body, result: mod.wasmType(fn.result), frame: plan.frame, lazy: plan.lazy, youngStores: plan.youngStores };
  addFunction(mod, fn.name, shape, plan.user, false, plan.plainBarriers);
  if (plan.drivesCalls) mod.callingLoopFunctions.push(fn.name);
  const clone = mod.functionName(fn, true);
  if (clone === fn.name) return;
  if (plan.drivesCalls) mod.callingLoopFunctions.push(clone);
  if (plan.cloneBarriers !== null) mod.barrierReports.push({ fn, plan: plan.cloneBarriers });
  addFunction(mod, clone, shape, plan.user, true, plan.cloneBarriers);
}

interface FunctionShape {
  readonly params: readonly Local[];
  readonly locals: readonly Local[];
  readonly body: readonly Stmt[];
  readonly result: binaryen.Type;
  /** Whether it gets a shadow-stack frame (compiler/gc/frames.ts), pushed only by loop polls if `lazy`. */
  readonly frame: boolean;
  readonly lazy: boolean;
  /** Stores that need no write barrier of the collector (midend/pipeline.ts FunctionPlan). */
  readonly youngStores?: ReadonlySet<Expr>;
}

function addFunction(mod: ModuleContext, name: string, shape: FunctionShape, user: boolean, transactional: boolean, plan: BarrierPlan | null = null): void {
  const m = mod.module;
  const { params, locals, body, result } = shape;
  const fc = new FunctionContext(mod, params.length, locals, user, transactional);
  fc.plan = plan;
  if (shape.youngStores !== undefined) fc.youngStores = shape.youngStores;
  if (shape.frame) fc.frame = new ShadowFrame(fc, params, locals, shape.lazy);
  let statements = lowerStatements(fc, body);
  if (fc.frame !== null) {
    statements = [...fc.frame.prologue(), ...statements];
    if (result === binaryen.none) statements.push(fc.frame.epilogue());
  }
  // TypeScript has verified that a function with a result returns on every path.
  if (result !== binaryen.none) statements.push(m.unreachable());
  const paramTypes = binaryen.createType(params.map((p) => mod.wasmType(p.type)));
  const func = m.addFunction(name, paramTypes, result, fc.extraLocals, m.block(null, statements, result === binaryen.none ? binaryen.none : binaryen.auto));
  mod.addedFunctions.push(name);
  for (const [ref, [file, line, column]] of fc.debugLocations) m.setDebugLocation(func, ref, mod.debugFileIndex(file), line, column - 1);
}

/**
 * One function table: class c's virtual method in slot s is at c.id * stride + s, and (with
 * clones) the transactional versions follow, from vtableBase(true) on.
 */
function addVtables(mod: ModuleContext): void {
  const m = mod.module;
  const stride = mod.vtableStride;
  m.addFunction(NO_METHOD, binaryen.none, binaryen.none, [], m.unreachable());
  mod.addedFunctions.push(NO_METHOD);
  const entries: string[] = [];
  for (const transactional of mod.barriers ? [false, true] : [false]) {
    for (const cls of mod.program.classes) {
      for (let slot = 0; slot < stride; slot++) {
        const fn = cls.vtable[slot];
        entries.push(fn === undefined ? NO_METHOD : mod.functionName(fn, transactional));
      }
    }
  }
  if (entries.length === 0) entries.push(NO_METHOD);
  // The runtime's placeholder table gives way to the program's (its code names the table only).
  m.removeTable(TABLE_NAME);
  m.addTable(TABLE_NAME, entries.length, entries.length);
  m.addActiveElementSegment(TABLE_NAME, "vtables_init", entries, m.i32.const(0));
}

/**
 * The entry points the host calls (runtime/abi.ts ModuleExport):
 *   __stmc_init(threads, forcedAbortsPerMillion, flags, limitPages, seed)
 *                                                  thread 0: runtime state, the runtime's
 *                                                  constants, then the user's module initialisers
 *   __stmc_worker(id)                              threads 1..: the worker loop, until shutdown
 *   __stmc_finish()                                thread 0, after main: stops the workers
 *   __stmc_stats()                                 address of the STM counters (--stats)
 */
function addInit(mod: ModuleContext): void {
  const m = mod.module;
  const program = mod.program;
  const i32 = binaryen.i32;
  addFunction(mod, USER_INIT, initShape(mod, program.initLocals, program.userInit, true), true, false);
  const call = (name: string, args: binaryen.ExpressionRef[], result: binaryen.Type = binaryen.none) => m.call(mod.runtimeFunction(name).name, args, result);
  const entry = (name: string, params: binaryen.Type, result: binaryen.Type, body: binaryen.ExpressionRef) => {
    m.addFunction(name, params, result, [], body);
    mod.addedFunctions.push(name);
    m.addFunctionExport(name, name);
  };
  entry(ModuleExport.init, binaryen.createType([i32, i32, i32, i32, i32]), binaryen.none, m.block(null, [
    m.call(RUNTIME_INIT, [], binaryen.none),
    call("runtime_init", [m.local.get(0, i32), m.local.get(1, i32), m.local.get(2, i32), m.local.get(3, i32), m.local.get(4, i32)]),
    m.call(USER_INIT, [], binaryen.none),
  ], binaryen.none));
  entry(ModuleExport.worker, i32, binaryen.none, call("runtime_worker", [m.local.get(0, i32)]));
  entry(ModuleExport.finish, binaryen.none, binaryen.none, call("runtime_finish", []));
  entry(ModuleExport.stats, binaryen.none, mod.ptr, call("runtime_stats", [], mod.ptr));
  entry(ModuleExport.gcStats, binaryen.none, mod.ptr, call("runtime_gc_stats", [], mod.ptr));
  entry(ModuleExport.idle, binaryen.none, binaryen.none, call("gc_park", []));
  entry(ModuleExport.resume, binaryen.none, binaryen.none, call("gc_unpark", []));
}

/** The module initialisers' function: no parameters, a frame if they can reach a collection. */
function initShape(mod: ModuleContext, locals: Local[], body: Stmt[], user: boolean): FunctionShape {
  return {
    params: [], locals, body, result: binaryen.none,
    frame: needsFrame(mod.safepoints.statementsReach(body, user), [], locals, body),
    lazy: !mod.safepoints.statementsReach(body, false),
  };
}
