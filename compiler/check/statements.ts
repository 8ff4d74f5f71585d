import ts from "../typescript.cjs";
import { coerce, type Env } from "./coerce.js";
import { checkCondition, checkEffect, checkExpr, FUNCTION_BODIES, nonNull } from "./expressions.js";
import { checkNestedFunction, declareNestedFunctions, declareVariable, signatureOf } from "./closures.js";
import { codePoints } from "./strings.js";
import { caughtType, checkThrowValue } from "./errors.js";
import type { FunctionScope } from "./context.js";
import type { LabelTarget } from "./context.js";
import type { Expr, Label, Local, Loc, Stmt, TryStmt } from "./ir.js";
import { resolveTypeNode } from "./typeNodes.js";
import { checkForOfCollection, collectionIteration } from "./collections.js";
import { destructure } from "./tuples.js";
import { I32, isReference, typeToString, VOID, type Type } from "./types.js";

/** Hook run right after `super(...)` in a derived constructor: the class's field initialisers. */
export interface StatementHooks {
  afterSuperCall?: () => Stmt[];
}

export function checkStatements(env: Env, statements: readonly ts.Statement[], hooks: StatementHooks = {}): Stmt[] {
  const out: Stmt[] = declareNestedFunctions(env, statements);
  for (const s of statements) out.push(...checkStatement(env, s, hooks));
  return out;
}

function checkStatement(env: Env, node: ts.Statement, hooks: StatementHooks, labelName: string | null = null): Stmt[] {
  const { ctx } = env;
  if (ts.isVariableStatement(node)) return checkVariableStatement(env, node.declarationList);
  if (ts.isExpressionStatement(node)) return checkExpressionStatement(env, node.expression, hooks);
  if (ts.isBlock(node)) return [{ k: "block", body: checkStatements(env, node.statements, hooks), label: null }];
  if (ts.isIfStatement(node)) {
    const cond = checkCondition(env, node.expression);
    const then = checkStatement(env, node.thenStatement, hooks);
    const otherwise = node.elseStatement ? checkStatement(env, node.elseStatement, hooks) : [];
    return cond === null ? [] : [{ k: "if", cond, then, else: otherwise }];
  }
  if (ts.isWhileStatement(node)) return checkLoop(env, labelName, node.expression, true, node.statement, [], []);
  if (ts.isDoStatement(node)) return checkLoop(env, labelName, node.expression, false, node.statement, [], []);
  if (ts.isForStatement(node)) return checkFor(env, node, labelName);
  if (ts.isForOfStatement(node)) return checkForOf(env, node, labelName);
  if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) return checkJump(env, node);
  if (ts.isReturnStatement(node)) return checkReturn(env, node);
  if (ts.isSwitchStatement(node)) return checkSwitch(env, node, labelName, hooks);
  if (ts.isThrowStatement(node)) return checkThrow(env, node);
  if (ts.isLabeledStatement(node)) {
    const inner = node.statement;
    const name = node.label.text;
    if (ts.isIterationStatement(inner, false) || ts.isSwitchStatement(inner)) return checkStatement(env, inner, hooks, name);
    const label = ctx.newLabel();
    env.scope.labels.push({ name, breakLabel: label, continueLabel: null });
    const body = checkStatement(env, inner, hooks);
    env.scope.labels.pop();
    return [{ k: "block", body, label }];
  }
  if (ts.isEmptyStatement(node) || ts.isTypeAliasDeclaration(node)) return [];
  if (ts.isFunctionDeclaration(node)) return checkNestedFunction(env, node, FUNCTION_BODIES);
  if (ts.isTryStatement(node)) return checkTry(env, node);
  if (ts.isClassDeclaration(node)) ctx.error(node, "classes must be declared at the top level");
  else if (ts.isForInStatement(node)) ctx.error(node, "for...in is not supported: use for...of or an index loop");
  else ctx.error(node, `this statement is not supported by stmc (${ts.SyntaxKind[node.kind]})`);
  return [];
}

