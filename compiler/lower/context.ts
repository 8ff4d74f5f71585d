import binaryen from "#binaryen";
import type { SourceLocation } from "../../runtime/abi.js";
import { FailCode, HostImport, type StmAlgorithm } from "../../runtime/abi.js";
import type { Target } from "../../targets/target.js";
import { valueSize, type HeapLayout } from "../../targets/layout.js";
import type { CheckedProgram, ClassDecl, Expr, FunctionDecl, GlobalVar, Label, Local, Loc } from "../check/ir.js";
import { isReference, type Type } from "../check/types.js";
import type { SafepointAnalysis } from "../gc/safepoints.js";
import type { ShadowFrame } from "../gc/frames.js";
import type { ProgramFacts } from "../barriers/select.js";
import type { MidEnd } from "../midend/pipeline.js";
import { BARRIER_EMITTERS, type BarrierEmitter } from "../barriers/algorithms.js";
import { invariantKey, type BarrierPlan } from "../barriers/select.js";
import { checkLayoutConstant, checkProgramCall, checkSharedVariable, checkThreadLocal } from "../runtime/contract.js";

/** Wasm locals holding a loop-invariant read: the value, and for an array its length and store pointer. */
export interface HoistedLocals {
  value?: number;
  length?: number;
  store?: number;
}

export const TABLE_NAME = "vtables";
/**
 * The module-internal name of a host import: prefixed, so that no function of the program
 * (whose names are the user's) can clash with it.
 */
export function hostImport(name: string): string {
  return `host.${name}`;
}

/** Failed checks that throw an error the program can catch, as JavaScript's would. */
const CATCHABLE_FAILURES: ReadonlySet<FailCode> = new Set([
  FailCode.NullDereference, FailCode.IndexOutOfRange, FailCode.BadConversionI32, FailCode.BadConversionI64, FailCode.DivisionByZero,
  FailCode.PopEmpty, FailCode.NegativeArrayLength, FailCode.IntegerOverflow, FailCode.InvalidCount,
]);

/** The wasm exception tag a transaction abort unwinds with. */
export const ABORT_TAG = "stm_abort";
/** The program's exceptions (runtime/core/errors.ts): one value, the error object. */
export const ERROR_TAG = "stmc_error";
/**
 * The one function that holds `memory.atomic.wait32`; every wait calls it and the optimizer never
 * inlines it. V8's baseline compiler (Liftoff) in Node 20 loses the values of locals it keeps in
 * registers across a wait instruction (a local incremented before a wait reads as its old value
 * after it); a call boundary makes it spill them. Newer V8 (Node 24) is not affected.
 */
export const WAIT_FUNCTION = "__stmc_wait32";

/**
 * Values the runtime reads that depend on the program (addresses of the collector's tables, the
 * heap's start, the function table's shape). The runtime is lowered once for every program
 * (compiler/runtime/prebuilt.ts), so it reads them from these wasm globals, which linking a program
 * defines (constants then).
 */
export const ProgramValue = {
  heapBase: "__stmc_heap_base",
  maxPages: "__stmc_max_pages",
  gcTypes: "__stmc_gc_types",
  gcTypeCount: "__stmc_gc_type_count",
  gcGlobals: "__stmc_gc_globals",
  vtableStride: "__stmc_vtable_stride",
  vtableTxBase: "__stmc_vtable_tx_base",
  stringClass: "__stmc_string_class",
} as const;
export type ProgramValue = (typeof ProgramValue)[keyof typeof ProgramValue];

/** Which ProgramValue globals hold an address (pointer-sized); the others are i32. */
export function isAddressValue(value: ProgramValue): boolean {
  return value !== ProgramValue.gcTypeCount && value !== ProgramValue.vtableStride && value !== ProgramValue.vtableTxBase && value !== ProgramValue.stringClass;
}

/**
 * Which part of a module is being lowered: the runtime alone (once, for every program), or a
 * program's own code on top of a lowered runtime.
 */
export type ModulePart = "runtime" | "program";

