// A small builder of checked IR, for the functions the checker writes itself (the array methods
// of arrayMethods.ts): locals, constants, operators, array accesses, loops and calls through
// function values, all typed as the checker would have typed them.
import type { ArithmeticOp, CompareOp, Expr, FunctionDecl, Label, Local, Loc, Stmt } from "./ir.js";
import type { CheckContext } from "./context.js";
import { synthesize } from "./synthetic.js";
import { arrayType, BOOL, I32, isReference, VOID, type ArrayType, type ClassType, type Type } from "./types.js";

export class IrBuilder {
  readonly params: Local[];
  private readonly locals: Local[];

  constructor(
    private readonly ctx: CheckContext,
    readonly loc: Loc,
    params: { name: string; type: Type }[],
  ) {
    this.params = params.map((p, id) => ({ ...p, id }));
    this.locals = [...this.params];
  }

  local(type: Type, name = "t"): Local {
    const l: Local = { name, type, id: this.locals.length };
    this.locals.push(l);
    return l;
  }

  get(l: Local): Expr {
    return { k: "local.get", type: l.type, loc: this.loc, local: l };
  }

  set(l: Local, value: Expr): Stmt {
    return { k: "expr", expr: { k: "local.set", type: VOID, loc: this.loc, local: l, value, tee: false } };
  }

  i32(value: number): Expr {
    return { k: "const", type: I32, loc: this.loc, value };
  }

  bool(value: boolean): Expr {
    return { k: "const", type: BOOL, loc: this.loc, value };
  }

  /** The value a variable of type `t` starts with (0, false, null). */
  zero(t: Type): Expr {
    if (isReference(t)) return { k: "null", type: { ...t, nullable: true }, loc: this.loc };
    return { k: "const", type: t, loc: this.loc, value: t.kind === "i64" ? 0n : t.kind === "bool" ? false : 0 };
  }

  op(op: ArithmeticOp, left: Expr, right: Expr): Expr {
    return { k: "binary", type: left.type, loc: this.loc, op, operandType: left.type, left, right };
  }

  /** `left op right`; strings compare by their contents (=== and !== only). */
  compare(op: CompareOp, left: Expr, right: Expr): Expr {
    if (left.type.kind === "string" && (op === "eq" || op === "ne")) {
      const equal: Expr = { k: "call", type: BOOL, loc: this.loc, fn: this.ctx.runtimeFunction("string_equals"), args: [left, right] };
      return op === "eq" ? equal : this.not(equal);
    }
    return { k: "binary", type: BOOL, loc: this.loc, op, operandType: left.type, left, right };
  }

  and(left: Expr, right: Expr): Expr {
    return { k: "logical", type: BOOL, loc: this.loc, op: "and", left, right };
  }

  or(left: Expr, right: Expr): Expr {
    return { k: "logical", type: BOOL, loc: this.loc, op: "or", left, right };
  }

  not(operand: Expr): Expr {
    return { k: "unary", type: BOOL, loc: this.loc, op: "not", operand };
  }

  cond(cond: Expr, then: Expr, otherwise: Expr): Expr {
    return { k: "cond", type: then.type, loc: this.loc, cond, then, else: otherwise };
  }

  min(a: Expr, b: Expr): Expr {
    return { k: "intrinsic", type: I32, loc: this.loc, name: "math.min", args: [a, b] };
  }

  max(a: Expr, b: Expr): Expr {
    return { k: "intrinsic", type: I32, loc: this.loc, name: "math.max", args: [a, b] };
  }

  /** An index in [0, length] from a relative position (negative counts from the end), as JavaScript clamps one. */
  relative(position: Expr, length: Expr): Expr {
    return this.cond(this.compare("lt", position, this.i32(0)), this.max(this.op("add", length, position), this.i32(0)), this.min(position, length));
  }

  length(array: Expr): Expr {
    return { k: "array.length", type: I32, loc: this.loc, array };
  }

  at(array: Expr, index: Expr): Expr {
    return { k: "index.get", type: (array.type as ArrayType).element, loc: this.loc, array, index };
  }

  store(array: Expr, index: Expr, value: Expr): Stmt {
    return { k: "expr", expr: { k: "index.set", type: VOID, loc: this.loc, array, index, value, tee: false } };
  }

  push(array: Expr, value: Expr): Stmt {
    return { k: "expr", expr: { k: "array.push", type: I32, loc: this.loc, array, value } };
  }

  pop(array: Expr): Stmt {
    return { k: "expr", expr: { k: "array.pop", type: (array.type as ArrayType).element, loc: this.loc, array } };
  }

  /** A new empty array of `element`s. */
  emptyArray(element: Type): Expr {
    return { k: "array.literal", type: arrayType(element), loc: this.loc, elements: [] };
  }

  /** `length` elements, each the zero of `element`. */
  newArray(element: Type, length: Expr): Expr {
    return { k: "new.array", type: arrayType(element), loc: this.loc, length, fill: this.zero(element) };
  }

  /** `f(args)` for a function value `f`, passing as many of `args` as its type takes. */
  callValue(f: Expr, args: Expr[]): Expr {
    const cls = (f.type as ClassType).cls;
    const sig = cls.signature!;
    return { k: "call.virtual", type: sig.result, loc: this.loc, receiver: f, method: cls.methods.get("call")!, args: args.slice(0, sig.params.length) };
  }

  call(fn: FunctionDecl, args: Expr[]): Expr {
    return { k: "call", type: fn.result, loc: this.loc, fn, args };
  }

  expr(e: Expr): Stmt {
    return { k: "expr", expr: e };
  }

  /** Throws an Error with a fixed message (a failed check of the helper's caller, located there). */
  throwMessage(message: string): Stmt {
    this.ctx.stringLiterals.add(message);
    return { k: "throw", message, loc: this.loc };
  }

  if(cond: Expr, then: Stmt[], otherwise: Stmt[] = []): Stmt {
    return { k: "if", cond, then, else: otherwise };
  }

  ret(value: Expr | null = null): Stmt {
    return { k: "return", value };
  }

  /** `while (cond) body`; `body` gets the loop's label (for `break`). */
  while(cond: Expr, body: (loop: Label) => Stmt[], update: Expr[] = []): Stmt {
    const label = this.ctx.newLabel();
    return { k: "block", label: null, body: [{ k: "loop", label, cond, testFirst: true, body: body(label), update }] };
  }

  /** `for (i = from; i < to; i++) body`, with `to` evaluated on each test. */
  forRange(i: Local, from: Expr, to: () => Expr, body: (loop: Label) => Stmt[]): Stmt[] {
    const next: Expr = { k: "local.set", type: VOID, loc: this.loc, local: i, value: this.op("add", this.get(i), this.i32(1)), tee: false };
    return [this.set(i, from), this.while(this.compare("lt", this.get(i), to()), body, [next])];
  }

  break(loop: Label): Stmt {
    return { k: "break", target: loop };
  }

  /** The function, registered with the context. */
  finish(name: string, result: Type, body: Stmt[]): FunctionDecl {
    const fn = synthesize(this.ctx, name, "function", this.params, null, body, this.loc, result);
    fn.locals = this.locals;
    return fn;
  }
}

/** The function made by `make` under `key`, made once per program (the checker's helpers). */
export function cachedHelper(ctx: CheckContext, key: string, make: () => FunctionDecl): FunctionDecl {
  let fn = ctx.helpers.get(key);
  if (fn === undefined) {
    fn = make();
    ctx.helpers.set(key, fn);
  }
  return fn;
}