/** let/const: each declaration becomes a local (or, at the top level, see module.ts). */
function checkVariableStatement(env: Env, list: ts.VariableDeclarationList): Stmt[] {
  const out: Stmt[] = [];
  if (!(list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) env.ctx.error(list, "'var' is not supported: use let or const");
  for (const decl of list.declarations) {
    if (ts.isArrayBindingPattern(decl.name)) {
      out.push(...checkDestructuring(env, decl, decl.name));
      continue;
    }
    const checked = checkVariableDeclaration(env, decl);
    if (checked === null) {
      env.ctx.failedDeclarations.add(decl);
      continue;
    }
    // Without an initialiser the variable starts at zero each time its declaration runs (a
    // declaration in a loop body too, where the wasm local would keep the last iteration's value).
    const init = checked.init ?? zeroOf(checked.type, env.ctx.loc(decl));
    out.push(...declareVariable(env, decl, checked.name, checked.type, init, init?.loc ?? env.ctx.loc(decl)));
  }
  return out;
}

/** `const [a, b] = value` (tuples.ts). */
function checkDestructuring(env: Env, decl: ts.VariableDeclaration, pattern: ts.ArrayBindingPattern): Stmt[] {
  const { ctx } = env;
  const annotated = decl.type !== undefined ? resolveTypeNode(ctx, decl.type, env.scope.isRuntime) : null;
  if (decl.initializer === undefined || (decl.type !== undefined && annotated === null)) {
    if (decl.initializer === undefined) ctx.error(decl, "a destructuring declaration needs an initialiser");
    return [];
  }
  const raw = checkExpr(env, decl.initializer, annotated ?? undefined);
  const value = raw && annotated !== null ? coerce(env, raw, annotated, decl.initializer) : raw;
  const bound = value && destructure(env, pattern, value, (node, name, type, init) => declareVariable(env, node, name, type, init, init.loc), true);
  // Refused: the names it would have declared stay silent where used.
  if (bound === null) for (const element of pattern.elements) if (!ts.isOmittedExpression(element)) ctx.failedDeclarations.add(element);
  return bound ?? [];
}

/** The zero value a variable of type `t` holds before anything is assigned (none for usize). */
function zeroOf(t: Type, loc: Loc): Expr | null {
  if (isReference(t)) return { k: "null", type: t, loc };
  switch (t.kind) {
    case "i32": case "f64": return { k: "const", type: t, loc, value: 0 };
    case "i64": return { k: "const", type: t, loc, value: 0n };
    case "bool": return { k: "const", type: t, loc, value: false };
    default: return null;
  }
}

/** The name, type and checked initialiser of one `let`/`const` declaration. */
export function checkVariableDeclaration(env: Env, decl: ts.VariableDeclaration): { name: string; type: Type; init: Expr | null } | null {
  const { ctx } = env;
  if (!ts.isIdentifier(decl.name)) {
    ctx.error(decl.name, "destructuring is not supported");
    return null;
  }
  const annotated = decl.type !== undefined ? resolveTypeNode(ctx, decl.type, env.scope.isRuntime) : null;
  if (decl.type !== undefined && annotated === null) return null;
  if (annotated?.kind === "void") {
    ctx.error(decl.type!, "a variable cannot have type void");
    return null;
  }
  if (decl.initializer === undefined) {
    if (annotated === null) {
      ctx.error(decl.name, `'${decl.name.text}' needs a type annotation or an initialiser`);
      return null;
    }
    return { name: decl.name.text, type: annotated, init: null };
  }
  const raw = checkExpr(env, decl.initializer, annotated ?? undefined);
  if (raw === null) return null;
  const type = annotated ?? raw.type;
  if (type.kind === "null") {
    ctx.error(decl.name, `cannot infer the type of '${decl.name.text}' from null: annotate it (e.g. C | null)`);
    return null;
  }
  if (type.kind === "void") {
    ctx.error(decl.initializer, "this expression has no value");
    return null;
  }
  const init = coerce(env, raw, type, decl.initializer);
  return init === null ? null : { name: decl.name.text, type, init };
}

function checkExpressionStatement(env: Env, expr: ts.Expression, hooks: StatementHooks): Stmt[] {
  const { ctx } = env;
  if (ts.isCallExpression(expr) && expr.expression.kind === ts.SyntaxKind.SuperKeyword) {
    const call = checkEffect(env, expr);
    return call === null ? [] : [{ k: "expr", expr: call }, ...(hooks.afterSuperCall?.() ?? [])];
  }
  if (isAtomicCall(env, expr)) return checkAtomic(env, expr as ts.CallExpression, hooks);
  const e = checkEffect(env, expr);
  if (e === null) return [];
  if (e.k === "const" || e.k === "local.get" || e.k === "null") ctx.error(expr, "this expression statement has no effect");
  return [{ k: "expr", expr: e }];
}

function isAtomicCall(env: Env, expr: ts.Expression): boolean {
  if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression)) return false;
  const callee = expr.expression;
  return callee.name.text === "atomic" && ts.isIdentifier(callee.expression) && env.ctx.builtinName(callee.expression)?.name === "transaction";
}

