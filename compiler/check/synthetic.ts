// Classes and functions the checker makes up (task records, function types and values, cells):
// they go through layout, lowering and the collector's tables like declared ones.
import type { CheckContext } from "./context.js";
import type { ClassDecl, FunctionDecl, FunctionKind, Local, Loc, Signature, Stmt } from "./ir.js";
import type { Type } from "./types.js";
import { VOID } from "./types.js";

/** A class of the program (not the runtime's), registered with the context. */
export function syntheticClass(ctx: CheckContext, name: string, base: ClassDecl | null, loc: Loc, signature?: Signature): ClassDecl {
  const cls: ClassDecl = {
    name,
    id: -1,
    lastDescendantId: -1,
    base,
    subclasses: [],
    fields: base === null ? [] : [...base.fields],
    size: 0,
    methods: base === null ? new Map() : new Map(base.methods),
    vtable: [],
    staticMethods: new Map(),
    constructorFn: null,
    loc,
    runtime: false,
    signature,
  };
  base?.subclasses.push(cls);
  ctx.classList.push(cls);
  return cls;
}

/** A function with a made-up body, registered with the context. */
export function synthesize(ctx: CheckContext, name: string, kind: FunctionKind, params: Local[], owner: ClassDecl | null, body: Stmt[], loc: Loc, result: Type = VOID): FunctionDecl {
  const fn: FunctionDecl = { name: ctx.uniqueName(name), sourceName: name, kind, params, result, owner, loc, exported: false, runtime: false, body, locals: [...params] };
  ctx.functionList.push(fn);
  return fn;
}