/** What every function's lowering shares: the module, the target, the static layout. */
export class ModuleContext {
  /** Internal names of the host's imports, by import name (a module read back from binary names them itself). */
  readonly hostFunctions = new Map<string, string>();
  /** The wasm functions this part added (the ones a program's link optimizes). */
  readonly addedFunctions: string[] = [];
  /** The added functions the optimizer never inlines: a loop of theirs drives other code (midend/pipeline.ts FunctionPlan.drivesCalls). */
  readonly callingLoopFunctions: string[] = [];
  readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  readonly locations: SourceLocation[] = [];
  private readonly locationIds = new Map<string, number>();
  private readonly debugFiles = new Map<string, number>();
  /** What the program's functions may write (barrier selection), with barriers only. */
  programFacts: ProgramFacts | null = null;
  /** The mid-end's results for the program's part (midend/pipeline.ts), for `--emit ir`. */
  midEnd: MidEnd | null = null;
  /** Barrier decisions per function, for `--emit barriers`. */
  readonly barrierReports: Array<{ fn: FunctionDecl; plan: BarrierPlan }> = [];
  /** Address of each module-level variable in linear memory (shared by all threads). */
  readonly globalAddresses = new Map<GlobalVar, number>();
  /** The wasm global (one per thread) of each of the runtime's thread-locals. */
  readonly threadLocalGlobals = new Map<GlobalVar, string>();
  /** First heap address, after the static data. */
  heapBase = 0;
  /** Addresses of the collector's tables (compiler/gc/tables.ts). */
  gcTypeTable = 0;
  gcGlobalRoots = 0;
  /** Entries per class in the function table: class c's slot s is at c.id * stride + s. */
  readonly vtableStride: number;
  /** Class ids of the built-in array object and of element stores (of scalars, of references). */
  readonly arrayClassId: number;
  readonly arrayStoreClassId: number;
  readonly arrayRefStoreClassId: number;
  /** Class id of strings (runtime/core/strings.ts): blocks without references. */
  readonly stringClassId: number;
  /** Where each string literal lives in static data (laid out with the collector's tables). */
  readonly stringLiterals = new Map<string, number>();
  /** Which code can reach a collection (set by lowerProgram before any function is lowered). */
  safepoints!: SafepointAnalysis;

  constructor(
    readonly module: binaryen.Module,
    readonly program: CheckedProgram,
    readonly target: Target,
    readonly layout: HeapLayout,
    readonly maximumPages: number,
    readonly stm: StmAlgorithm,
    readonly part: ModulePart,
  ) {
    this.vtableStride = Math.max(1, ...program.classes.map((c) => c.vtable.length));
    this.arrayClassId = program.classes.length;
    this.arrayStoreClassId = program.classes.length + 1;
    this.arrayRefStoreClassId = program.classes.length + 2;
    this.stringClassId = program.classes.length + 3;
  }

  /** Every class id the collector knows: the program's classes, arrays, element stores and strings. */
  get typeCount(): number {
    return this.program.classes.length + 4;
  }

  /** Where each class with one static object has it (laid out with the string literals). */
  readonly staticObjects = new Map<ClassDecl, number>();

  /** The address of a class's static object (laid out by lowerProgram). */
  staticObject(cls: ClassDecl): binaryen.ExpressionRef {
    const address = this.staticObjects.get(cls);
    if (address === undefined) throw new Error(`no static object of class ${cls.name}`);
    return this.ptrConst(address);
  }

  /** The address of a string literal (laid out by lowerProgram). */
  stringLiteral(text: string): binaryen.ExpressionRef {
    const address = this.stringLiterals.get(text);
    if (address === undefined) throw new Error(`string literal not laid out: ${JSON.stringify(text)}`);
    return this.ptrConst(address);
  }

  /** The class id of the element store of an array of `element`. */
  storeClassId(element: Type): number {
    return isReference(element) ? this.arrayRefStoreClassId : this.arrayStoreClassId;
  }

  /** Whether the user's shared accesses go through STM barriers. */
  get barriers(): boolean {
    return this.barrierEmitter !== undefined;
  }

  /** The emitter of the STM algorithm's barriers (compiler/barriers/algorithms.ts); none for gil and none. */
  get barrierEmitter(): BarrierEmitter | undefined {
    return BARRIER_EMITTERS[this.stm];
  }

  /**
   * With barriers, every function of the program exists twice: a plain version for code that
   * runs outside transactions (main, module initialisers) and a transactional clone with the
   * barriers (tasks, atomic blocks), so that code outside transactions pays nothing for the STM.
   * The runtime's functions exist once.
   */
  functionName(fn: FunctionDecl, transactional: boolean): string {
    return this.barriers && transactional && !fn.runtime && fn.kind !== "host" ? `${fn.name}$tx` : fn.name;
  }