/** transaction.atomic(() => { ... }): the arrow's body runs inline, as one transaction. */
function checkAtomic(env: Env, node: ts.CallExpression, hooks: StatementHooks): Stmt[] {
  const { ctx, scope } = env;
  const arrow = node.arguments[0];
  if (node.arguments.length === 1 && arrow !== undefined && !ts.isArrowFunction(arrow)) return atomicCall(env, node, arrow);
  if (node.arguments.length !== 1 || arrow === undefined || !ts.isArrowFunction(arrow) || arrow.parameters.length !== 0) {
    ctx.error(node, "transaction.atomic takes one function without parameters: transaction.atomic(() => { ... })");
    return [];
  }
  const exit = ctx.newLabel();
  const outer = scope.atomicExit;
  const outerLabels = scope.labels.splice(0);
  scope.atomicExit = exit;
  let body: Stmt[];
  if (ts.isBlock(arrow.body)) body = checkStatements(env, arrow.body.statements, hooks);
  else {
    const e = checkEffect(env, arrow.body);
    body = e === null ? [] : [{ k: "expr", expr: e }];
  }
  scope.atomicExit = outer;
  scope.labels.push(...outerLabels);
  return [{ k: "atomic", body, exit, loc: ctx.loc(node) }];
}

/** transaction.atomic(f) with a function value: the value is taken first, then called as one transaction. */
function atomicCall(env: Env, node: ts.CallExpression, argument: ts.Expression): Stmt[] {
  const { ctx, scope } = env;
  const value = checkExpr(env, argument);
  if (value === null) return [];
  const sig = signatureOf(value.type);
  if (sig === null || sig.params.length !== 0 || value.type.kind !== "class") {
    ctx.error(argument, `transaction.atomic takes a function without parameters, not ${typeToString(value.type)}`);
    return [];
  }
  const loc = ctx.loc(node);
  const fn = scope.temp(value.type, "atomic");
  const receiver: Expr = { k: "local.get", type: value.type, loc, local: fn };
  const call: Expr = { k: "call.virtual", type: sig.result, loc, receiver: nonNull(receiver)!, method: value.type.cls.methods.get("call")!, args: [] };
  return [
    { k: "expr", expr: { k: "local.set", type: VOID, loc, local: fn, value, tee: false } },
    { k: "atomic", body: [{ k: "expr", expr: call }], exit: ctx.newLabel(), loc },
  ];
}

function withLoopLabel<T>(env: Env, labelName: string | null, breakLabel: Label, continueLabel: Label | null, f: () => T): T {
  const target: LabelTarget = { name: labelName, breakLabel, continueLabel };
  env.scope.labels.push(target);
  try {
    return f();
  } finally {
    env.scope.labels.pop();
  }
}

function checkLoop(env: Env, labelName: string | null, condNode: ts.Expression | undefined, testFirst: boolean, bodyNode: ts.Statement, prefix: Stmt[], update: Expr[], extraBody: Stmt[] = []): Stmt[] {
  const label = env.ctx.newLabel();
  const cond = condNode === undefined ? null : checkCondition(env, condNode);
  const body = withLoopLabel(env, labelName, label, label, () => [...extraBody, ...checkStatement(env, bodyNode, {})]);
  if (condNode !== undefined && cond === null) return [];
  return [{ k: "block", label: null, body: [...prefix, { k: "loop", label, cond, testFirst, body, update }] }];
}

