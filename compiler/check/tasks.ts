// transaction.add(fn, ...args) stores the call in a task record: a class derived from the
// runtime's Task with one field per argument and a `run` method that makes the call. The
// runtime queues records and runs them through ordinary dynamic dispatch. `fn` is a top-level
// function (called directly) or a function value (a closure, called through its `call`).
import type { CheckContext } from "./context.js";
import type { ClassDecl, Expr, Field, FunctionDecl, Local, Stmt } from "./ir.js";
import { classType, VOID, type Type } from "./types.js";
import { synthesize, syntheticClass } from "./synthetic.js";

/** The record class for calls of `target`: a top-level function, or a function type's class. */
export function taskRecordClass(ctx: CheckContext, target: FunctionDecl | ClassDecl): ClassDecl {
  const records = ctx.taskRecords;
  const existing = records.get(target);
  if (existing !== undefined) return existing;

  const base = ctx.runtimeClass("Task");
  const loc = target.loc;
  const isFunction = "params" in target;
  const cls = syntheticClass(ctx, `Task$${isFunction ? target.name : "closure"}`, base, loc);
  records.set(target, cls);

  // A function value travels as the record's first field.
  const paramTypes: Type[] = isFunction ? target.params.map((p) => p.type) : [classType(target), ...target.signature!.params];
  const self: Local = { name: "this", type: classType(cls), id: 0 };
  const thisGet: Expr = { k: "local.get", type: self.type, loc, local: self };
  const argFields: Field[] = paramTypes.map((type, i) => ({ name: `arg${i}`, type, offset: -1, readonly: true, owner: cls }));
  cls.fields.push(...argFields);

  const ctorParams: Local[] = [self, ...paramTypes.map((type, i) => ({ name: `arg${i}`, type, id: i + 1 }))];
  const ctorBody: Stmt[] = [
    { k: "expr", expr: { k: "call", type: VOID, loc, fn: base.constructorFn!, args: [thisGet] } },
    ...argFields.map((field, i): Stmt => ({
      k: "expr",
      expr: { k: "field.set", type: VOID, loc, object: thisGet, field, value: { k: "local.get", type: field.type, loc, local: ctorParams[i + 1] }, tee: false },
    })),
  ];
  cls.constructorFn = synthesize(ctx, `${cls.name}#constructor`, "constructor", ctorParams, cls, ctorBody, loc);

  const args = argFields.map((field): Expr => ({ k: "field.get", type: field.type, loc, object: thisGet, field }));
  const call: Expr = isFunction
    ? { k: "call", type: target.result, loc, fn: target, args }
    : { k: "call.virtual", type: target.signature!.result, loc, receiver: args[0], method: target.methods.get("call")!, args: args.slice(1) };
  const run = synthesize(ctx, `${cls.name}.run`, "method", [self], cls, [{ k: "expr", expr: call }], loc);
  cls.methods.set("run", { name: "run", fn: run, slot: -1 });
  return cls;
}
