// The generator's model of a program: stmc types, classes, callables and variables, with the
// typing rules the generated code relies on (the same as the compiler's: docs/language.md).

export type Prim = "i32" | "i64" | "f64" | "bool" | "str";
export type Ty =
  | { k: Prim }
  | { k: "class"; c: ClassDef; nullable: boolean }
  | { k: "array"; e: Ty; nullable: boolean }
  /** A function type `(a0: A, a1: B) => R` (ret null: void). */
  | { k: "fn"; params: Ty[]; ret: Ty | null; nullable: boolean };
export type FnTy = Extract<Ty, { k: "fn" }>;

export const I32: Ty = { k: "i32" };
export const I64: Ty = { k: "i64" };
export const F64: Ty = { k: "f64" };
export const BOOL: Ty = { k: "bool" };
export const STR: Ty = { k: "str" };
export const PRIMS: readonly Ty[] = [I32, I64, F64, BOOL];

export interface Field {
  name: string;
  ty: Ty;
  readonly: boolean;
  /** A getter (and a setter unless readonly) over another field: never stored to by a constructor. */
  accessor?: { get: string; set: string | null };
}

export interface Param {
  name: string;
  ty: Ty;
  /** A default value (top-level functions): calls may leave the argument out. */
  dflt?: string;
  /** A constructor parameter property (`public x: i32`, `readonly y: f64`). */
  prop?: "public" | "readonly";
}

/**
 * What is known of a function value: calling it ends because a value's body only calls values of
 * a lower level and functions of a level not above its own (a call through a value has the
 * value's level plus one); its cost bounds one call; an unsafe one may print or read module
 * variables (task-safe code must not call it).
 */
export interface FnInfo {
  lvl: number;
  cost: number;
  unsafe: boolean;
  /** May push, pop or splice (only a local holds such a value: a for…of body or a callback does not call it). */
  resizes?: boolean;
}

/** What a value stored in a parameter, field, array element or result may be (reads of them assume it). */
export const STORED: FnInfo = { lvl: 1, cost: 40, unsafe: false };

export function fnInfoLeq(a: FnInfo, b: FnInfo): boolean {
  return a.lvl <= b.lvl && a.cost <= b.cost && (!a.unsafe || b.unsafe) && (a.resizes !== true || b.resizes === true);
}

export function fnInfoJoin(a: FnInfo, b: FnInfo): FnInfo {
  return { lvl: Math.max(a.lvl, b.lvl), cost: Math.max(a.cost, b.cost), unsafe: a.unsafe || b.unsafe, resizes: a.resizes === true || b.resizes === true };
}

/** A function, a method implementation or a task: something with a body and a cost. */
export interface Callable {
  name: string;
  params: Param[];
  ret: Ty | null;
  /** Bodies are generated in rank order; a body may only call callables of lower rank (no recursion). */
  rank: number;
  /** Safe code may run as a task: no module-level state, no output, nothing that can fail. */
  safe: boolean;
  /** Rough number of operations one call executes (bounded loops multiply it). */
  cost: number;
  /** May push to an array it did not create (for…of loops must not call it). */
  pushes: boolean;
  /** May pop or splice an array (array-method callbacks must not call it). */
  resizes: boolean;
  /** Its level as a function value (FnInfo): the highest of its direct callees' and of its value calls' plus one. */
  lvl: number;
  done: boolean;
  /** The class whose method this is. */
  owner?: ClassDef;
  /** The method slot it implements. */
  slot?: MethodSlot;
}

/** A virtual method: declared in `cls`, implemented there and possibly overridden below. */
export interface MethodSlot {
  name: string;
  cls: ClassDef;
  params: Param[];
  ret: Ty | null;
  safe: boolean;
  impls: Callable[];
}

export interface ClassDef {
  name: string;
  index: number;
  parent: ClassDef | null;
  children: ClassDef[];
  fields: Field[];
  /** Slots declared by this class (overrides live in the base class's slot). */
  slots: MethodSlot[];
  ctorParams: Param[];
  /** Declares its own constructor (otherwise it takes its base's parameters). */
  ownCtor: boolean;
}

export interface Var {
  name: string;
  ty: Ty;
  /** let (or a parameter) rather than const. */
  mutable: boolean;
  /** May not be assigned here: a loop counter, or a reference narrowed to non-null. */
  frozen?: boolean;
  /** Narrowed to null by TypeScript here: must not be used at all. */
  unusable?: boolean;
  global?: boolean;
  /** For a function-typed variable: what its values are (STORED when absent). */
  info?: FnInfo;
}

export function isNumeric(t: Ty): boolean {
  return t.k === "i32" || t.k === "i64" || t.k === "f64";
}

export function isInt(t: Ty): boolean {
  return t.k === "i32" || t.k === "i64";
}

export function isRef(t: Ty): t is Extract<Ty, { nullable: boolean }> {
  return t.k === "class" || t.k === "array" || t.k === "fn";
}

/** Does the type hold a function type (task parameters must not: their values come from main)? */
export function hasFn(t: Ty | null): boolean {
  if (t === null) return false;
  if (t.k === "fn") return true;
  return t.k === "array" && hasFn(t.e);
}

