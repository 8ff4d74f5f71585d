// Function values. A function type `(a: A, b: B) => R` is a class of its own (one per
// signature) with one abstract method, `call`. Each arrow function, function expression, nested
// function and top-level function used as a value is a class derived from it: its fields hold
// what it captured, its `call` is the function's body. Calling a value is a virtual call of
// `call`, so the dispatch of methods applies: with one function of a type in the program, the
// call is direct (and Binaryen may inline it).
//
// Captures (captures.ts decides which): a variable that never changes after its declaration is
// copied into a readonly field (reading it needs no barrier); one that is assigned lives in a
// cell, an object of its own, which the declaring function and the closures share.
import ts from "../typescript.cjs";
import { analyzeCaptures, frameOf, type CaptureFacts } from "./captures.js";
import { coerce, type Env } from "./coerce.js";
import { FunctionScope } from "./context.js";
import type { CheckContext } from "./context.js";
import { parameterType, returnType } from "./declarations.js";
import type { ClassDecl, Expr, Field, FunctionDecl, Local, Loc, Signature, Stmt } from "./ir.js";
import { synthesize, syntheticClass } from "./synthetic.js";
import { classType, isReference, sameType, typeToString, VOID, type ClassType, type Type } from "./types.js";

// ----------------------------------------------------------------------------- function types

/** The class of the function type `(params) => result`. */
export function signatureClass(ctx: CheckContext, params: readonly Type[], result: Type, loc: Loc): ClassDecl {
  const signature: Signature = { params, result };
  const name = typeToString({ kind: "class", cls: { signature } as ClassDecl, nullable: false });
  const existing = ctx.signatures.get(name);
  if (existing !== undefined) return existing;
  const cls = syntheticClass(ctx, name, null, loc, signature);
  ctx.signatures.set(name, cls);
  const self: Local = { name: "this", type: classType(cls), id: 0 };
  const call: FunctionDecl = {
    name: ctx.uniqueName(`${name}.call`), sourceName: "call", kind: "method", params: [self, ...params.map((type, i) => ({ name: `a${i}`, type, id: i + 1 }))],
    result, owner: cls, loc, exported: false, runtime: false, abstract: true, body: [], locals: [],
  };
  call.locals = [...call.params];
  ctx.functionList.push(call);
  cls.methods.set("call", { name: "call", fn: call, slot: -1 });
  return cls;
}

export function signatureOf(t: Type | undefined): Signature | null {
  return t !== undefined && t.kind === "class" ? (t.cls.signature ?? null) : null;
}

/** `value(args)` for a value of a function type. */
export function callValue(env: Env, node: ts.CallExpression, callee: Expr, argsOf: (types: Type[]) => Expr[] | null): Expr | null {
  const sig = signatureOf(callee.type);
  if (sig === null || callee.type.kind !== "class") {
    env.ctx.error(node.expression, `a value of type ${typeToString(callee.type)} cannot be called`);
    return null;
  }
  const receiver: Expr = callee.type.nullable ? { k: "nonnull", type: { ...callee.type, nullable: false }, loc: callee.loc, value: callee } : callee;
  const args = argsOf([...sig.params]);
  if (args === null) return null;
  return { k: "call.virtual", type: sig.result, loc: env.ctx.loc(node), receiver, method: callee.type.cls.methods.get("call")!, args };
}

// ----------------------------------------------------------------------------- cells

/** The class of a cell holding one variable of type `type`. */
function cellClass(ctx: CheckContext, type: Type, loc: Loc): { cls: ClassDecl; field: Field } {
  const key = typeToString(type);
  let cls = ctx.cells.get(key);
  if (cls === undefined) {
    cls = syntheticClass(ctx, `Cell<${key}>`, null, loc);
    const field: Field = { name: "value", type, offset: -1, readonly: false, owner: cls };
    cls.fields.push(field);
    ctx.cells.set(key, cls);
  }
  return { cls, field: cls.fields[0] };
}

function newCell(ctx: CheckContext, type: Type, value: Expr, loc: Loc, into: Local): Stmt[] {
  const { cls, field } = cellClass(ctx, type, loc);
  const get: Expr = { k: "local.get", type: into.type, loc, local: into };
  return [
    { k: "expr", expr: { k: "local.set", type: VOID, loc, local: into, value: { k: "new", type: classType(cls), loc, cls, args: [] }, tee: false } },
    { k: "expr", expr: { k: "field.set", type: VOID, loc, object: get, field, value, tee: false } },
  ];
}

