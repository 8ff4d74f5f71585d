// What the program's code can write, for barrier selection (compiler/barriers/select.ts):
// - per function, transitively through calls, virtual calls and constructors: the fields and
//   module-level variables it may write, and whether it may resize an array (push/pop);
// - per field: whether anything writes it after construction. A field written only by
//   constructors on the object under construction (still private to its transaction) is
//   immutable once shared, like a `readonly` one: no transaction can conflict on it;
// - per module variable: whether any function writes it (else only its initialiser, on the main
//   thread during module initialisation: immutable; an initialiser that itself calls
//   transaction.run() could let tasks read a variable a later initialiser writes, writes that were
//   never barriered either);
// - the array analysis relies on array types being invariant (a T[] is never used as a U[]) and on
//   push/pop (array_grow) being the only code that changes a header: covariance, generics or
//   another header writer must update headerImmutable;
// - per array type: whether anything resizes an array of that type (push/pop). If nothing
//   does, an array's length and store pointer never change after it is created: its header
//   needs no barrier (and is not in any read set, so writes to elements that share its stripe
//   are no conflict for readers of the header).
import type { ClassDecl, CheckedProgram, Expr, Field, FunctionDecl, GlobalVar, Stmt } from "../check/ir.js";
import type { Type } from "../check/types.js";
import { implementations } from "../gc/safepoints.js";
import { forEachExpr } from "../gc/walk.js";

export interface Effects {
  readonly fields: Set<Field>;
  readonly globals: Set<GlobalVar>;
  resizes: boolean;
}

export class ProgramEffects {
  private readonly byFunction = new Map<FunctionDecl, Effects>();
  private readonly writtenAfterConstruction = new Set<Field>();
  private readonly resizedElements = new Set<ClassDecl | string>();
  private readonly writtenGlobals = new Set<GlobalVar>();

  constructor(program: CheckedProgram) {
    const callees = new Map<FunctionDecl, FunctionDecl[]>();
    for (const fn of program.functions) {
      const own: Effects = { fields: new Set(), globals: new Set(), resizes: false };
      const calls: FunctionDecl[] = [];
      forEachExpr(fn.body, (e) => {
        collectDirect(e, own, fn);
        calls.push(...calleesOf(e));
        if (e.k === "field.set" && !writesObjectUnderConstruction(e, fn)) this.writtenAfterConstruction.add(e.field);
        if (e.k === "array.push" || e.k === "array.pop") this.resizedElements.add(elementKey(e.array.type));
        if (e.k === "global.set") this.writtenGlobals.add(e.global);
      });
      this.byFunction.set(fn, own);
      callees.set(fn, calls);
    }
    forEachExpr(program.userInit, (e) => {
      if (e.k === "field.set") this.writtenAfterConstruction.add(e.field);
    });
    // Least fixpoint: a function's effects include its callees'.
    for (let changed = true; changed; ) {
      changed = false;
      for (const fn of program.functions) {
        const mine = this.byFunction.get(fn)!;
        for (const callee of callees.get(fn)!) {
          const theirs = this.byFunction.get(callee);
          if (theirs === undefined || theirs === mine) continue;
          const before = mine.fields.size + mine.globals.size + (mine.resizes ? 1 : 0);
          theirs.fields.forEach((f) => mine.fields.add(f));
          theirs.globals.forEach((g) => mine.globals.add(g));
          mine.resizes ||= theirs.resizes;
          if (mine.fields.size + mine.globals.size + (mine.resizes ? 1 : 0) !== before) changed = true;
        }
      }
    }
  }

  /** What a call of `fn` may write. */
  ofFunction(fn: FunctionDecl): Effects {
    return this.byFunction.get(fn) ?? { fields: new Set(), globals: new Set(), resizes: true };
  }

  /** What running `statements` (and everything they call) may write, added to `into`. */
  ofStatements(statements: readonly Stmt[], into: Effects): void {
    forEachExpr(statements, (x) => {
      collectDirect(x, into, null);
      for (const callee of calleesOf(x)) {
        const theirs = this.ofFunction(callee);
        theirs.fields.forEach((f) => into.fields.add(f));
        theirs.globals.forEach((g) => into.globals.add(g));
        into.resizes ||= theirs.resizes;
      }
    });
  }

  /** True if only its initialiser writes module variable `g` (before main, before any transaction). */
  globalImmutable(g: GlobalVar): boolean {
    return !this.writtenGlobals.has(g);
  }

  /** True if no code resizes an array of `arrayType` (or of a type it may alias): its header never changes. */
  headerImmutable(arrayType: Type): boolean {
    return !this.resizedElements.has(elementKey(arrayType));
  }

  /** True if no code writes `field` once its object is constructed. */
  immutable(field: Field): boolean {
    return field.readonly || !this.writtenAfterConstruction.has(field);
  }
}

/**
 * What identifies an array type for headerImmutable, coarse enough that every array an access
 * may reach has the access's key: nullability is ignored, class elements count as their root
 * class (a subclass's array may be used as its base's), and arrays of arrays are one kind.
 */
function elementKey(arrayType: Type): ClassDecl | string {
  if (arrayType.kind !== "array") return "?";
  const element = arrayType.element;
  if (element.kind === "class") {
    let root = element.cls;
    while (root.base !== null) root = root.base;
    return root;
  }
  return element.kind === "array" ? "array" : element.kind;
}

/** The writes `e` itself makes (not its callees'). Constructors' writes to `this` touch only the new object. */
function collectDirect(e: Expr, into: Effects, fn: FunctionDecl | null): void {
  if (e.k === "field.set" && (fn === null || !writesObjectUnderConstruction(e, fn))) into.fields.add(e.field);
  else if (e.k === "global.set") into.globals.add(e.global);
  else if (e.k === "array.push" || e.k === "array.pop") into.resizes = true;
}

/** The functions a call, `new` or virtual call in `e` itself may run. */
export function calleesOf(e: Expr): FunctionDecl[] {
  switch (e.k) {
    case "call": return [e.fn];
    case "new": { const ctor = e.ctor ?? e.cls.constructorFn; return ctor === null ? [] : [ctor]; }
    case "call.virtual": return e.receiver.type.kind === "class" ? implementations(e.receiver.type.cls, e.method.slot) : [];
    default: return [];
  }
}

/** `this.f = v` in a constructor: the object is still private to the code that allocated it. */
function writesObjectUnderConstruction(e: Extract<Expr, { k: "field.set" }>, fn: FunctionDecl): boolean {
  return fn.kind === "constructor" && e.object.k === "local.get" && e.object.local === fn.params[0];
}