  /**
   * Where the virtual methods of plain or of transactional code start in the function table:
   * class c's method in slot s is at base + c.id * stride + s.
   */
  vtableBase(transactional: boolean): number {
    return this.barriers && transactional ? this.program.classes.length * this.vtableStride : 0;
  }

  /** The call_indirect index of `slot` for the object whose class id is `classId`. */
  vtableIndex(classId: binaryen.ExpressionRef, slot: number, transactional: boolean): binaryen.ExpressionRef {
    const m = this.module;
    if (this.part === "runtime") {
      // The table's shape is the program's: read from its values (only tasks are called so).
      const base = transactional ? this.programValue(ProgramValue.vtableTxBase) : m.i32.const(0);
      return m.i32.add(m.i32.add(m.i32.mul(classId, this.programValue(ProgramValue.vtableStride)), base), m.i32.const(slot));
    }
    return m.i32.add(m.i32.mul(classId, m.i32.const(this.vtableStride)), m.i32.const(this.vtableBase(transactional) + slot));
  }

  get ptr(): binaryen.Type {
    return this.target.pointerType;
  }

  /** The internal name of host import `name` (runtime/abi.ts HostImport). */
  hostImport(name: string): string {
    return this.hostFunctions.get(name) ?? hostImport(name);
  }

  /** Reads one of the program-dependent values (runtime code only). */
  programValue(value: ProgramValue): binaryen.ExpressionRef {
    if (this.part !== "runtime") throw new Error(`${value} is read by the runtime, not by the program`);
    return this.module.global.get(value, isAddressValue(value) ? this.ptr : binaryen.i32);
  }

  /** Adds the global holding a program-dependent value: a placeholder in the runtime's part, the value in the program's. */
  addProgramValue(value: ProgramValue, initial: number): void {
    const address = isAddressValue(value);
    this.module.addGlobal(value, address ? this.ptr : binaryen.i32, this.part === "runtime", address ? this.ptrConst(initial) : this.module.i32.const(initial));
  }

  /** Strings and source locations the runtime's lowering numbered: the program's continue after them. */
  seed(strings: readonly string[], locations: readonly SourceLocation[]): void {
    for (const text of strings) this.stringId(text);
    for (const loc of locations) this.locationId(loc);
  }

