// Strings: literals with escapes, concatenation, template literals, String(x), the string methods
// (docs/language.md "Strings"), numbers and booleans computed from strings, and the statements
// that take strings (for…of over a string, switch on a string, a string as a condition, +=).
//
// Sizes stay small without a bound at every store: no production multiplies a string's length.
// `+` and templates join one arbitrary string with small pieces (literals, numbers, single
// characters), `repeat` applies to literals only, `split(sep).join(sep2)` has |sep2| <= |sep|, a
// string array's `join` is printed or measured but never stored. So a string grows by a constant
// per evaluation, and a program's cost bounds its evaluations.
import { deLit } from "./arith.js";
import { type Cx, fresh, withDepth } from "./context.js";
import { arrayMethodExpr } from "./arrays.js";
import { expr, pick, risky, sub, ternary, varRead } from "./expressions.js";
import { valueCall } from "./functions.js";
import type { Ex } from "./literals.js";
import { BOOL, F64, I32, I64, STR } from "./model.js";
import { type Choice, index, kid } from "./recipe.js";
import { callExpr, elementRead, fieldRead, guardedFieldRead, nonNullArrays } from "./references.js";
import type { Out } from "./statements.js";
import { downcast, optionalChain, stringEnumMember } from "./features.js";

/**
 * Literal texts (TypeScript source inside double quotes): escapes, non-ASCII, numbers to parse.
 * Nothing outside the BMP: s[i], charAt and slice would cut a surrogate pair, and the fuzz
 * oracle reads a printed lone surrogate as itself from compiled code but as U+FFFD from the
 * reference run (the stmc CLI writes EF BF BD for both).
 */
const LITS = [
  "",
  "a",
  "ab",
  "abc",
  "Hello, World",
  "x",
  "a,b,,c",
  "  padded  ",
  "\\t tab\\n",
  "q\\\"uote",
  "back\\\\slash",
  "\\u00e9t\\u00e9",
  "\\x41\\x42",
  "é ü ß",
  "∑✓",
  "42",
  "-17",
  "3.25",
  "  12px",
  "0x1F",
  "1e3",
  "NaN",
  "Infinity",
  "-0",
  "0b101",
  "  ",
  "MiXeD CaSe",
  "a-b-c",
  "\\0z",
];
const SEPS = ["", ",", "-", " ", "b", "ab", ", "];
const CASES = ["", "a", "b", "H", "x", "4", " ", "-", "ab", "0"];

export function strLit(c: Choice, salt = 0): Ex {
  return { t: `"${LITS[index(c, LITS.length, 1201 + salt)]}"`, ty: STR, pure: true, cost: 1, strLit: true };
}

function sepLit(c: Choice, salt: number, nonEmpty = false): string {
  const options = nonEmpty ? SEPS.filter((s) => s !== "") : SEPS;
  return options[index(c, options.length, salt)];
}

/** A string expression. */
export function stringExpr(cx: Cx, c: Choice): Ex {
  const deep = cx.depth > 0;
  const w = (n: number) => (deep ? n : 0);
  const effects = !cx.pure && cx.mode !== "const";
  return pick(c, [
    [3, () => strLit(c)],
    [6, () => varRead(cx, c, STR)],
    [w(2), () => fieldRead(cx, c, STR)],
    [w(1), () => guardedFieldRead(cx, c, STR)],
    [w(1), () => elementRead(cx, c, STR)],
    [w(4), () => concat(cx, c)],
    [w(2), () => template(cx, c)],
    [w(2), () => stringOf(cx, c)],
    [w(4), () => stringMethod(cx, c)],
    [w(1), () => charAtIndex(cx, c)],
    [w(1), () => fromCharCode(cx, c)],
    [w(1), () => repeatLit(cx, c)],
    [w(1), () => splitJoin(cx, c)],
    [w(1), () => numberJoin(cx, c)],
    [w(1), () => ternary(cx, c, STR, STR)],
    [index(c, 2, 1504) === 0 ? 1 : 0, () => stringEnumMember(c)],
    [w(1), () => optionalChain(cx, c, STR)],
    [w(1), () => downcast(cx, c, STR)],
    [w(effects ? 2 : 0), () => callExpr(cx, c, STR)],
    [w(effects ? 1 : 0), () => valueCall(cx, c, STR)],
    [w(effects ? 1 : 0), () => arrayMethodExpr(cx, c, STR)],
  ]);
}

