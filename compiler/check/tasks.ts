// transaction.add(fn, ...args) stores the call in a task record: a class derived from the
// runtime's Task with one field per argument and a `run` method that makes the call. The
// runtime queues records and runs them through ordinary dynamic dispatch.
import type { CheckContext } from "./context.js";
import type { ClassDecl, Expr, Field, FunctionDecl, Local, Stmt } from "./ir.js";
import { classType, VOID } from "./types.js";

export function taskRecordClass(ctx: CheckContext, target: FunctionDecl): ClassDecl {
  const records = ctx.taskRecords;
  const existing = records.get(target);
  if (existing !== undefined) return existing;

  const base = ctx.runtimeClass("Task");
  const loc = target.loc;
  const cls: ClassDecl = {
    name: `Task$${target.name}`,
    id: -1,
    lastDescendantId: -1,
    base,
    subclasses: [],
    fields: [...base.fields],
    size: 0,
    methods: new Map(base.methods),
    vtable: [],
    staticMethods: new Map(),
    constructorFn: null,
    loc,
    runtime: false,
  };
  base.subclasses.push(cls);
  ctx.classList.push(cls);
  records.set(target, cls);

  const self: Local = { name: "this", type: classType(cls), id: 0 };
  const thisGet: Expr = { k: "local.get", type: self.type, loc, local: self };
  const argFields: Field[] = target.params.map((p, i) => ({ name: `arg${i}`, type: p.type, offset: -1, readonly: true, owner: cls }));
  cls.fields.push(...argFields);

  const ctorParams: Local[] = [self, ...target.params.map((p, i) => ({ name: p.name, type: p.type, id: i + 1 }))];
  const ctorBody: Stmt[] = [
    { k: "expr", expr: { k: "call", type: VOID, loc, fn: base.constructorFn!, args: [thisGet] } },
    ...argFields.map((field, i): Stmt => ({
      k: "expr",
      expr: { k: "field.set", type: VOID, loc, object: thisGet, field, value: { k: "local.get", type: field.type, loc, local: ctorParams[i + 1] }, tee: false },
    })),
  ];
  cls.constructorFn = synthesize(ctx, `${cls.name}#constructor`, "constructor", ctorParams, cls, ctorBody, loc);

  const call: Expr = {
    k: "call",
    type: target.result,
    loc,
    fn: target,
    args: argFields.map((field): Expr => ({ k: "field.get", type: field.type, loc, object: thisGet, field })),
  };
  const run = synthesize(ctx, `${cls.name}.run`, "method", [self], cls, [{ k: "expr", expr: call }], loc);
  cls.methods.set("run", { name: "run", fn: run, slot: -1 });
  return cls;
}

function synthesize(ctx: CheckContext, name: string, kind: "constructor" | "method", params: Local[], owner: ClassDecl, body: Stmt[], loc: FunctionDecl["loc"]): FunctionDecl {
  const fn: FunctionDecl = { name: ctx.uniqueName(name), sourceName: name, kind, params, result: VOID, owner, loc, exported: false, runtime: false, body, locals: [...params] };
  ctx.functionList.push(fn);
  return fn;
}
