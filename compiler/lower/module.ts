// Lowers a checked program to a Binaryen module: memory layout of module-level variables,
// one wasm function per stmc function, the vtable function table and the init function.
import binaryen from "binaryen";
import { HostImport, MEMORY_MODULE, MEMORY_NAME, HOST_MODULE, ModuleExport, PROGRAM_IMPORTS_MODULE, type StmAlgorithm } from "../../runtime/abi.js";
import { alignTo, heapLayout } from "../../targets/layout.js";
import type { Target } from "../../targets/target.js";
import type { CheckedProgram, FunctionDecl, Local, Stmt } from "../check/ir.js";
import { SafepointAnalysis } from "../gc/safepoints.js";
import { rootTemporaries } from "../gc/roots.js";
import { ShadowFrame, needsFrame } from "../gc/frames.js";
import { buildGcTables } from "../gc/tables.js";
import { forEachStatement } from "../gc/walk.js";
import { ProgramEffects } from "../barriers/effects.js";
import { ProgramFreshness } from "../barriers/fresh.js";
import { selectBarriers, type BarrierPlan } from "../barriers/select.js";
import { ABORT_TAG, FunctionContext, hostImport, ModuleContext, TABLE_NAME, WAIT_FUNCTION } from "./context.js";
import { constant } from "./expressions.js";
import { lowerStatements } from "./statements.js";

/** Address 0 is null; nothing is stored below this. */
const STATIC_BASE = 16;
const NO_METHOD = "__stmc_no_method";
/** Bytes of a cache line (own_cache_line variables each get one). */
const CACHE_LINE = 64;

export interface LoweredModule {
  readonly module: binaryen.Module;
  readonly context: ModuleContext;
  readonly initialPages: number;
}

export function lowerProgram(program: CheckedProgram, target: Target, maximumPages: number, stm: StmAlgorithm): LoweredModule {
  const module = new binaryen.Module();
  const layout = heapLayout(target);
  const mod = new ModuleContext(module, program, target, layout, maximumPages, stm);
  module.setFeatures(features(target));

  layoutGlobals(mod);
  prepareCollection(mod);
  if (mod.barriers) mod.programFacts = { effects: new ProgramEffects(program), freshness: new ProgramFreshness(program) };
  const segments = layoutGcTables(mod);
  const initialPages = Math.min(maximumPages, Math.max(2, Math.ceil((mod.heapBase + 1024 * 1024) / 65536)));
  module.setMemory(initialPages, maximumPages, null, segments, true, target.memory64, MEMORY_NAME);
  module.addMemoryImport(MEMORY_NAME, MEMORY_MODULE, MEMORY_NAME, true);
  addHostImports(mod);
  addWaitFunction(mod);

  for (const fn of program.functions) {
    if (fn.kind === "host") addProgramImport(mod, fn);
    else lowerFunction(mod, fn);
  }
  addVtables(mod);
  addInit(mod);
  module.addFunctionExport(program.entry.name, "main");
  for (const fn of program.functions) {
    if (fn.exported && fn !== program.entry) module.addFunctionExport(fn.name, fn.sourceName);
  }
  return { module, context: mod, initialPages };
}