function factsFor(ctx: CheckContext, decl: ts.Node): CaptureFacts | null {
  let root: ts.Node | null = null;
  for (let n: ts.Node | undefined = decl.parent; n !== undefined; n = n.parent) if (ts.isFunctionLike(n)) root = n;
  if (root === null) return null;
  let facts = ctx.captureFacts.get(root);
  if (facts === undefined) {
    facts = analyzeCaptures(ctx, root);
    ctx.captureFacts.set(root, facts);
  }
  return facts;
}

function isBoxed(ctx: CheckContext, decl: ts.Node): boolean {
  return factsFor(ctx, decl)?.boxed.has(decl) ?? false;
}

/**
 * Declares a local for `decl` and returns the statements that initialise it with `init` (a
 * variable a closure captures and something assigns goes into a new cell).
 */
export function declareVariable(env: Env, decl: ts.Node, name: string, type: Type, init: Expr | null, loc: Loc): Stmt[] {
  const { ctx, scope } = env;
  const loopAssignment = factsFor(ctx, decl)?.assignedLoopVariables.get(decl);
  if (loopAssignment !== undefined) {
    ctx.error(loopAssignment, `'${name}' is captured by a closure and assigned in the loop's body: each iteration has its own '${name}' in JavaScript; copy it into a const for the closure`);
  }
  if (!isBoxed(ctx, decl)) {
    const local = scope.declare(decl, name, type);
    return init === null ? [] : [{ k: "expr", expr: { k: "local.set", type: VOID, loc, local, value: init, tee: false } }];
  }
  const { cls, field } = cellClass(ctx, type, loc);
  const local = scope.declare(decl, name, classType(cls));
  scope.cells.set(decl, field);
  return newCell(ctx, type, init ?? zeroValue(type, loc), loc, local);
}

function zeroValue(t: Type, loc: Loc): Expr {
  if (isReference(t)) return { k: "null", type: { ...t, nullable: true }, loc };
  return { k: "const", type: t, loc, value: t.kind === "i64" ? 0n : t.kind === "bool" ? false : 0 };
}

/** Binds a function's parameters; those that closures capture and something assigns move into cells. */
export function bindParameters(env: Env, nodes: readonly ts.ParameterDeclaration[], locals: readonly Local[]): void {
  const { ctx, scope } = env;
  nodes.forEach((p, i) => {
    const param = locals[i];
    if (!isBoxed(ctx, p)) {
      scope.bindParameter(p, param);
      return;
    }
    const loc = ctx.loc(p);
    const { cls, field } = cellClass(ctx, param.type, loc);
    const cell = scope.temp(classType(cls), param.name);
    scope.bindParameter(p, cell);
    scope.cells.set(p, field);
    scope.prologue.push(...newCell(ctx, param.type, { k: "local.get", type: param.type, loc, local: param }, loc, cell));
  });
}

// ----------------------------------------------------------------------------- variables

/** A variable of a function or of a function around it, as the current scope reaches it. */
export interface VariableRef {
  readonly type: Type;
  get(loc: Loc): Expr;
  /** Null for a copy a closure captured (only variables nothing assigns are copied). */
  set: ((value: Expr, tee: boolean, loc: Loc) => Expr) | null;
  /** For a variable in a cell: the cell. */
  readonly cell: ((loc: Loc) => Expr) | null;
}

function fieldRef(object: (loc: Loc) => Expr, field: Field): VariableRef {
  return {
    type: field.type,
    get: (loc) => ({ k: "field.get", type: field.type, loc, object: object(loc), field }),
    set: (value, tee, loc) => ({ k: "field.set", type: tee ? field.type : VOID, loc, object: object(loc), field, value, tee }),
    cell: object,
  };
}

/**
 * `decl` as seen from `env`: its local, its cell, or what a closure captured of it. Undefined
 * when it is no variable of this function or of one around it (a module variable, a class...).
 */
