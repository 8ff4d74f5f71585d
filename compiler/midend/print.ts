// `stmc compile --emit ir`: the program's functions as the mid-end leaves them for lowering
// (midend/pipeline.ts): the checked IR after the roots pass, each function's frame, and the
// barrier each shared access of its transactional code gets. Expressions print as
// S-expressions, statements one per line, indented by nesting:
//   function count (test.ts:12:1) frame: lazy
//     params c: Counter
//     locals i: i32, $root3: Counter
//     clone barriers:
//       (field.set Counter.hits {value: write} c (add i32 (field.get Counter.hits {value: read} c) 1))
import type { Expr, FunctionDecl, Stmt } from "../check/ir.js";
import { typeToString } from "../check/types.js";
import { childrenOf } from "../gc/walk.js";
import type { AccessPart, BarrierPlan } from "../barriers/select.js";
import type { FunctionPlan, MidEnd } from "./pipeline.js";

const PARTS: readonly AccessPart[] = ["value", "length", "store"];

/** The user's functions of `midEnd`, in program order, and the module initialiser. */
export function formatMidEnd(midEnd: MidEnd, functions: readonly FunctionDecl[], init: readonly Stmt[]): string {
  const out: string[] = [];
  for (const fn of functions) {
    const plan = midEnd.plans.get(fn);
    if (plan !== undefined && plan.user) out.push(formatFunction(plan));
  }
  if (init.length > 0) out.push(["module initialisers", ...statements(init, 1, null)].join("\n"));
  return `${out.join("\n\n")}\n`;
}

export function formatFunction(plan: FunctionPlan): string {
  const fn = plan.fn;
  const where = `${fn.loc[0]}:${fn.loc[1]}:${fn.loc[2]}`;
  const frame = !plan.frame ? "none" : plan.lazy ? "lazy" : "at entry";
  const lines = [`function ${fn.name}${fn.sourceName !== fn.name ? ` (${fn.sourceName})` : ""} ${where} frame: ${frame}`];
  if (fn.params.length > 0) lines.push(`  params ${fn.params.map((p) => `${p.name}: ${typeToString(p.type)}`).join(", ")}`);
  const locals = fn.locals.filter((l) => !fn.params.includes(l));
  if (locals.length > 0) lines.push(`  locals ${locals.map((l) => `${l.name}: ${typeToString(l.type)}`).join(", ")}`);
  // Each version that has barriers prints with them; a function without barriers prints once.
  const versions: [string, BarrierPlan | null][] = [];
  if (plan.cloneBarriers !== null) versions.push(["transactional clone", plan.cloneBarriers]);
  if (plan.plainBarriers !== null) versions.push(["plain version (its atomic blocks)", plan.plainBarriers]);
  if (versions.length === 0) versions.push(["body", null]);
  for (const [title, barriers] of versions) {
    lines.push(`  ${title}:`);
    lines.push(...statements(fn.body, 2, barriers));
  }
  return lines.join("\n");
}

function statements(body: readonly Stmt[], depth: number, plan: BarrierPlan | null): string[] {
  return body.flatMap((s) => statement(s, depth, plan));
}

function statement(s: Stmt, depth: number, plan: BarrierPlan | null): string[] {
  const pad = "  ".repeat(depth);
  const e = (x: Expr) => expr(x, plan);
  const nested = (title: string, body: readonly Stmt[]) => [`${pad}${title}`, ...statements(body, depth + 1, plan)];
  switch (s.k) {
    case "expr": return [`${pad}${e(s.expr)}`];
    case "block": return nested(s.label === null ? "block" : `block L${s.label.id}`, s.body);
    case "if": return [...nested(`if ${e(s.cond)}`, s.then), ...(s.else.length > 0 ? nested("else", s.else) : [])];
    case "loop": {
      const hoisted = plan?.hoists.get(s)?.map((h) => h.key) ?? [];
      const head = `loop L${s.label.id}${s.cond === null ? "" : ` ${s.testFirst ? "while" : "do-while"} ${e(s.cond)}`}${s.update.length > 0 ? ` update ${s.update.map(e).join(" ")}` : ""}`;
      return nested(hoisted.length > 0 ? `${head} hoisted ${hoisted.join(", ")}` : head, s.body);
    }
    case "break": return [`${pad}break L${s.target.id}`];
    case "continue": return [`${pad}continue L${s.target.id}`];
    case "return": return [`${pad}return${s.value === null ? "" : ` ${e(s.value)}`}`];
    case "throw": return [`${pad}throw ${JSON.stringify(s.message)}`];
    case "atomic": return nested("atomic", s.body);
    case "switch":
      return [
        `${pad}switch L${s.label.id} ${e(s.discriminant)}`,
        ...s.clauses.flatMap((c) => [`${pad}  ${c.isDefault ? "default" : `case ${c.values.map(e).join(", ")}`}`, ...statements(c.body, depth + 2, plan)]),
      ];
    case "try":
      return [
        ...nested("try", s.body),
        ...(s.handler === null ? [] : nested(`catch ${s.handler.local.name}`, s.handler.body)),
        ...(s.finalizer === null ? [] : nested("finally", s.finalizer)),
      ];
  }
}

/** An expression as an S-expression; shared accesses carry their barriers when `plan` is given. */
export function expr(x: Expr, plan: BarrierPlan | null): string {
  const children = childrenOf(x).map((c) => expr(c, plan));
  const form = (head: string, ...rest: string[]) => `(${[head + barriers(x, plan), ...rest].join(" ")})`;
  switch (x.k) {
    case "const": return typeof x.value === "bigint" ? `${x.value}n` : String(x.value);
    case "null": return "null";
    case "string.literal": return JSON.stringify(x.value);
    case "local.get": return x.local.name;
    case "local.set": return form(x.tee ? "tee" : "set", x.local.name, ...children);
    case "global.get": return form(`global.get ${x.global.name}`);
    case "global.set": return form(`global.set ${x.global.name}`, ...children);
    case "field.get": return form(`field.get ${x.field.owner.name}.${x.field.name}`, ...children);
    case "field.set": return form(`field.set ${x.field.owner.name}.${x.field.name}`, ...children);
    case "call": return form(`call ${x.fn.name}`, ...children);
    case "call.virtual": return form(`call.virtual ${x.method.fn.owner?.name ?? "?"}.${x.method.name}`, ...children);
    case "new": return form(`new ${x.cls.name}`, ...children);
    case "binary": return form(`${x.op} ${typeToString(x.operandType)}`, ...children);
    case "unary":
    case "logical": return form(x.op, ...children);
    case "convert": return form(`${x.checked ? "convert.checked" : "convert"} ${typeToString(x.type)}`, ...children);
    case "instanceof": return form(`instanceof ${x.cls.name}`, ...children);
    case "intrinsic": return form(`intrinsic ${x.name}`, ...children);
    case "print": return form("print", ...x.values.map((v) => (v.k === "string" ? JSON.stringify(v.value) : expr(v, plan))));
    default: return form(x.k, ...children);
  }
}

/** ` {value: read, length: immutable}`: the barrier of each part of `x` the plan decided. */
function barriers(x: Expr, plan: BarrierPlan | null): string {
  if (plan === null) return "";
  const parts = PARTS.flatMap((part) => {
    const kind = plan.kind(x, part);
    return kind === undefined ? [] : [`${part}: ${kind}`];
  });
  return parts.length === 0 ? "" : ` {${parts.join(", ")}}`;
}