function checkFor(env: Env, node: ts.ForStatement, labelName: string | null): Stmt[] {
  let prefix: Stmt[] = [];
  if (node.initializer !== undefined) {
    if (ts.isVariableDeclarationList(node.initializer)) prefix = checkVariableStatement(env, node.initializer);
    else {
      const e = checkEffect(env, node.initializer);
      if (e !== null) prefix = [{ k: "expr", expr: e }];
    }
  }
  const update: Expr[] = [];
  if (node.incrementor !== undefined) {
    const e = checkEffect(env, node.incrementor);
    if (e !== null) update.push(e);
  }
  return checkLoop(env, labelName, node.condition, true, node.statement, prefix, update);
}

/** for (const x of array): an index loop that reads the length on every iteration. */
function checkForOf(env: Env, node: ts.ForOfStatement, labelName: string | null): Stmt[] {
  const { ctx } = env;
  if (node.awaitModifier) ctx.error(node, "for await is not supported");
  // Over a Map or Set (or its keys(), values(), entries()): a cursor (collections.ts).
  const iterated = collectionIteration(env, node.expression);
  if (iterated === null) return [];
  if ("collection" in iterated) {
    return checkForOfCollection(env, node, iterated.collection, (bind) => {
      const label = ctx.newLabel();
      return { label, body: [...bind, ...withLoopLabel(env, labelName, label, label, () => checkStatement(env, node.statement, {}))] };
    });
  }
  const array: Expr | null = iterated.value;
  const list = node.initializer;
  if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || ts.isObjectBindingPattern(list.declarations[0].name)) {
    ctx.error(node.initializer, "write for (const x of array)");
    return [];
  }
  if (array === null) return [];
  if (array.type.kind === "string") return checkForOfArray(env, node, labelName, codePoints(env, nonNull(array)!, array.loc));
  if (array.type.kind !== "array") {
    ctx.error(node.expression, `for...of needs an array or a string, not ${typeToString(array.type)}`);
    return [];
  }
  return checkForOfArray(env, node, labelName, array);
}

/** for...of over the elements of `array` (a checked array expression). */
function checkForOfArray(env: Env, node: ts.ForOfStatement, labelName: string | null, array: Expr): Stmt[] {
  const { ctx, scope } = env;
  if (array.type.kind !== "array") return [];
  const list = node.initializer as ts.VariableDeclarationList;
  const decl = list.declarations[0];
  const element = array.type.element;
  if (decl.type !== undefined) {
    const annotated = resolveTypeNode(ctx, decl.type, scope.isRuntime);
    if (annotated !== null && typeToString(annotated) !== typeToString(element)) ctx.error(decl.type, `the elements are ${typeToString(element)}`);
  }
  const loc = ctx.loc(node);
  const arrayType = { ...array.type, nullable: false };
  const arr: Local = scope.temp(arrayType, "array");
  const index: Local = scope.temp(I32, "index");
  const get = (l: Local): Expr => ({ k: "local.get", type: l.type, loc, local: l });
  const arrValue: Expr = array.type.nullable ? { k: "nonnull", type: arrayType, loc, value: array } : array;
  const prefix: Stmt[] = [
    { k: "expr", expr: { k: "local.set", type: VOID, loc, local: arr, value: arrValue, tee: false } },
    { k: "expr", expr: { k: "local.set", type: VOID, loc, local: index, value: { k: "const", type: I32, loc, value: 0 }, tee: false } },
  ];
  const label = ctx.newLabel();
  const cond: Expr = { k: "binary", type: { kind: "bool" }, loc, op: "lt", operandType: I32, left: get(index), right: { k: "array.length", type: I32, loc, array: get(arr) } };
  const read: Expr = { k: "index.get", type: element, loc, array: get(arr), index: get(index) };
  // `for (const [a, b] of pairs)`: an array of tuples (tuples.ts).
  const bind = ts.isArrayBindingPattern(decl.name)
    ? (destructure(env, decl.name, read, (n, name, type, init) => declareVariable(env, n, name, type, init, loc)) ?? [])
    : declareVariable(env, decl, (decl.name as ts.Identifier).text, element, read, loc);
  const update: Expr = { k: "local.set", type: VOID, loc, local: index, value: { k: "binary", type: I32, loc, op: "add", operandType: I32, left: get(index), right: { k: "const", type: I32, loc, value: 1 } }, tee: false };
  const body = withLoopLabel(env, labelName, label, label, () => checkStatement(env, node.statement, {}));
  return [{ k: "block", label: null, body: [...prefix, { k: "loop", label, cond, testFirst: true, body: [...bind, ...body], update: [update] }] }];
}