export function lookupVariable(env: Env, decl: ts.Node, loc: Loc): VariableRef | undefined {
  const { scope } = env;
  const local = scope.lookup(decl);
  if (local !== undefined) {
    const cellField = scope.cells.get(decl);
    if (cellField !== undefined) return fieldRef((l) => ({ k: "local.get", type: local.type, loc: l, local }), cellField);
    return {
      type: local.type,
      get: (l) => ({ k: "local.get", type: local.type, loc: l, local }),
      set: (value, tee, l) => ({ k: "local.set", type: tee ? local.type : VOID, loc: l, local, value, tee }),
      cell: null,
    };
  }
  return scope.closure?.capture(decl, loc);
}

/** How a function value's body reaches what it captured: fields of its own object. */
export class ClosureFrame {
  private readonly captured = new Map<ts.Node | "this", { ref: VariableRef; field: Field; value: Expr }>();

  constructor(
    readonly parent: Env,
    readonly cls: ClassDecl,
    readonly self: Local,
    /** Arrow functions see the `this` of the method around them. */
    readonly arrow: boolean,
  ) {}

  private selfGet = (loc: Loc): Expr => ({ k: "local.get", type: this.self.type, loc, local: this.self });

  capture(decl: ts.Node, loc: Loc): VariableRef | undefined {
    const known = this.captured.get(decl);
    if (known !== undefined) return known.ref;
    const outer = lookupVariable(this.parent, decl, loc);
    if (outer === undefined) return undefined;
    return this.add(decl, outer, loc);
  }

  /** The `this` of the method around an arrow function, or null. */
  captureThis(loc: Loc): Expr | null {
    if (!this.arrow) return null;
    const known = this.captured.get("this");
    if (known !== undefined) return known.ref.get(loc);
    const { scope } = this.parent;
    const self = scope.thisLocal;
    const outer: Expr | null = self !== null ? { k: "local.get", type: self.type, loc, local: self } : (scope.closure?.captureThis(loc) ?? null);
    if (outer === null) return null;
    const ref = this.add("this", { type: outer.type, get: () => outer, set: null, cell: null }, loc);
    return ref.get(loc);
  }

  private add(key: ts.Node | "this", outer: VariableRef, loc: Loc): VariableRef {
    const name = `cap${this.captured.size}`;
    if (outer.cell !== null) {
      const cellValue = outer.cell(loc);
      const field: Field = { name, type: cellValue.type, offset: -1, readonly: true, owner: this.cls };
      const inner = fieldRef((l) => ({ k: "field.get", type: field.type, loc: l, object: this.selfGet(l), field }), cellFieldOf(cellValue.type));
      this.captured.set(key, { ref: inner, field, value: cellValue });
      return inner;
    }
    const field: Field = { name, type: outer.type, offset: -1, readonly: true, owner: this.cls };
    const ref: VariableRef = {
      type: outer.type,
      get: (l) => ({ k: "field.get", type: field.type, loc: l, object: this.selfGet(l), field }),
      set: null,
      cell: null,
    };
    this.captured.set(key, { ref, field, value: outer.get(loc) });
    return ref;
  }

  /** The captured values in field order, evaluated where the function value is made. */
  fields(): { field: Field; value: Expr }[] {
    return [...this.captured.values()].map(({ field, value }) => ({ field, value }));
  }
}

function cellFieldOf(t: Type): Field {
  return (t as ClassType).cls.fields[0];
}

// ----------------------------------------------------------------------------- function values

type FunctionNode = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration;

/** What the context of a function value says of its type; a null result is left to its body. */
export interface ExpectedSignature {
  readonly params: readonly Type[];
  readonly result: Type | null;
}

export interface BodyChecker {
  statements(env: Env, statements: readonly ts.Statement[]): Stmt[];
  effect(env: Env, node: ts.Expression): Expr | null;
  value(env: Env, node: ts.Expression, expected?: Type): Expr | null;
  assignedInAtomic(ctx: CheckContext, root: ts.Node, out: Set<ts.Node>): void;
}

/**
 * An arrow function, function expression or nested function: its class, its body checked, and
 * the expression that makes the value (captured values evaluated in `env`). `expected` (a
 * function type) gives unannotated parameters and the result their types.
 */