/** A piece `+` may add to any string without multiplying sizes: a literal, a number, a boolean, a character. */
function smallPiece(cx: Cx, c: Choice, i: number): Ex {
  const k = kid(c, i);
  switch (index(k, 6, 1210)) {
    case 0:
    case 1:
      return strLit(k, 3);
    case 2:
      return sub(cx, c, i, I32);
    case 3:
      return sub(cx, c, i, [I64, F64, BOOL][index(k, 3, 1211)]);
    case 4:
      return stringOf(withDepth(cx, cx.depth - 1), k) ?? strLit(k);
    default: {
      const s = sub(cx, c, i, STR);
      const n = sub({ ...cx, pure: true }, c, i + 1, I32);
      return { t: `${recv(s)}.charAt(${n.t})`, ty: STR, pure: s.pure && n.pure, cost: s.cost + n.cost + 1 };
    }
  }
}

/** The receiver of a method call: a literal or operator expression parenthesised where needed. */
function recv(e: Ex): string {
  return /^[A-Za-z_$][\w$.]*$/.test(e.t) || wrapped(e.t) || e.strLit ? e.t : `(${e.t})`;
}

/** Is the whole text one parenthesised group? (Strings in it hold no parentheses that matter: literals are balanced or escaped alike.) */
function wrapped(t: string): boolean {
  if (!t.startsWith("(") || !t.endsWith(")")) return false;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (quote !== null) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "`") quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") {
      depth--;
      if (depth === 0 && i < t.length - 1) return false;
    }
  }
  return true;
}

function piecePure(...es: Ex[]): Pick<Ex, "pure" | "cost"> {
  return { pure: es.every((e) => e.pure), cost: es.reduce((s, e) => s + e.cost, 1) };
}

/** `(s + x)` or `(x + s)`: one side any string, the other a small piece (a number is converted). */
function concat(cx: Cx, c: Choice): Ex {
  const s = sub(cx, c, 0, STR);
  let x = smallPiece(cx, c, 1);
  if (x.lit && x.ty.k !== "str") x = deLit(x);
  const [l, r] = index(c, 2, 1220) === 0 ? [s, x] : [x, s];
  return { t: `(${l.t} + ${r.t})`, ty: STR, ...piecePure(l, r) };
}

function template(cx: Cx, c: Choice): Ex {
  const n = 1 + index(c, 3, 1230);
  const holes: Ex[] = [];
  const big = index(c, n + 1, 1231);
  for (let i = 0; i < n; i++) holes.push(i === big ? sub(cx, c, i, STR) : smallPiece(cx, c, i + 3));
  const texts = ["", "-", " = ", "[", "]", "é", "\\n", "\\`", "\\${x}", "a"];
  let t = "`" + texts[index(c, texts.length, 1232)];
  holes.forEach((h, i) => {
    t += "${" + h.t + "}" + texts[index(kid(c, i), texts.length, 1233)];
  });
  return { t: t + "`", ty: STR, ...piecePure(...holes) };
}

/** `String(x)` of a number or boolean (f64 formatted as JavaScript does). */
function stringOf(cx: Cx, c: Choice): Ex {
  const ty = [I32, I64, F64, F64, BOOL][index(c, 5, 1240)];
  // No hint: a bare literal would be typed i32 (and an i64 one would not fit).
  const x = sub(cx, c, 0, ty);
  if (index(c, 6, 1241) === 0 && ty.k !== "bool") {
    const y = deLit(x);
    return { t: `${recv(y)}.toString()`, ty: STR, ...piecePure(y) };
  }
  return { t: `String(${x.t})`, ty: STR, ...piecePure(x) };
}