  stringId(text: string): number {
    let id = this.stringIds.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.stringIds.set(text, id);
    }
    return id;
  }

  locationId(loc: Loc): number {
    const key = loc.join(":");
    let id = this.locationIds.get(key);
    if (id === undefined) {
      id = this.locations.length;
      this.locations.push(loc);
      this.locationIds.set(key, id);
    }
    return id;
  }

  /** Binaryen's index of a source file, for debug locations (and so source maps). */
  debugFileIndex(file: string): number {
    let index = this.debugFiles.get(file);
    if (index === undefined) {
      index = this.module.addDebugInfoFileName(file);
      this.debugFiles.set(file, index);
    }
    return index;
  }

  sizeOf(t: Type): number {
    return valueSize(t.kind, this.target);
  }

  /** The wasm value type that holds a value of stmc type `t`. */
  wasmType(t: Type): binaryen.Type {
    switch (t.kind) {
      case "i32":
      case "bool":
        return binaryen.i32;
      case "i64":
        return binaryen.i64;
      case "f64":
        return binaryen.f64;
      case "void":
        return binaryen.none;
      default:
        return this.target.pointerType;
    }
  }

  /** A pointer-sized constant. */
  ptrConst(value: number): binaryen.ExpressionRef {
    return this.target.memory64 ? this.module.i64.const(BigInt(value)) : this.module.i32.const(value);
  }

  /** Pointer-typed arithmetic. */
  get ptrOps(): typeof this.module.i32 | typeof this.module.i64 {
    return (this.target.memory64 ? this.module.i64 : this.module.i32) as typeof this.module.i32;
  }

  /** A catch's first instruction: the pointer its exception carries (the error object). */
  popPointer(): binaryen.ExpressionRef {
    return this.target.memory64 ? this.module.i64.pop() : this.module.i32.pop();
  }

  /** An i32 index or length widened to pointer width (it is never negative when used). */
  indexToPtr(value: binaryen.ExpressionRef): binaryen.ExpressionRef {
    return this.target.memory64 ? this.module.i64.extend_u(value) : value;
  }

  /**
   * A failed check at `loc` (`arg`: a number the message shows): a check JavaScript also makes
   * throws an error the program can catch (runtime/core/errors.ts); the others stop the program
   * (the host reports `code`).
   */
  fail(code: FailCode, loc: Loc | null, arg: binaryen.ExpressionRef = this.module.f64.const(0)): binaryen.ExpressionRef {
    const m = this.module;
    const locId = m.i32.const(loc === null ? -1 : this.locationId(loc));
    const call = CATCHABLE_FAILURES.has(code)
      ? m.call(this.runtimeFunction("error_fail").name, [m.i32.const(code), locId, arg], binaryen.none)
      : m.call(this.hostImport(HostImport.fail), [m.i32.const(code), locId, arg], binaryen.none);
    return m.block(null, [call, m.unreachable()], binaryen.unreachable);
  }

  /** A failed check that throws an error with a fixed message (a string literal of the program). */
  raise(message: string, loc: Loc): binaryen.ExpressionRef {
    const m = this.module;
    const call = m.call(this.runtimeFunction("error_raise").name, [this.stringLiteral(message), m.i32.const(this.locationId(loc))], binaryen.none);
    return m.block(null, [call, m.unreachable()], binaryen.unreachable);
  }

  /** Loads a value of type `t` stored at `ptr + offset`. */
  load(t: Type, ptr: binaryen.ExpressionRef, offset = 0): binaryen.ExpressionRef {
    const m = this.module;
    switch (t.kind) {
      case "i32":
      case "bool":
        return m.i32.load(offset, 4, ptr);
      case "i64":
        return m.i64.load(offset, 8, ptr);
      case "f64":
        return m.f64.load(offset, 8, ptr);
      default:
        return this.target.memory64 ? m.i64.load(offset, 8, ptr) : m.i32.load(offset, 4, ptr);
    }
  }

  store(t: Type, ptr: binaryen.ExpressionRef, value: binaryen.ExpressionRef, offset = 0): binaryen.ExpressionRef {
    const m = this.module;
    switch (t.kind) {
      case "i32":
      case "bool":
        return m.i32.store(offset, 4, ptr, value);
      case "i64":
        return m.i64.store(offset, 8, ptr, value);
      case "f64":
        return m.f64.store(offset, 8, ptr, value);
      default:
        return this.target.memory64 ? m.i64.store(offset, 8, ptr, value) : m.i32.store(offset, 4, ptr, value);
    }
  }

  /** The wasm global of one of the runtime's thread-locals. */
  threadLocal(name: string): string {
    if (this.part === "program") checkThreadLocal(name);
    const global = this.program.globals.find((g) => g.runtime && g.threadLocal !== undefined && g.name === name);
    const wasmName = global === undefined ? undefined : this.threadLocalGlobals.get(global);
    if (wasmName === undefined) throw new Error(`the runtime has no thread-local '${name}'`);
    return wasmName;
  }

  /** The address in memory of one of the runtime's shared module-level variables. */
  runtimeGlobalAddress(name: string): number {
    if (this.part === "program") checkSharedVariable(name);
    const global = this.program.globals.find((g) => g.runtime && g.threadLocal === undefined && g.name === name);
    const address = global === undefined ? undefined : this.globalAddresses.get(global);
    if (address === undefined) throw new Error(`the runtime has no shared variable '${name}'`);
    return address;
  }

  /** The value of one of the runtime's constants (`const X: T = literal`), for layouts the compiler shares with it. */
  runtimeConstant(name: string): number {
    if (this.part === "program") checkLayoutConstant(name);
    const global = this.program.globals.find((g) => g.runtime && g.constant !== undefined && g.name === name);
    const value = global?.constant?.value;
    if (typeof value !== "number" && typeof value !== "bigint") throw new Error(`the runtime has no numeric constant '${name}'`);
    return Number(value);
  }

  runtimeFunction(name: string): FunctionDecl {
    if (this.part === "program") checkProgramCall(name);
    const fn = this.program.runtime.functions.get(name);
    if (fn === undefined) throw new Error(`the runtime has no function '${name}'`);
    return fn;
  }

  isVirtualSlotUniform(cls: ClassDecl, slot: number): boolean {
    const impl = cls.vtable[slot];
    const visit = (c: ClassDecl): boolean => c.vtable[slot] === impl && c.subclasses.every(visit);
    return visit(cls);
  }
}

