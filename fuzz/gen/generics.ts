// Generics, interfaces, Map and Set, tuples (docs/language.md): declarations every program
// carries, and expressions over them: a generic class with a generic method, a generic function
// called with inferred and written type arguments, an interface implemented by one class that
// says so and one that only matches, tuples made, indexed and destructured, and a Map and a Set
// updated and iterated in main's own code (where the order of updates is the reference's).
import { deLit } from "./arith.js";
import type { Cx } from "./context.js";
import { sub } from "./expressions.js";
import type { Ex } from "./literals.js";
import { BOOL, I32, STR, type Ty } from "./model.js";
import { type Choice, index } from "./recipe.js";

export const GENERIC_LINES = [
  "class Box1<T> {",
  "  constructor(public value: T) {}",
  "  swap(v: T): T {",
  "    const old = this.value;",
  "    this.value = v;",
  "    return old;",
  "  }",
  "  map<U>(f: (x: T) => U): Box1<U> {",
  "    return new Box1<U>(f(this.value));",
  "  }",
  "}",
  "function pick1<T>(c: boolean, a: T, b: T): T {",
  "  return c ? a : b;",
  "}",
  "interface Meter1 {",
  "  measure(k: i32): i32;",
  "  readonly label: string;",
  "}",
  "class Ruler1 implements Meter1 {",
  '  readonly label: string = "ruler";',
  "  measure(k: i32): i32 {",
  "    return (k & 1023) * 3;",
  "  }",
  "}",
  "class Scale1 {",
  '  label: string = "scale";',
  "  measure(k: i32): i32 {",
  "    return (k & 255) + 7;",
  "  }",
  "}",
  "function meter1(c: boolean): Meter1 {",
  "  return c ? new Ruler1() : new Scale1();",
  "}",
  "function span1(a: i32, b: i32): [i32, i32] {",
  "  return a < b ? [a, b] : [b, a];",
  "}",
  "function width1(a: i32, b: i32): i32 {",
  "  const [lo, hi] = span1(a, b);",
  "  const pairs: [string, i32][] = [[\"lo\", lo & 1023], [\"hi\", hi & 1023]];",
  "  let s = 0;",
  "  for (const [name, v] of pairs) s += v * name.length;",
  "  return s;",
  "}",
  "",
];

/**
 * The shared Map and Set and the functions over them: declared only by programs that use them
 * (instantiating Map and Set compiles the whole library, a good part of a small case's compile).
 */
export const COLLECTION_LINES = [
  "const tally1 = new Map<string, i32>();",
  "const marks1 = new Set<i32>();",
  "function bump1(key: string, by: i32): i32 {",
  "  const n = (tally1.get(key) ?? 0) + (by & 1023);",
  "  tally1.set(key, n);",
  "  if ((by & 3) === 0) marks1.delete(by & 15);",
  "  else marks1.add(by & 15);",
  "  return n + marks1.size;",
  "}",
  "function digest1(): i32 {",
  "  let s = 0;",
  "  for (const [k, v] of tally1) s = (s * 31 + v + k.length) & 1048575;",
  "  for (const m of marks1) s = (s * 7 + m) & 1048575;",
  "  return s;",
  "}",
  "",
];

/** Whether the generated code uses the declarations of COLLECTION_LINES. */
export function usesCollections(lines: readonly string[]): boolean {
  return lines.some((l) => l.includes("bump1(") || l.includes("digest1("));
}

/** An i32 or string expression over the declarations above (null for other types). */
export function genericExpr(cx: Cx, c: Choice, want: Ty): Ex | null {
  if (want.k !== "i32" && want.k !== "str") return null;
  const test = (i: number) => deLit(sub(cx, c, i, BOOL));
  const a = deLit(sub(cx, c, 1, want));
  const b = deLit(sub(cx, c, 2, want));
  const form = index(c, main(cx) ? 7 : 5, 1601);
  const cost = a.cost + b.cost + 4;
  const pure = false;
  if (form === 0) {
    const t = test(0);
    const typeArgs = index(c, 2, 1602) === 0 ? "" : want.k === "i32" ? "<i32>" : "<string>";
    return { t: `pick1${typeArgs}(${t.t}, ${a.t}, ${b.t})`, ty: want, pure: a.pure && b.pure && t.pure, cost: cost + t.cost };
  }
  if (form === 1) {
    const name = want.k === "i32" ? "i32" : "string";
    return { t: `new Box1<${name}>(${a.t}).swap(${b.t})`, ty: want, pure, cost };
  }
  if (form === 2 && want.k === "i32") return { t: `new Box1(${a.t}).map((x) => (x & 1023) + 1).value`, ty: I32, pure, cost };
  if (form === 2) return { t: `new Box1(${a.t}).map((s) => s + "!").value`, ty: STR, pure, cost };
  if (form === 3) {
    const t = test(0);
    const k = deLit(sub(cx, c, 3, I32));
    if (want.k === "i32") return { t: `meter1(${t.t}).measure(${k.t})`, ty: I32, pure, cost: cost + t.cost + k.cost };
    return { t: `meter1(${t.t}).label`, ty: STR, pure, cost: cost + t.cost };
  }
  if (form === 4) {
    const k = deLit(sub(cx, c, 3, I32));
    if (want.k === "i32") return index(c, 2, 1603) === 0 ? { t: `width1(${a.t}, ${k.t})`, ty: I32, pure, cost: cost + k.cost } : { t: `span1(${a.t}, ${k.t})[${index(c, 2, 1604)}]`, ty: I32, pure, cost: cost + k.cost };
    return { t: `String(span1(${k.t}, ${k.t} & 7).length)`, ty: STR, pure, cost: cost + k.cost };
  }
  // Main's own code: the shared map and set (the order of their updates is the reference's).
  const by = deLit(sub(cx, c, 4, I32));
  if (want.k === "str") return { t: `String(bump1(${b.t}, ${by.t}))`, ty: STR, pure, cost: cost + by.cost };
  const key = deLit(sub(cx, c, 3, STR));
  return form === 5 ? { t: `bump1(${key.t}, ${a.t})`, ty: I32, pure, cost: cost + key.cost } : { t: "digest1()", ty: I32, pure, cost: 3 };
}

function main(cx: Cx): boolean {
  return cx.fn.isMain && !cx.inAtomic && !cx.pure;
}