/** A position argument: small, negative ones too, now and then any i32. */
function position(cx: Cx, c: Choice, i: number): Ex {
  const k = kid(c, i);
  switch (index(k, 4, 1250)) {
    case 0:
      return { t: String(index(k, 9, 1251) - 2).replace(/^-(.*)$/, "(-$1)"), ty: I32, pure: true, cost: 1 };
    case 1: {
      const e = sub(cx, c, i, I32);
      return { t: `(${deLit(e).t} & 7)`, ty: I32, pure: e.pure, cost: e.cost + 1 };
    }
    case 2: {
      const e = sub(cx, c, i, I32);
      return { t: `(${deLit(e).t} % 9)`, ty: I32, pure: e.pure, cost: e.cost + 1 };
    }
    default:
      return sub(cx, c, i, I32, I32);
  }
}

/** substring, slice, charAt, trim…, toUpperCase, toLowerCase, padStart, padEnd, concat. */
function stringMethod(cx: Cx, c: Choice): Ex {
  const s = sub(cx, c, 0, STR);
  const r = recv(s);
  const name = ["substring", "slice", "trim", "toUpperCase", "toLowerCase", "padStart", "padEnd", "charAt", "trimStart", "trimEnd", "substring", "slice"][index(c, 12, 1260)];
  let args: Ex[] = [];
  if (name === "substring" || name === "slice") args = index(c, 3, 1261) === 0 ? [position(cx, c, 1)] : [position(cx, c, 1), position(cx, c, 2)];
  else if (name === "charAt") args = [position(cx, c, 1)];
  else if (name === "padStart" || name === "padEnd") {
    const n = position(cx, c, 1);
    const width: Ex = { ...n, t: `(${n.t} & 15)` };
    args = index(c, 3, 1262) === 0 ? [width] : [width, { t: `"${[" ", "ab", "0", "", "é-"][index(c, 5, 1263)]}"`, ty: STR, pure: true, cost: 1 }];
  }
  return { t: `${r}.${name}(${args.map((a) => a.t).join(", ")})`, ty: STR, ...piecePure(s, ...args) };
}

/** `s[i]`: guarded by the length, or raw where risk allows (fails outside the string). */
function charAtIndex(cx: Cx, c: Choice): Ex | null {
  if (risky(cx, c, 1270)) {
    const s = sub(cx, c, 0, STR);
    const i = sub(cx, c, 1, I32, I32);
    return { t: `${recv(s)}[${i.t}]`, ty: STR, ...piecePure(s, i) };
  }
  const s = sub({ ...cx, pure: true }, c, 0, STR);
  const i = deLit(sub({ ...cx, pure: true }, c, 1, I32));
  if (!s.pure || !i.pure) return null;
  const r = recv(s);
  return { t: `(${r}.length > 0 ? ${r}[(${i.t} & 2147483647) % ${r}.length] : "")`, ty: STR, ...piecePure(s, s, i) };
}

function fromCharCode(cx: Cx, c: Choice): Ex {
  const n = 1 + index(c, 3, 1280);
  const args: Ex[] = [];
  for (let i = 0; i < n; i++) {
    const k = kid(c, i);
    if (index(k, 3, 1281) === 0) args.push({ t: String([65, 97, 48, 32, 233, 8364, 10][index(k, 7, 1282)]), ty: I32, pure: true, cost: 1 });
    else {
      const e = deLit(sub(cx, c, i, I32));
      args.push({ ...e, t: `(32 + (${e.t} & 127))` });
    }
  }
  return { t: `String.fromCharCode(${args.map((a) => a.t).join(", ")})`, ty: STR, ...piecePure(...args) };
}

/**
 * `"ab".repeat(n)` with 0 <= n < 4. Never a negative count: its error is located at the start of
 * main (or at an earlier call) in compiled code, at the call of repeat in the reference (a known
 * difference, docs/fuzzing.md).
 */
function repeatLit(cx: Cx, c: Choice): Ex {
  const s = strLit(c, 5);
  const n = deLit(sub(cx, c, 0, I32));
  const count = `(${n.t} & 3)`;
  return { t: `${s.t}.repeat(${count})`, ty: STR, ...piecePure(n) };
}