function checkJump(env: Env, node: ts.BreakStatement | ts.ContinueStatement): Stmt[] {
  const { ctx, scope } = env;
  const isBreak = ts.isBreakStatement(node);
  const name = node.label?.text ?? null;
  for (let i = scope.labels.length - 1; i >= 0; i--) {
    const target = scope.labels[i];
    if (name !== null && target.name !== name) continue;
    // The finally blocks entered inside the target run first.
    const leaving = (): Stmt[] => finallyCode(env, (f) => f.labelDepth > i && f.atomicExit === scope.atomicExit);
    if (isBreak) {
      if (name === null && target.continueLabel === null && !target.isSwitch) continue;
      return [...leaving(), { k: "break", target: target.breakLabel }];
    }
    if (target.continueLabel === null) {
      if (name !== null) break;
      continue;
    }
    return [...leaving(), { k: "continue", target: target.continueLabel }];
  }
  ctx.error(node, name !== null ? `no enclosing loop labelled '${name}'` : `'${isBreak ? "break" : "continue"}' outside of a loop`);
  return [];
}

function checkReturn(env: Env, node: ts.ReturnStatement): Stmt[] {
  const { ctx, scope } = env;
  if (scope.atomicExit !== null) {
    if (node.expression) ctx.error(node, "the body of transaction.atomic cannot return a value");
    const exit = scope.atomicExit;
    return [...finallyCode(env, (f) => f.atomicExit === exit), { k: "break", target: exit }];
  }
  const leaving = scope.finallies.length > 0 ? finallyCode(env, () => true) : [];
  if (leaving.length > 0) {
    // The value first, then the finally blocks, then the return.
    const plain = checkReturnValue(env, node);
    const last = plain[plain.length - 1];
    if (last === undefined || last.k !== "return" || last.value === null) return [...plain.slice(0, -1), ...leaving, ...plain.slice(-1)];
    const tmp = scope.temp(last.value.type, "returned");
    const loc = last.value.loc;
    return [
      { k: "expr", expr: { k: "local.set", type: VOID, loc, local: tmp, value: last.value, tee: false } },
      ...leaving,
      { k: "return", value: { k: "local.get", type: tmp.type, loc, local: tmp } },
    ];
  }
  return checkReturnValue(env, node);
}

/**
 * Copies of the finally blocks a jump leaves, innermost first (those `leaves` selects), each
 * checked with only the finally blocks around it in effect.
 */
function finallyCode(env: Env, leaves: (f: FunctionScope["finallies"][number]) => boolean): Stmt[] {
  const { scope } = env;
  const all = scope.finallies;
  const out: Stmt[] = [];
  try {
    for (let i = all.length - 1; i >= 0 && leaves(all[i]); i--) {
      scope.finallies = all.slice(0, i);
      out.push({ k: "block", body: checkStatements(env, all[i].block.statements), label: null });
    }
  } finally {
    scope.finallies = all;
  }
  return out;
}