export function checkFunctionValue(env: Env, node: FunctionNode, expected: Type | ExpectedSignature | undefined, body: BodyChecker): Expr | null {
  const { ctx } = env;
  const loc = ctx.loc(node);
  const want: ExpectedSignature | null = expected !== undefined && "params" in expected ? expected : signatureOf(expected);
  if (node.typeParameters) ctx.error(node.typeParameters[0], "generic functions are not supported");
  if (node.asteriskToken || node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) ctx.error(node, "generators and async functions are not supported");
  const params: Type[] = [];
  let ok = true;
  node.parameters.forEach((p, i) => {
    const given = want?.params[i];
    if (p.type === undefined && given !== undefined && ts.isIdentifier(p.name) && !p.dotDotDotToken && !p.questionToken && !p.initializer) {
      params.push(given);
      return;
    }
    const t = parameterType(ctx, p, false);
    if (t === null) ok = false;
    else if (given !== undefined && !sameType(t, given)) {
      ctx.error(p, `this parameter has type ${typeToString(t)}, but the function type wants ${typeToString(given)}`);
      ok = false;
    }
    params.push(t ?? VOID);
  });
  // A function value may take fewer parameters than its type: the rest are ignored.
  if (want !== null) for (let i = node.parameters.length; i < want.params.length; i++) params.push(want.params[i]);
  if (!ok) return null;
  let result: Type | null = node.type !== undefined ? returnType(ctx, node, false, VOID) : (want?.result ?? null);
  if (ts.isFunctionDeclaration(node) && result === null) result = returnType(ctx, node, false, VOID);

  const outer = env.scope.fn?.sourceName ?? "module";
  const cls = syntheticClass(ctx, `${outer}$${node.name?.text ?? "lambda"}`, null, loc);
  const self: Local = { name: "closure", type: classType(cls), id: 0 };
  const paramLocals: Local[] = params.map((type, i) => ({ name: node.parameters[i]?.name.getText() ?? `unused${i}`, type, id: i + 1 }));
  const fn: FunctionDecl = {
    name: ctx.uniqueName(`${cls.name}.call`), sourceName: node.name?.text ?? `${outer}$lambda`, kind: "method", params: [self, ...paramLocals],
    result: result ?? VOID, owner: cls, loc: ts.isFunctionDeclaration(node) && node.name ? ctx.loc(node.name) : loc, exported: false, runtime: false, body: [], locals: [],
  };
  ctx.functionList.push(fn);
  const scope = new FunctionScope(fn, result ?? VOID, null, false);
  scope.inferResult = result === null;
  const frame = new ClosureFrame(env, cls, self, ts.isArrowFunction(node));
  scope.closure = frame;
  const inner: Env = { ctx, scope };
  bindParameters(inner, node.parameters, paramLocals);
  body.assignedInAtomic(ctx, node.body!, scope.assignedInAtomic);
  let statements: Stmt[];
  if (ts.isBlock(node.body!)) statements = body.statements(inner, node.body.statements);
  else if (result !== null && result.kind === "void") {
    const e = body.effect(inner, node.body!);
    statements = e === null ? [] : [{ k: "expr", expr: e }];
  } else {
    const raw = body.value(inner, node.body!, result ?? undefined);
    if (raw !== null && result === null) {
      scope.returnType = raw.type;
      scope.inferResult = false;
    }
    if (raw !== null && raw.type.kind === "void") statements = [{ k: "expr", expr: raw }];
    else {
      const value = raw && coerce(inner, raw, scope.returnType, node.body!);
      statements = value === null ? [] : [{ k: "return", value }];
    }
  }
  if (scope.returnType.kind === "null") {
    ctx.error(node, "cannot infer the result type of this function from null: annotate it");
    return null;
  }
  fn.body = [...scope.prologue, ...statements];
  fn.locals = scope.locals;
  (fn as { result: Type }).result = scope.returnType;

  const sig = signatureClass(ctx, params, scope.returnType, loc);
  finishValueClass(ctx, cls, sig, fn, frame.fields(), loc);
  return valueOf(cls, sig, frame.fields().map((f) => f.value), loc);
}

