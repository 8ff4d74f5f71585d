// Generic traversal of the checked IR: the operands of each expression in evaluation order,
// for the collector's analyses (which code can reach a collection, which values must be rooted)
// and barrier selection's (compiler/barriers).
import type { Expr, Local, LoopStmt, Stmt } from "../check/ir.js";

/**
 * The sub-expressions of `e` whose values are all computed before `e` itself acts, in the
 * order they are evaluated. Short-circuit and conditional forms are not operand lists (their
 * parts are never live at the same time) and `seq` drops its effects: those return [].
 */
export function operandsOf(e: Expr): Expr[] {
  switch (e.k) {
    case "field.set": return [e.object, e.value];
    case "index.get": return [e.array, e.index];
    case "index.set": return [e.array, e.index, e.value];
    case "array.push":
    case "array.fill": return [e.array, e.value];
    case "new.array": return [e.length, e.fill];
    case "array.literal": return e.elements;
    case "new":
    case "call":
    case "intrinsic": return e.args;
    case "call.virtual": return [e.receiver, ...e.args];
    case "binary": return [e.left, e.right];
    default: return [];
  }
}

/** Rebuilds `e` with its operands (as listed by operandsOf) replaced. */
export function withOperands(e: Expr, ops: Expr[]): Expr {
  switch (e.k) {
    case "field.set": return { ...e, object: ops[0], value: ops[1] };
    case "index.get": return { ...e, array: ops[0], index: ops[1] };
    case "index.set": return { ...e, array: ops[0], index: ops[1], value: ops[2] };
    case "array.push":
    case "array.fill": return { ...e, array: ops[0], value: ops[1] };
    case "new.array": return { ...e, length: ops[0], fill: ops[1] };
    case "array.literal": return { ...e, elements: ops };
    case "new":
    case "call":
    case "intrinsic": return { ...e, args: ops };
    case "call.virtual": return { ...e, receiver: ops[0], args: ops.slice(1) };
    case "binary": return { ...e, left: ops[0], right: ops[1] };
    default: return e;
  }
}

/** Every direct sub-expression of `e` (operands or not). */
export function childrenOf(e: Expr): Expr[] {
  switch (e.k) {
    case "local.set":
    case "global.set": return [e.value];
    case "field.get": return [e.object];
    case "array.length":
    case "array.pop": return [e.array];
    case "unary": return [e.operand];
    case "convert":
    case "instanceof":
    case "nonnull": return [e.value];
    case "logical": return [e.left, e.right];
    case "cond": return [e.cond, e.then, e.else];
    case "seq": return [...e.effects, e.value];
    case "print": return e.values.filter((v): v is Expr => v.k !== "string");
    default: return operandsOf(e);
  }
}

/** Rebuilds `e` with every direct sub-expression mapped by `f` (in childrenOf order). */
export function mapChildren(e: Expr, f: (x: Expr) => Expr): Expr {
  switch (e.k) {
    case "local.set":
    case "global.set":
    case "convert":
    case "instanceof":
    case "nonnull": return { ...e, value: f(e.value) } as Expr;
    case "field.get": return { ...e, object: f(e.object) };
    case "array.length":
    case "array.pop": return { ...e, array: f(e.array) } as Expr;
    case "unary": return { ...e, operand: f(e.operand) };
    case "logical": return { ...e, left: f(e.left), right: f(e.right) };
    case "cond": return { ...e, cond: f(e.cond), then: f(e.then), else: f(e.else) };
    case "seq": return { ...e, effects: e.effects.map(f), value: f(e.value) };
    case "print": return { ...e, values: e.values.map((v) => (v.k === "string" ? v : f(v))) };
    default: return withOperands(e, operandsOf(e).map(f));
  }
}

/** The expressions directly inside statement `s` (not those of nested statements). */
export function statementExprs(s: Stmt): Expr[] {
  switch (s.k) {
    case "expr": return [s.expr];
    case "if": return [s.cond];
    case "loop": return [...(s.cond === null ? [] : [s.cond]), ...s.update];
    case "return": return s.value === null ? [] : [s.value];
    case "switch": return [s.discriminant, ...s.clauses.flatMap((c) => c.values)];
    default: return [];
  }
}

/** The statements directly nested in `s`. */
export function nestedStatements(s: Stmt): Stmt[][] {
  switch (s.k) {
    case "block":
    case "loop":
    case "atomic": return [s.body];
    case "if": return [s.then, s.else];
    case "switch": return s.clauses.map((c) => c.body);
    case "try": return [s.body, ...(s.handler === null ? [] : [s.handler.body]), ...(s.finalizer === null ? [] : [s.finalizer])];
    default: return [];
  }
}

/** Rebuilds statement `s` with its expressions and nested statement lists mapped. */
export function mapStatement(s: Stmt, expr: (e: Expr) => Expr, body: (b: Stmt[]) => Stmt[]): Stmt {
  switch (s.k) {
    case "expr": return { ...s, expr: expr(s.expr) };
    case "if": return { ...s, cond: expr(s.cond), then: body(s.then), else: body(s.else) };
    case "loop": return { ...s, cond: s.cond === null ? null : expr(s.cond), update: s.update.map(expr), body: body(s.body) };
    case "return": return { ...s, value: s.value === null ? null : expr(s.value) };
    case "switch": return { ...s, discriminant: expr(s.discriminant), clauses: s.clauses.map((c) => ({ ...c, values: c.values.map(expr), body: body(c.body) })) };
    case "block":
    case "atomic": return { ...s, body: body(s.body) };
    case "try": return { ...s, body: body(s.body), handler: s.handler === null ? null : { ...s.handler, body: body(s.handler.body) }, finalizer: s.finalizer === null ? null : body(s.finalizer) };
    default: return s;
  }
}

/** Calls `visit` on every expression (nested ones included) of a statement list. */
export function forEachExpr(statements: readonly Stmt[], visit: (e: Expr) => void): void {
  const walkExpr = (e: Expr): void => {
    visit(e);
    childrenOf(e).forEach(walkExpr);
  };
  for (const s of statements) {
    statementExprs(s).forEach(walkExpr);
    nestedStatements(s).forEach((b) => forEachExpr(b, visit));
  }
}

/** Calls `visit` on every statement (nested ones included). */
export function forEachStatement(statements: readonly Stmt[], visit: (s: Stmt) => void): void {
  for (const s of statements) {
    visit(s);
    nestedStatements(s).forEach((b) => forEachStatement(b, visit));
  }
}

/** The locals that `statements` assign (nested statements and expressions included). */
export function assignedLocals(statements: readonly Stmt[]): Set<Local> {
  const found = new Set<Local>();
  forEachExpr(statements, (e) => {
    if (e.k === "local.set") found.add(e.local);
  });
  return found;
}

/** Expressions as statements, for the walkers above. */
export function asStatements(exprs: readonly Expr[]): Stmt[] {
  return exprs.map((expr): Stmt => ({ k: "expr", expr }));
}

/** Everything a loop runs each time round: its test and update, then its body. */
export function loopStatements(s: LoopStmt): Stmt[] {
  return [...asStatements(statementExprs(s)), ...s.body];
}