/** `s.split(sep).join(sep2)` with a separator no longer than sep (sizes do not grow). */
function splitJoin(cx: Cx, c: Choice): Ex {
  const s = sub(cx, c, 0, STR);
  const sep = sepLit(c, 1300, true);
  const shorter = SEPS.filter((x) => x.length <= sep.length);
  const sep2 = shorter[index(c, shorter.length, 1301)];
  return { t: `${recv(s)}.split("${sep}").join("${sep2}")`, ty: STR, ...piecePure(s) };
}

/** `a.join(sep)` of an array of numbers or booleans (its size does not depend on strings). */
function numberJoin(cx: Cx, c: Choice): Ex | null {
  const a = nonNullArrays(cx, c, null);
  if (a === null || a.ty.k !== "array" || !["i32", "i64", "f64", "bool"].includes(a.ty.e.k)) return null;
  const sep = index(c, 3, 1310) === 0 ? "" : `"${sepLit(c, 1311)}"`;
  return { t: `${a.t}.join(${sep})`, ty: STR, ...piecePure(a) };
}

// ---- numbers and booleans from strings ---------------------------------------------------------

/** An i32 from a string: length, charCodeAt (guarded), indexOf, lastIndexOf, split(…).length, join(…).length. */
export function stringInt(cx: Cx, c: Choice): Ex | null {
  const form = index(c, 7, 1320);
  if (form === 0) {
    if (risky(cx, c, 1321)) {
      const s = sub(cx, c, 0, STR);
      const i = sub(cx, c, 1, I32, I32);
      return { t: `${recv(s)}.charCodeAt(${i.t})`, ty: I32, ...piecePure(s, i) };
    }
    const s = sub({ ...cx, pure: true }, c, 0, STR);
    const i = deLit(sub({ ...cx, pure: true }, c, 1, I32));
    if (!s.pure || !i.pure) return null;
    const r = recv(s);
    return { t: `(${r}.length > 0 ? ${r}.charCodeAt((${i.t} & 2147483647) % ${r}.length) : 0)`, ty: I32, ...piecePure(s, s, i) };
  }
  if (form === 1 || form === 2) {
    const s = sub(cx, c, 0, STR);
    const x = index(c, 2, 1322) === 0 ? strLit(kid(c, 1), 7) : sub(cx, c, 1, STR);
    const args = index(c, 2, 1323) === 0 ? [x] : [x, position(cx, c, 2)];
    return { t: `${recv(s)}.${form === 1 ? "indexOf" : "lastIndexOf"}(${args.map((a) => a.t).join(", ")})`, ty: I32, ...piecePure(s, ...args) };
  }
  if (form === 3) {
    const s = sub(cx, c, 0, STR);
    return { t: `${recv(s)}.split("${sepLit(c, 1324)}").length`, ty: I32, ...piecePure(s) };
  }
  if (form === 4) {
    // A string array's join, measured (never stored: it could grow without bound in a loop).
    const a = nonNullArrays(cx, c, STR);
    if (a === null || a.ty.k !== "array" || a.ty.e.k !== "str") return null;
    return { t: `${a.t}.join("${sepLit(c, 1325)}").length`, ty: I32, ...piecePure(a) };
  }
  const s = sub(cx, c, 0, STR);
  return { t: `${recv(s)}.length`, ty: I32, ...piecePure(s) };
}

/** An f64 parsed from a string: parseInt (maybe with a radix), parseFloat, Number. */
export function stringNumber(cx: Cx, c: Choice): Ex {
  const s = index(c, 2, 1330) === 0 ? strLit(kid(c, 0), 9) : sub(cx, c, 0, STR);
  const form = index(c, 4, 1331);
  if (form === 0) return { t: `parseInt(${s.t}, ${[2, 8, 10, 16, 36][index(c, 5, 1332)]})`, ty: F64, ...piecePure(s) };
  const fn = ["parseInt", "parseFloat", "Number"][form - 1];
  return { t: `${fn}(${s.t})`, ty: F64, ...piecePure(s) };
}

