// try / catch / finally: a try body that may fail (a risky operation, a throw, a call), a catch
// that takes the error and reads its message, and now and then a finally. Inside a try whose catch
// takes everything, task-safe code may fail too (FnCtx.caught): the error is caught in the task's
// own code. break, continue and return inside the body go through the finally.
import { type Cx, fresh } from "./context.js";
import { STR } from "./model.js";
import { type Choice, index, kid } from "./recipe.js";
import type { Out } from "./statements.js";

type Braces = (cx: Cx, cs: readonly Choice[], indent: string, head: string, tail?: string) => Out;

export function tryStmt(cx: Cx, c: Choice, ind: string, braces: Braces): Out {
  const printing = !cx.fn.safe && !cx.fn.isCtor;
  const body = braces({ ...cx, fn: { ...cx.fn, caught: true } }, c.k.slice(0, 3), ind, "try");
  const e = fresh(cx.st, "e");
  const message = fresh(cx.st, "em");
  // The message as a string the handler may use; printed where printing is allowed.
  const read = index(c, 2, 1601) === 0 ? `(${e} as Error).message` : `${e} instanceof Error ? ${e}.message : "?"`;
  const handlerCx: Cx = { ...cx, vars: [...cx.vars, { name: message, ty: STR, mutable: false }] };
  const handler = braces(handlerCx, c.k.slice(3, 5), ind, `} catch (${e})`);
  const first = [`${ind}  const ${message} = ${read};`, ...(printing ? [`${ind}  print("caught", ${message});`] : [])];
  const lines = [...body.lines.slice(0, -1), handler.lines[0], ...first, ...handler.lines.slice(1)];
  let cost = body.cost + handler.cost + 2;
  if (index(c, 3, 1602) === 0) {
    const fin = braces(cx, c.k.slice(5, 7), ind, "} finally");
    lines.splice(lines.length - 1, 1, ...fin.lines);
    cost += fin.cost;
  }
  return { lines, cost };
}