/** Per-function state: wasm locals (the checker's plus lowering temporaries) and labels. */
export class FunctionContext {
  /** Types of the wasm locals after the parameters. */
  readonly extraLocals: binaryen.Type[] = [];
  /** Source locations of statements and calls, attached once the function exists. */
  readonly debugLocations: Array<[binaryen.ExpressionRef, Loc]> = [];
  /** The shadow-stack frame, for a function that can reach a safepoint while holding references. */
  frame: ShadowFrame | null = null;
  /** Barrier selection's decisions for this function's transactional code (compiler/barriers/select.ts). */
  plan: BarrierPlan | null = null;
  /** Stores into a constructor's young `this` that skip the collector's write barrier (gc/young.ts). */
  youngStores: ReadonlySet<Expr> = new Set();
  /** Loop-invariant reads made before the enclosing loops, by invariantKey. */
  readonly hoisted = new Map<string, HoistedLocals>();
  private readonly firstTemp: number;

  constructor(
    readonly mod: ModuleContext,
    readonly paramCount: number,
    readonly locals: readonly Local[],
    /** The user's code (not the runtime's): barriers and loop polls (midend/pipeline.ts). */
    readonly userCode: boolean,
    /** Code that runs inside a transaction: barriers on, calls go to transactional clones. */
    public transactional: boolean,
    /** Source locations recorded for the source map and runtime errors (the runtime has none). */
    readonly tracksLocations: boolean = userCode,
  ) {
    this.firstTemp = Math.max(paramCount, ...locals.map((l) => l.id + 1));
    const byId = new Map(locals.map((l) => [l.id, l]));
    for (let id = paramCount; id < this.firstTemp; id++) {
      const local = byId.get(id);
      this.extraLocals.push(local === undefined ? binaryen.i32 : mod.wasmType(local.type));
    }
  }

  get m(): binaryen.Module {
    return this.mod.module;
  }

  /** Records where `ref` comes from in the source (user code only: the runtime has no map). */
  located(ref: binaryen.ExpressionRef, loc: Loc): binaryen.ExpressionRef {
    if (this.tracksLocations) this.debugLocations.push([ref, loc]);
    return ref;
  }

  /** A fresh wasm local for lowering's own use. */
  temp(type: binaryen.Type): number {
    this.extraLocals.push(type);
    return this.paramCount + this.extraLocals.length - 1;
  }

  /** Locals holding the values of reads that later reads reuse (BarrierPlan.firstReads). */
  private readonly savedReads = new Map<Expr, number>();

  /**
   * A field or module-variable read lowered by `lower`, unless the plan reuses an earlier read's
   * value for it; a read whose value is reused later is kept in a local.
   */
  reusableRead(e: Expr, lower: () => binaryen.ExpressionRef): binaryen.ExpressionRef {
    const type = this.mod.wasmType(e.type);
    const first = this.transactional ? this.plan?.reused.get(e) : undefined;
    const saved = first === undefined ? undefined : this.savedReads.get(first);
    if (saved !== undefined) return this.m.local.get(saved, type);
    const ref = lower();
    if (!this.transactional || this.plan?.firstReads.has(e) !== true) return ref;
    const local = this.temp(type);
    this.savedReads.set(e, local);
    return this.m.local.tee(local, ref, type);
  }

  /** The hoisted copy of `e`'s value, if an enclosing loop read it before it started. */
  hoistedValue(e: Expr): binaryen.ExpressionRef | null {
    if (this.hoisted.size === 0 || !this.transactional) return null;
    const key = invariantKey(e);
    const found = key === null ? undefined : this.hoisted.get(key);
    return found?.value === undefined ? null : this.m.local.get(found.value, this.mod.wasmType(e.type));
  }

  /** The hoisted length and store pointer of array `array`, if an enclosing loop read them. */
  hoistedHeader(array: Expr): { length: () => binaryen.ExpressionRef; store: () => binaryen.ExpressionRef } | null {
    if (this.hoisted.size === 0 || !this.transactional) return null;
    const key = invariantKey(array, true);
    const found = key === null ? undefined : this.hoisted.get(key);
    if (found?.length === undefined || found.store === undefined) return null;
    const { length, store } = found;
    return { length: () => this.m.local.get(length, binaryen.i32), store: () => this.m.local.get(store, this.mod.ptr) };
  }

  breakName(label: Label): string {
    return `break${label.id}`;
  }
  continueName(label: Label): string {
    return `continue${label.id}`;
  }
  loopName(label: Label): string {
    return `loop${label.id}`;
  }
}
