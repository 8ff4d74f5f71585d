// Default and optional parameters. A call that leaves out trailing parameters calls a function
// the checker writes once per (function, number of arguments given): it takes the given
// arguments, computes the missing ones from their default values (in order, each seeing the
// parameters before it and `this`, as JavaScript evaluates them in the callee) or null for an
// optional reference, and calls the function with all of them. For a method it is a virtual
// method of its own (`m$1`), overridden wherever `m` is, so that each override computes its own
// default values, as JavaScript does.
import type ts from "../typescript.cjs";
import { coerce, type Env } from "./coerce.js";
import { FunctionScope } from "./context.js";
import { checkExpr } from "./expressions.js";
import type { ClassDecl, Expr, FunctionDecl, Local, Method, Stmt } from "./ir.js";
import { VOID } from "./types.js";

/** What to call for `fn` given `given` of its declared parameters (null when they cannot be left out). */
export function withDefaults(env: Env, fn: FunctionDecl, given: number): FunctionDecl | null {
  const { ctx } = env;
  const declarations = ctx.parameterDeclarations.get(fn);
  if (declarations === undefined || given >= declarations.length) return null;
  if (declarations.slice(given).some((p) => p.initializer === undefined && p.questionToken === undefined)) return null;
  let byCount = ctx.defaultsWrappers.get(fn);
  if (byCount === undefined) ctx.defaultsWrappers.set(fn, (byCount = new Map()));
  const known = byCount.get(given);
  if (known !== undefined) return known;

  // Leading parameters (`this` of methods and constructors) come first, then the declared ones.
  const leading = fn.params.length - declarations.length;
  const params: Local[] = fn.params.slice(0, leading + given).map((p, id) => ({ ...p, id }));
  const kind = fn.kind === "constructor" || fn.kind === "method" ? fn.kind : "function";
  const wrapper: FunctionDecl = {
    name: ctx.uniqueName(`${fn.name}$${given}`), sourceName: fn.sourceName, kind, params, result: fn.result, owner: kind === "function" ? null : fn.owner,
    loc: fn.loc, exported: false, runtime: false, body: [], locals: [],
  };
  ctx.functionList.push(wrapper);
  byCount.set(given, wrapper);

  const scope = new FunctionScope(wrapper, fn.result, fn.owner, false);
  const inner: Env = { ctx, scope };
  declarations.slice(0, given).forEach((p, i) => scope.bindParameter(p, params[leading + i]));
  const body: Stmt[] = [];
  const args: Expr[] = params.map((p) => ({ k: "local.get", type: p.type, loc: fn.loc, local: p }));
  for (let i = given; i < declarations.length; i++) {
    const p = declarations[i];
    const param = fn.params[leading + i];
    const loc = ctx.loc(p);
    let value: Expr | null;
    if (p.initializer !== undefined) {
      const raw = checkExpr(inner, p.initializer, param.type);
      value = raw && coerce(inner, raw, param.type, p.initializer);
    } else value = { k: "null", type: param.type, loc };
    if (value === null) return null;
    const local = scope.declare(p as ts.Node, param.name, param.type);
    body.push({ k: "expr", expr: { k: "local.set", type: VOID, loc, local, value, tee: false } });
    args.push({ k: "local.get", type: param.type, loc, local });
  }
  const call: Expr = { k: "call", type: fn.result, loc: fn.loc, fn, args };
  body.push(fn.result.kind === "void" ? { k: "expr", expr: call } : { k: "return", value: call });
  wrapper.body = body;
  wrapper.locals = scope.locals;
  return wrapper;
}

/**
 * The virtual method `m$given` of `cls` for method `m` called with `given` arguments: in `cls`
 * and every subclass, the wrapper of that class's implementation of `m` (an override without
 * default values of its own takes the nearest ones it inherits).
 */
export function methodWithDefaults(env: Env, cls: ClassDecl, name: string, given: number): Method | null {
  const key = `${name}$${given}`;
  const known = cls.methods.get(key);
  if (known !== undefined) return known;
  // Made where the method is introduced, so that every class that has it has the wrapper in the
  // same vtable slot (a call on a subclass of the class that declares the method included).
  let root = cls;
  while (root.base?.methods.has(name)) root = root.base;
  const top = root.methods.get(name);
  if (top === undefined || withDefaults(env, top.fn, given) === null) return null;
  const visit = (c: ClassDecl, inheritedDefaults: FunctionDecl): void => {
    const impl = c.methods.get(name)!.fn;
    const source = env.ctx.parameterDeclarations.has(impl) ? impl : inheritedDefaults;
    const wrapper = impl === source ? withDefaults(env, impl, given) : forward(env, impl, source, given);
    // A class that inherits the method inherits its wrapper too (the same entry, the same slot).
    const inherited = c.base?.methods.get(key);
    if (wrapper !== null) c.methods.set(key, inherited !== undefined && inherited.fn === wrapper ? inherited : { name: key, fn: wrapper, slot: -1 });
    for (const sub of c.subclasses) visit(sub, source);
  };
  visit(root, top.fn);
  return cls.methods.get(key) ?? null;
}

/** `impl` (an override declared without default values) called with `source`'s defaults. */
function forward(env: Env, impl: FunctionDecl, source: FunctionDecl, given: number): FunctionDecl | null {
  const base = withDefaults(env, source, given);
  if (base === null) return null;
  const call = base.body[base.body.length - 1];
  const retarget = (e: Expr): Expr => (e.k === "call" ? { ...e, fn: impl } : e);
  const last: Stmt = call.k === "return" && call.value !== null ? { k: "return", value: retarget(call.value) } : call.k === "expr" ? { k: "expr", expr: retarget(call.expr) } : call;
  const wrapper: FunctionDecl = { ...base, name: env.ctx.uniqueName(`${impl.name}$${given}`), owner: impl.owner, params: base.params.map((p, i) => (i === 0 ? { ...p, type: impl.params[0].type } : p)), body: [...base.body.slice(0, -1), last] };
  env.ctx.functionList.push(wrapper);
  return wrapper;
}