function features(target: Target): binaryen.Features {
  const f = binaryen.Features;
  let set = f.MVP | f.Atomics | f.MutableGlobals | f.BulkMemory | f.SignExt | f.NontrappingFPToInt | f.ExceptionHandling;
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
    if (g.threadLocal !== undefined) {
      const name = `tls.${g.name}`;
      mod.module.addGlobal(name, mod.wasmType(g.type), true, constant(mod, g.threadLocal.type, g.threadLocal.value));
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
  mod.heapBase = alignTo(address, 16);
}

/**
 * The collector's view of the program: which functions reach safepoints, and the references
 * waiting on the value stack across them rewritten into rooted locals (compiler/gc).
 */
function prepareCollection(mod: ModuleContext): void {
  const program = mod.program;
  mod.safepoints = new SafepointAnalysis(program);
  for (const fn of program.functions) fn.body = rootTemporaries(fn.body, fn.params, fn.locals, mod.safepoints);
  program.userInit = rootTemporaries(program.userInit, [], program.initLocals, mod.safepoints);
}

/** The collector's tables go after the module-level variables, before the heap. */
function layoutGcTables(mod: ModuleContext): binaryen.MemorySegment[] {
  const tables = buildGcTables(mod);
  const offset = (address: number) => (mod.target.memory64 ? mod.module.i64.const(BigInt(address)) : mod.module.i32.const(address));
  mod.gcTypeTable = mod.heapBase;
  mod.gcGlobalRoots = alignTo(mod.gcTypeTable + tables.typeTable.length, 16);
  mod.heapBase = alignTo(mod.gcGlobalRoots + tables.globalRoots.length, 16);
  return [
    { data: tables.typeTable, offset: offset(mod.gcTypeTable), passive: false },
    { data: tables.globalRoots, offset: offset(mod.gcGlobalRoots), passive: false },
  ];
}

/** A `declare function`: imported from PROGRAM_IMPORTS_MODULE under its source name. */
function addProgramImport(mod: ModuleContext, fn: FunctionDecl): void {
  const params = binaryen.createType(fn.params.map((p) => mod.wasmType(p.type)));
  mod.module.addFunctionImport(fn.name, PROGRAM_IMPORTS_MODULE, fn.sourceName, params, mod.wasmType(fn.result));
}

function addHostImports(mod: ModuleContext): void {
  const m = mod.module;
  const { i32, i64, f64, none } = binaryen;
  const signatures: Array<[string, binaryen.Type]> = [
    [HostImport.printI32, i32],
    [HostImport.printI64, i64],
    [HostImport.printF64, f64],
    [HostImport.printBool, i32],
    [HostImport.printStr, i32],
    [HostImport.printEnd, none],
    [HostImport.fail, binaryen.createType([i32, i32, f64])],
    [HostImport.flush, none],
    [HostImport.spawnThreads, i32],
  ];
  for (const [name, params] of signatures) m.addFunctionImport(hostImport(name), HOST_MODULE, name, params, none);
  m.addFunctionImport(hostImport(HostImport.clock), HOST_MODULE, HostImport.clock, none, f64);
  m.addTag(ABORT_TAG, none, none);
}

/** The wait every `atomic_wait_i32` calls (context.ts WAIT_FUNCTION says why it is a function of its own). */
function addWaitFunction(mod: ModuleContext): void {
  const m = mod.module;
  const get = (index: number, type: binaryen.Type) => m.local.get(index, type);
  const params = binaryen.createType([mod.ptr, binaryen.i32, binaryen.i64]);
  m.addFunction(WAIT_FUNCTION, params, binaryen.i32, [], m.memory.atomic.wait32(get(0, mod.ptr), get(1, binaryen.i32), get(2, binaryen.i64)));
}

function lowerFunction(mod: ModuleContext, fn: FunctionDecl): void {
  const user = !fn.runtime;
  const frame = needsFrame(mod.safepoints.functionReaches(fn), fn.params, fn.locals, fn.body);
  const lazy = !mod.safepoints.statementsReach(fn.body, false);
  const shape = { params: fn.params, locals: fn.locals, body: fn.body, result: mod.wasmType(fn.result), frame, lazy };
  const facts = user ? mod.programFacts : null;
  // The plain version runs transactional code only in its atomic blocks, whose transaction may
  // have started before objects it allocated earlier: nothing there counts as fresh.
  const plainPlan = facts !== null && containsAtomic(fn.body) ? selectBarriers(fn, facts, false) : null;
  addFunction(mod, fn.name, shape, user, false, plainPlan);
  const clone = mod.functionName(fn, true);
  if (clone === fn.name) return;
  const plan = facts === null ? null : selectBarriers(fn, facts, true);
  if (plan !== null) mod.barrierReports.push({ fn, plan });
  addFunction(mod, clone, shape, user, true, plan);
}

function containsAtomic(body: readonly Stmt[]): boolean {
  let found = false;
  forEachStatement(body, (s) => {
    if (s.k === "atomic") found = true;
  });
  return found;
}

interface FunctionShape {
  readonly params: readonly Local[];
  readonly locals: readonly Local[];
  readonly body: readonly Stmt[];
  readonly result: binaryen.Type;
  /** Whether it gets a shadow-stack frame (compiler/gc/frames.ts), pushed only by loop polls if `lazy`. */
  readonly frame: boolean;
  readonly lazy: boolean;
}

function addFunction(mod: ModuleContext, name: string, shape: FunctionShape, tracksLocations: boolean, transactional: boolean, plan: BarrierPlan | null = null): void {
  const m = mod.module;
  const { params, locals, body, result } = shape;
  const fc = new FunctionContext(mod, params.length, locals, tracksLocations, transactional);
  fc.plan = plan;
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
  m.addTable(TABLE_NAME, entries.length, entries.length);
  m.addActiveElementSegment(TABLE_NAME, "vtables_init", entries, m.i32.const(0));
}

/**
 * The entry points the host calls (runtime/abi.ts ModuleExport):
 *   __stmc_init(threads, forcedAbortsPerMillion)  thread 0: runtime state, the runtime's
 *                                                  constants, then the user's module initialisers
 *   __stmc_worker(id)                              threads 1..: the worker loop, until shutdown
 *   __stmc_finish()                                thread 0, after main: stops the workers
 *   __stmc_stats()                                 address of the STM counters (--stats)
 */
function addInit(mod: ModuleContext): void {
  const m = mod.module;
  const program = mod.program;
  const i32 = binaryen.i32;
  const runtimeInit = "__stmc_runtime_globals";
  const userInit = "__stmc_user_globals";
  const shape = (locals: Local[], body: Stmt[], user: boolean): FunctionShape => ({
    params: [], locals, body, result: binaryen.none,
    frame: needsFrame(mod.safepoints.statementsReach(body, user), [], locals, body),
    lazy: !mod.safepoints.statementsReach(body, false),
  });
  addFunction(mod, runtimeInit, shape([], program.runtimeInit, false), false, false);
  addFunction(mod, userInit, shape(program.initLocals, program.userInit, true), true, false);
  const call = (name: string, args: binaryen.ExpressionRef[], result: binaryen.Type = binaryen.none) => m.call(mod.runtimeFunction(name).name, args, result);
  m.addFunction(ModuleExport.init, binaryen.createType([i32, i32, i32, i32]), binaryen.none, [], m.block(null, [
    m.call(runtimeInit, [], binaryen.none),
    call("runtime_init", [m.local.get(0, i32), m.local.get(1, i32), m.local.get(2, i32), m.local.get(3, i32)]),
    m.call(userInit, [], binaryen.none),
  ], binaryen.none));
  m.addFunction(ModuleExport.worker, i32, binaryen.none, [], call("runtime_worker", [m.local.get(0, i32)]));
  m.addFunction(ModuleExport.finish, binaryen.none, binaryen.none, [], call("runtime_finish", []));
  m.addFunction(ModuleExport.stats, binaryen.none, mod.ptr, [], call("runtime_stats", [], mod.ptr));
  m.addFunction(ModuleExport.gcStats, binaryen.none, mod.ptr, [], call("runtime_gc_stats", [], mod.ptr));
  m.addFunction(ModuleExport.idle, binaryen.none, binaryen.none, [], call("gc_park", []));
  m.addFunction(ModuleExport.resume, binaryen.none, binaryen.none, [], call("gc_unpark", []));
  const entries = [ModuleExport.init, ModuleExport.worker, ModuleExport.finish, ModuleExport.stats, ModuleExport.gcStats, ModuleExport.idle, ModuleExport.resume];
  for (const name of entries) m.addFunctionExport(name, name);
}