/** A string operand compared with `===`: a literal is wrapped (TypeScript would narrow to its literal type). */
function unLit(e: Ex): Ex {
  return e.strLit ? { ...e, t: `String(${e.t})`, strLit: false } : e;
}

/** A boolean from strings: comparisons, includes, startsWith, endsWith, emptiness. */
export function stringBool(cx: Cx, c: Choice): Ex {
  const form = index(c, 5, 1340);
  const s = sub(cx, c, 0, STR);
  if (form <= 1) {
    const ops = ["===", "!==", "<", ">", "<=", ">="];
    const op = ops[index(c, ops.length, 1341)];
    let r = index(c, 2, 1342) === 0 ? strLit(kid(c, 1), 11) : sub(cx, c, 1, STR);
    let l = s;
    if (op === "===" || op === "!==") {
      l = unLit(l);
      r = unLit(r);
    }
    return { t: `(${l.t} ${op} ${r.t})`, ty: BOOL, ...piecePure(l, r) };
  }
  if (form <= 3) {
    const name = ["includes", "startsWith", "endsWith"][index(c, 3, 1343)];
    const x = index(c, 2, 1344) === 0 ? strLit(kid(c, 1), 13) : sub(cx, c, 1, STR);
    const args = index(c, 2, 1345) === 0 ? [x] : [x, position(cx, c, 2)];
    return { t: `${recv(s)}.${name}(${args.map((a) => a.t).join(", ")})`, ty: BOOL, ...piecePure(s, ...args) };
  }
  // TypeScript refuses a literal as a condition ("always truthy").
  const u = unLit(s);
  return { t: index(c, 2, 1346) === 0 ? `!${recv(u)}` : `(${recv(u)}.length === 0)`, ty: BOOL, ...piecePure(u) };
}

/** A string as an `if` condition (true when not empty). */
export function stringCond(cx: Cx, c: Choice): Ex {
  return unLit(expr({ ...cx, inCond: true, depth: 2 }, c, STR));
}

// ---- statements --------------------------------------------------------------------------------

/** `for (const ch of s.slice(0, n))`: at most 6 trips. */
export function forOfString(cx: Cx, c: Choice, ind: string, loopBody: (cx: Cx, cs: readonly Choice[], ind: string, head: string, trips: number, ch: string) => Out): Out | null {
  const trips = 6;
  const s = sub({ ...cx, depth: 2 }, c, 0, STR);
  if ((cx.budget - s.cost - 2) / trips < 4) return null;
  const ch = fresh(cx.st, "ch");
  const out = loopBody(cx, c.k.slice(1), ind, `for (const ${ch} of ${recv(s)}.slice(0, ${1 + index(c, trips, 1350)}))`, trips, ch);
  return { lines: out.lines, cost: out.cost + s.cost };
}

/** The discriminant of a switch on strings (never a bare variable, which the cases would narrow) and its labels. */
export function switchOnString(cx: Cx, c: Choice): { disc: string; cost: number; label: (k: Choice, used: Set<string>) => string } {
  const s = sub({ ...cx, depth: 2 }, c, 0, STR);
  const disc = [`${recv(s)}.charAt(0)`, `${recv(s)}.substring(0, 2)`, `${recv(s)}.trim()`][index(c, 3, 1360)];
  return {
    disc,
    cost: s.cost + 1,
    label: (k, used) => {
      let i = index(k, CASES.length, 1361);
      while (used.has(CASES[i % CASES.length]) && used.size < CASES.length) i++;
      const l = CASES[i % CASES.length];
      used.add(l);
      return `"${l}"`;
    },
  };
}

/** `s += piece` on a string variable, field or element text. */
export function appendText(cx: Cx, c: Choice, target: string): Ex {
  const x = smallPiece({ ...cx, depth: 2 }, c, 5);
  const y = x.lit && x.ty.k !== "str" ? deLit(x) : x;
  return { t: `${target} += ${y.t}`, ty: STR, pure: false, cost: y.cost + 1 };
}