/** Makes `cls` a subclass of the function type `sig` with `call` and a constructor storing `captures`. */
function finishValueClass(ctx: CheckContext, cls: ClassDecl, sig: ClassDecl, call: FunctionDecl, captures: { field: Field }[], loc: Loc): void {
  (cls as { base: ClassDecl | null }).base = sig;
  sig.subclasses.push(cls);
  cls.fields.push(...captures.map((c) => c.field));
  cls.methods.set("call", { name: "call", fn: call, slot: -1 });
  if (captures.length === 0) return;
  const self: Local = { name: "this", type: classType(cls), id: 0 };
  const params: Local[] = [self, ...captures.map((c, i) => ({ name: c.field.name, type: c.field.type, id: i + 1 }))];
  const selfGet: Expr = { k: "local.get", type: self.type, loc, local: self };
  const body: Stmt[] = captures.map((c, i) => ({
    k: "expr",
    expr: { k: "field.set", type: VOID, loc, object: selfGet, field: c.field, value: { k: "local.get", type: c.field.type, loc, local: params[i + 1] }, tee: false },
  }));
  cls.constructorFn = synthesize(ctx, `${cls.name}#constructor`, "constructor", params, cls, body, loc);
}

/** `new cls(args)`, seen as a value of the function type `sig`. */
function valueOf(cls: ClassDecl, sig: ClassDecl, args: Expr[], loc: Loc): Expr {
  const made: Expr = { k: "new", type: classType(cls), loc, cls, args };
  return { k: "seq", type: classType(sig), loc, effects: [], value: made };
}

/**
 * A top-level function used as a value: a class without captures whose `call` calls it. With an
 * expected function type that takes more parameters (TypeScript allows it), `call` ignores them.
 */
export function namedFunctionValue(env: Env, fn: FunctionDecl, expected: Type | undefined, loc: Loc): Expr {
  const { ctx } = env;
  const want = signatureOf(expected);
  const own = fn.params.map((p) => p.type);
  const fits = want !== null && want.params.length >= own.length && own.every((t, i) => sameType(t, want.params[i])) && (sameType(want.result, fn.result) || want.result.kind === "void");
  const sig = fits ? (expected as ClassType).cls : signatureClass(ctx, own, fn.result, loc);
  let bySignature = ctx.functionValues.get(fn);
  if (bySignature === undefined) ctx.functionValues.set(fn, (bySignature = new Map()));
  let cls = bySignature.get(sig);
  if (cls === undefined) {
    cls = syntheticClass(ctx, `${fn.name}$value`, null, fn.loc);
    bySignature.set(sig, cls);
    const sigParams = sig.signature!.params;
    const self: Local = { name: "closure", type: classType(cls), id: 0 };
    const params: Local[] = [self, ...sigParams.map((type, i) => ({ name: `a${i}`, type, id: i + 1 }))];
    const call: Expr = { k: "call", type: fn.result, loc: fn.loc, fn, args: own.map((type, i) => ({ k: "local.get", type, loc: fn.loc, local: params[i + 1] })) };
    const returns = sig.signature!.result.kind !== "void";
    const method = synthesize(ctx, `${cls.name}.call`, "method", params, cls, [returns ? { k: "return", value: call } : { k: "expr", expr: call }], fn.loc, sig.signature!.result);
    finishValueClass(ctx, cls, sig, method, [], fn.loc);
  }
  // One object per function (and type), in static data: `f === f` as in JavaScript, no allocation.
  return { k: "intrinsic", type: classType(sig), loc, name: "static.object", args: [], cls };
}

/**
 * A function value seen at a function type that takes more parameters (or returns void where it
 * returns a value), as TypeScript allows: an adapter object holding it, whose `call` passes the
 * first parameters on. Null when the types do not fit that way.
 */