function checkReturnValue(env: Env, node: ts.ReturnStatement): Stmt[] {
  const { ctx, scope } = env;
  if (scope.fn === null) {
    ctx.error(node, "return outside of a function");
    return [];
  }
  if (node.expression === undefined) {
    if (scope.inferResult) scope.inferResult = false;
    else if (scope.returnType.kind !== "void") ctx.error(node, `this function must return a value of type ${typeToString(scope.returnType)}`);
    return [{ k: "return", value: null }];
  }
  if (scope.resultUnknown) {
    checkEffect(env, node.expression);
    return [];
  }
  if (scope.inferResult) {
    // The first `return value` of a function value without a result annotation gives its type.
    const raw = checkExpr(env, node.expression);
    if (raw === null) return [];
    if (raw.type.kind === "void" || raw.type.kind === "null") {
      ctx.error(node.expression, raw.type.kind === "null" ? "cannot infer the result type from null: annotate the function's result" : "this expression has no value");
      return [];
    }
    scope.returnType = raw.type;
    scope.inferResult = false;
    return [{ k: "return", value: raw }];
  }
  if (scope.returnType.kind === "void") {
    ctx.error(node.expression, "a void function cannot return a value");
    return [];
  }
  const raw = checkExpr(env, node.expression, scope.returnType);
  const value = raw && coerce(env, raw, scope.returnType, node.expression);
  return value === null ? [] : [{ k: "return", value }];
}

function checkSwitch(env: Env, node: ts.SwitchStatement, labelName: string | null, hooks: StatementHooks): Stmt[] {
  const { ctx, scope } = env;
  const discriminant = checkExpr(env, node.expression);
  if (discriminant === null) return [];
  const t = discriminant.type;
  if (t.kind !== "i32" && t.kind !== "i64" && t.kind !== "string") {
    ctx.error(node.expression, `switch works on integers and strings, not ${typeToString(t)}`);
    return [];
  }
  const label = ctx.newLabel();
  const target: LabelTarget = { name: labelName, breakLabel: label, continueLabel: null, isSwitch: true };
  scope.labels.push(target);
  const clauses = node.caseBlock.clauses.map((clause) => {
    const values: Expr[] = [];
    if (ts.isCaseClause(clause)) {
      const raw = checkExpr(env, clause.expression, t);
      const v = raw && coerce(env, raw, t, clause.expression);
      if (v !== null) values.push(v);
    }
    return { values, isDefault: ts.isDefaultClause(clause), body: checkStatements(env, clause.statements, hooks) };
  });
  scope.labels.pop();
  return [{ k: "switch", label, discriminant, clauses }];
}

/** `throw e`: an error object (new Error(message), or one of a class that extends Error), catchable. */
function checkThrow(env: Env, node: ts.ThrowStatement): Stmt[] {
  return checkThrowValue(env, node);
}

/** try { } catch (e) { } finally { }: `e` is the error object (`(e as Error).message`). */
function checkTry(env: Env, node: ts.TryStatement): Stmt[] {
  const { ctx, scope } = env;
  const fin = node.finallyBlock;
  if (fin !== undefined) scope.finallies.push({ block: fin, labelDepth: scope.labels.length, atomicExit: scope.atomicExit });
  let body: Stmt[];
  let handler: TryStmt["handler"] = null;
  try {
    body = checkStatements(env, node.tryBlock.statements);
    const clause = node.catchClause;
    if (clause !== undefined) {
      const local = scope.temp(caughtType(env), "caught");
      const decl = clause.variableDeclaration;
      let binding: Stmt[] = [];
      if (decl !== undefined) {
        if (!ts.isIdentifier(decl.name)) ctx.error(decl.name, "destructuring a caught error is not supported");
        else binding = declareVariable(env, decl, decl.name.text, local.type, { k: "local.get", type: local.type, loc: ctx.loc(decl), local }, ctx.loc(decl));
      }
      handler = { local, body: [...binding, ...checkStatements(env, clause.block.statements)] };
    }
  } finally {
    if (fin !== undefined) scope.finallies.pop();
  }
  const finalizer = fin === undefined ? null : checkStatements(env, fin.statements);
  const pending = fin === undefined ? null : scope.temp(caughtType(env), "pending");
  return [{ k: "try", body, handler, finalizer, pending }];
}