export function nullable(t: Ty): boolean {
  return isRef(t) && t.nullable;
}

export function withNull(t: Ty, n: boolean): Ty {
  if (t.k === "class") return { k: "class", c: t.c, nullable: n };
  if (t.k === "array") return { k: "array", e: t.e, nullable: n };
  if (t.k === "fn") return { k: "fn", params: t.params, ret: t.ret, nullable: n };
  return t;
}

export function fnTy(params: Ty[], ret: Ty | null, n = false): FnTy {
  return { k: "fn", params, ret, nullable: n };
}

export function classTy(c: ClassDef, n = false): Ty {
  return { k: "class", c, nullable: n };
}

export function arrayTy(e: Ty, n = false): Ty {
  return { k: "array", e, nullable: n };
}

export function sameTy(a: Ty, b: Ty): boolean {
  if (a.k !== b.k) return false;
  if (a.k === "class" && b.k === "class") return a.c === b.c && a.nullable === b.nullable;
  if (a.k === "array" && b.k === "array") return a.nullable === b.nullable && sameTy(a.e, b.e);
  if (a.k === "fn" && b.k === "fn") return a.nullable === b.nullable && sameSig(a, b);
  return true;
}

/** Same parameters and result (nullability aside). */
export function sameSig(a: FnTy, b: FnTy): boolean {
  if (a.params.length !== b.params.length || !a.params.every((p, i) => sameTy(p, b.params[i]))) return false;
  return a.ret === null || b.ret === null ? a.ret === b.ret : sameTy(a.ret, b.ret);
}

export function isSubclass(c: ClassDef, base: ClassDef): boolean {
  for (let x: ClassDef | null = c; x !== null; x = x.parent) if (x === base) return true;
  return false;
}

/** Can a value of type `from` be used where `to` is wanted (the implicit conversions)? */
export function assignable(from: Ty, to: Ty): boolean {
  if (sameTy(from, to)) return true;
  if (from.k === "i32" && (to.k === "i64" || to.k === "f64")) return true;
  if (from.k === "class" && to.k === "class") return isSubclass(from.c, to.c) && (!from.nullable || to.nullable);
  if (from.k === "array" && to.k === "array") return sameTy(from.e, to.e) && (!from.nullable || to.nullable);
  if (from.k === "fn" && to.k === "fn") return sameSig(from, to) && (!from.nullable || to.nullable);
  return false;
}

/** The type of arithmetic on `a` and `b` (i32 widens to the other side), or null. */
export function join(a: Ty, b: Ty): Ty | null {
  if (!isNumeric(a) || !isNumeric(b)) return null;
  if (a.k === b.k) return a;
  if (a.k === "i32") return b;
  if (b.k === "i32") return a;
  return null; // i64 with f64
}

/** The TypeScript spelling. */
export function tyName(t: Ty): string {
  switch (t.k) {
    case "i32":
    case "i64":
    case "f64":
      return t.k;
    case "bool":
      return "boolean";
    case "str":
      return "string";
    case "class":
      return t.nullable ? `${t.c.name} | null` : t.c.name;
    case "array": {
      const inner = (isRef(t.e) && t.e.nullable) || t.e.k === "fn" ? `(${tyName(t.e)})` : tyName(t.e);
      return t.nullable ? `${inner}[] | null` : `${inner}[]`;
    }
    case "fn": {
      const sig = `(${t.params.map((p, i) => `a${i}: ${tyName(p)}`).join(", ")}) => ${t.ret === null ? "void" : tyName(t.ret)}`;
      return t.nullable ? `(${sig}) | null` : sig;
    }
  }
}

/** The spelling where a function type would swallow what follows (an arrow's result type). */
export function tyNameParen(t: Ty): string {
  return t.k === "fn" ? `(${tyName(t)})` : tyName(t);
}

/** Every field of `c`, inherited ones first. */
export function allFields(c: ClassDef): Field[] {
  return c.parent === null ? [...c.fields] : [...allFields(c.parent), ...c.fields];
}

/** Every method slot callable on `c` (declared by it or a base class). */
export function allSlots(c: ClassDef): MethodSlot[] {
  return c.parent === null ? [...c.slots] : [...allSlots(c.parent), ...c.slots];
}

export function subclasses(c: ClassDef): ClassDef[] {
  return [c, ...c.children.flatMap(subclasses)];
}

/** The implementation a call on an object of dynamic class `c` runs. */
export function implFor(slot: MethodSlot, c: ClassDef): Callable | undefined {
  for (let x: ClassDef | null = c; x !== null; x = x.parent) {
    const impl = slot.impls.find((m) => m.owner === x);
    if (impl !== undefined) return impl;
  }
  return undefined;
}

/** Every implementation a call with static receiver class `c` may run. */
export function reachableImpls(slot: MethodSlot, c: ClassDef): Callable[] {
  const out = new Set<Callable>();
  for (const d of subclasses(c)) {
    const impl = implFor(slot, d);
    if (impl !== undefined) out.add(impl);
  }
  return [...out];
}

/** Classes related to `c` (one is a subclass of the other): TypeScript lets them be compared. */
export function related(a: ClassDef, b: ClassDef): boolean {
  return isSubclass(a, b) || isSubclass(b, a);
}