export function adaptFunctionValue(env: Env, value: Expr, target: ClassType, loc: Loc): Expr | null {
  const { ctx } = env;
  const from = signatureOf(value.type);
  const to = target.cls.signature;
  if (from === null || to === undefined || value.type.kind !== "class") return null;
  const fits = from.params.length <= to.params.length && from.params.every((t, i) => sameType(t, to.params[i])) && (sameType(from.result, to.result) || to.result.kind === "void");
  if (!fits) return null;
  const sourceType = classType(value.type.cls);
  const key = `${typeToString(sourceType)} as ${typeToString(target)}`;
  let cls = ctx.adapters.get(key);
  if (cls === undefined) {
    cls = syntheticClass(ctx, `adapter(${key})`, null, loc);
    ctx.adapters.set(key, cls);
    const inner: Field = { name: "inner", type: sourceType, offset: -1, readonly: true, owner: cls };
    const self: Local = { name: "closure", type: classType(cls), id: 0 };
    const params: Local[] = [self, ...to.params.map((type, i) => ({ name: `a${i}`, type, id: i + 1 }))];
    const call: Expr = {
      k: "call.virtual", type: from.result, loc, receiver: { k: "field.get", type: sourceType, loc, object: { k: "local.get", type: self.type, loc, local: self }, field: inner },
      method: value.type.cls.methods.get("call")!, args: from.params.map((type, i) => ({ k: "local.get", type, loc, local: params[i + 1] })),
    };
    const body: Stmt[] = [to.result.kind === "void" ? { k: "expr", expr: call } : { k: "return", value: call }];
    const method = synthesize(ctx, `${cls.name}.call`, "method", params, cls, body, loc, to.result);
    finishValueClass(ctx, cls, target.cls, method, [{ field: inner }], loc);
  }
  const receiver: Expr = value.type.nullable ? { k: "nonnull", type: sourceType, loc, value } : value;
  return valueOf(cls, target.cls, [receiver], loc);
}

/** The function type a nested function declaration has, from its annotations (null: reported). */
function declaredSignature(env: Env, node: ts.FunctionDeclaration): ClassType | null {
  const { ctx } = env;
  const params: Type[] = [];
  for (const p of node.parameters) {
    const t = parameterType(ctx, p, false);
    if (t === null) return null;
    params.push(t);
  }
  const result = returnType(ctx, node, false, VOID);
  return classType(signatureClass(ctx, params, result, ctx.loc(node)));
}

/**
 * The nested function declarations of a block: their variables exist from the block's start (so
 * that they may call each other); each is made where it is declared. A use before that point in
 * the block's own code is refused: stmc does not hoist them.
 */
export function declareNestedFunctions(env: Env, statements: readonly ts.Statement[]): Stmt[] {
  const { ctx } = env;
  const prologue: Stmt[] = [];
  statements.forEach((s, index) => {
    if (!ts.isFunctionDeclaration(s) || s.name === undefined) return;
    if (s.body === undefined) {
      ctx.error(s, "function overloads and declarations without a body are not supported");
      return;
    }
    const type = declaredSignature(env, s);
    if (type === null) {
      ctx.failedDeclarations.add(s);
      return;
    }
    ctx.nestedFunctions.set(s, type);
    reportEarlyUses(ctx, s, statements.slice(0, index));
    // In a cell, it is null until made: a call through another nested function before that fails.
    const loc = ctx.loc(s.name);
    prologue.push(...declareVariable(env, s, s.name.text, isBoxed(ctx, s) ? { ...type, nullable: true } : type, null, loc));
  });
  return prologue;
}

/** A nested function declaration where it stands: its value made and stored in its variable. */
export function checkNestedFunction(env: Env, node: ts.FunctionDeclaration, body: BodyChecker): Stmt[] {
  const type = env.ctx.nestedFunctions.get(node);
  if (type === undefined) return [];
  const loc = env.ctx.loc(node.name!);
  const value = checkFunctionValue(env, node, type, body);
  const ref = lookupVariable(env, node, loc);
  if (value === null || ref === undefined || ref.set === null) return [];
  return [{ k: "expr", expr: ref.set(value, false, loc) }];
}

function reportEarlyUses(ctx: CheckContext, fn: ts.FunctionDeclaration, before: readonly ts.Statement[]): void {
  const frame = frameOf(ctx, fn);
  const visit = (n: ts.Node): boolean => {
    if (ts.isIdentifier(n) && n.text === fn.name!.text && ctx.declarationOf(n) === fn && frameOf(ctx, n) === frame) {
      ctx.error(n, `'${fn.name!.text}' is used before its declaration: stmc does not hoist nested functions; declare it first`);
      return true;
    }
    return ts.forEachChild(n, visit) ?? false;
  };
  for (const s of before) if (!ts.isFunctionDeclaration(s) && visit(s)) return;
}

