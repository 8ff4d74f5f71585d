// Classes and functions the checker makes up (task records, function types and values, cells):
// they go through layout, lowering and the collector's tables like declared ones.
import type { CheckContext } from "./context.js";
import type { ClassDecl, FunctionDecl, FunctionKind, Local, Loc, Signature, Stmt } from "./ir.js";
import type { Type } from "./types.js";
import { VOID } from "./types.js";

/**
 * A new class with no members of its own, registered with the context (and with its base): a
 * declared class (whose members are declared next) or one the checker makes up.
 */
export function registerClass(ctx: CheckContext, name: string, base: ClassDecl | null, loc: Loc, runtime: boolean, signature?: Signature): ClassDecl {
  const cls: ClassDecl = {
    name,
    id: -1,
    lastDescendantId: -1,
    base,
    subclasses: [],
    fields: [],
    size: 0,
    methods: new Map(),
    vtable: [],
    staticMethods: new Map(),
    constructorFn: null,
    loc,
    runtime,
    signature,
  };
  base?.subclasses.push(cls);
  ctx.classList.push(cls);
  return cls;
}

/** A class of the program (not the runtime's) the checker makes up: it starts with its base's fields and methods. */
export function syntheticClass(ctx: CheckContext, name: string, base: ClassDecl | null, loc: Loc, signature?: Signature): ClassDecl {
  const cls = registerClass(ctx, name, base, loc, false, signature);
  if (base !== null) {
    cls.fields.push(...base.fields);
    for (const [key, method] of base.methods) cls.methods.set(key, method);
  }
  return cls;
}

/** A function with a made-up body, registered with the context. */
export function synthesize(ctx: CheckContext, name: string, kind: FunctionKind, params: Local[], owner: ClassDecl | null, body: Stmt[], loc: Loc, result: Type = VOID): FunctionDecl {
  const fn: FunctionDecl = { name: ctx.uniqueName(name), sourceName: name, kind, params, result, owner, loc, exported: false, runtime: false, body, locals: [...params] };
  ctx.functionList.push(fn);
  return fn;
}
