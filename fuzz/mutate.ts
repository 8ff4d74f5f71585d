// Ill-formed programs: a generated (valid) program with one mutation. Some mutations are sure to
// make it invalid (`mustReject`: the compiler must report an error); for the others (random
// characters, truncation, deep nesting) compiling is fine too. Either way the compiler must
// answer with positioned diagnostics, never crash.
import fc from "fast-check";

export type Mutation =
  | { k: "chars"; at: number; edits: { op: number; ch: number }[] }
  | { k: "truncate"; at: number }
  | { k: "dropBracket"; nth: number }
  | { k: "unknownName"; nth: number }
  | { k: "arity"; nth: number }
  | { k: "retype"; nth: number }
  | { k: "emptyBody"; nth: number }
  | { k: "unsupported"; which: number }
  | { k: "deep"; shape: number; size: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ k: fc.constant("chars" as const), at: fc.nat(), edits: fc.array(fc.record({ op: fc.nat(2), ch: fc.nat(0x10ffff) }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ k: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ k: fc.constant("dropBracket" as const), nth: fc.nat() }),
  fc.record({ k: fc.constant("unknownName" as const), nth: fc.nat() }),
  fc.record({ k: fc.constant("arity" as const), nth: fc.nat() }),
  fc.record({ k: fc.constant("retype" as const), nth: fc.nat() }),
  fc.record({ k: fc.constant("emptyBody" as const), nth: fc.nat() }),
  fc.record({ k: fc.constant("unsupported" as const), which: fc.nat() }),
  fc.record({ k: fc.constant("deep" as const), shape: fc.nat(), size: fc.nat(3) }),
);

export interface Mutant {
  text: string;
  mustReject: boolean;
  /** What was done, for the report. */
  what: string;
}

/** Statements the language rejects (docs/language.md, "What is rejected"), put at the start of main. */
const BAD_STATEMENTS = [
  "var q0 = 1;",
  "let q0: any = 1;",
  "let q0: unknown = 1;",
  "const q0 = { a: 1 };",
  'let q0: string = "x"; print(q0.localeCompare("y"));',
  "let q0: i32 | boolean = 1;",
  "throw 1;",
  "for (const q0 in [1, 2]) { print(1); }",
  "let q0 = typeof 1;",
  "let q0: i64 = 2; print(q0 ** 3);",
  "const q0 = <T>(x: T): T => x;",
  "function q0(...a: i32[]): void {}",
  "let q0 = null;",
  "let q0: [i32, i32?] = [1];",
  "let q0 = 1 as f64;",
  "let q0 = [1, 2].flatMap((x) => [x]);",
  "let q0: i32[] | null = null; print(q0?.length);",
  "let q0 = undefined;",
  "let q0 = +1.5;",
  "let q0: i32 = 1.5;",
  "let q0: i32 = i64(5);",
  "let q0 = Math.random(1);",
  'let q0 = "a" + [1];',
  "let q0 = 1; let q1 = 2; [q0, q1] = [q1, q0];",
  "let q0 = 5; q0 = true;",
  "throw 5;",
  "let q0 = i32(true);",
  "transaction.add(5);",
  "let q0 = 10n;",
  "let q0: f64 = 1; q0 = q0 ?? 2;",
  "let q0 = `${[1]}`;",
  "print(undefinedName0);",
  "let q0: i32 = 3000000000;",
  "let q0: f64 = 1; let q1 = q0 & 1;",
  "let q0: i64 = 1; let q1: f64 = 2; print(q0 + q1);",
  "let q0 = new Array<i32>(2).fill(0); delete q0[0];",
  "const q0: i32[][] = [[2], [1]]; q0.sort();",
  "const q0: i32[] = [1]; print(q0.find((x) => x > 0) === undefined);",
  "const q0: (() => i32)[] = []; for (let q1 = 0; q1 < 2; q1++) { q0.push(() => q1); q1++; }",
  "const q0 = (): i32 => q1; const q1 = 2; print(q0());",
  "print(q0(1)); function q0(x: i32): i32 { return x; }",
  "const q0: (x: i32) => i32 = (x: f64): f64 => x;",
  "const q0 = function (): i32 { return this.x; };",
  "const q0 = async (): Promise<void> => {};",
  "const q0: i32[] = [1]; const q1 = q0.map((x) => {});",
];

/** Declarations the language rejects, put after the import. */
const BAD_DECLARATIONS = [
  "interface I0<X> { a: X }",
  "enum E0 { A = 1.5, B = 2 }",
  "type T0<X> = X[]; let t0: T0<i32> = [];",
  "namespace N0 { }",
  "class G0<T> { static n: i32 = 0; x: T; constructor(x: T) { this.x = x; } }",
  "function gen0<T>(x: T): T { return x; } const g0 = gen0;",
  "class G1<T> { x: i32 = 0; } class B0 extends G1<i32> {}",
  "class A0 { static get x(): i32 { return 1; } }",
  "class S0 { static { } }",
  "class A1 { x: i32 = 1; m(): void { print(this?.x); } }",
  "const opt0 = (a?: i32): void => {};",
  "function def0(a: i32 = 1, b: i32): void {}",
  "const rest0 = (...a: i32[]): void => {};",
  'import fs from "fs";',
  "async function as0(): Promise<void> {}",
  "function* gen1(): Generator<i32> { yield 1; }",
  "class P0 { constructor(public x?: i32) {} }",
  "function noType0(a) { }",
  "export default 5;",
  "class D0 { x: i32; }",
];

/** An ambient declaration, used in main: refused where it is declared. */
const AMBIENT = "declare const d0: i32;";

/** Deeply nested or very long constructs (valid or not: they must not crash the compiler). */
function deep(shape: number, size: number): string {
  const n = [300, 600, 1000, 2000][size] ?? 1000;
  switch (shape % 10) {
    case 0:
      return `print(${"(".repeat(n)}1${")".repeat(n)});`;
    case 1:
      return `print(${Array.from({ length: n * 2 }, () => "1").join(" + ")});`;
    case 2:
      return `${"{ ".repeat(n)}print(1);${" }".repeat(n)}`;
    case 3:
      return `print(${"!".repeat(n * 2)}true);`;
    case 4:
      return `print(${"- ".repeat(n * 2)}1);`;
    case 5:
      return `print(${Array.from({ length: n * 2 }, (_, i) => `i32(${i}) > i32(${i + 1}) ? ${i} :`).join(" ")} 0);`;
    case 6:
      return `let q0 = 0;\n  ${Array.from({ length: n * 2 }, (_, i) => `if (q0 === i32(${i})) { q0 = 1; }`).join(" else ")}`;
    case 7:
      return `${"if (i32(1) > i32(0)) ".repeat(n)}print(1);`;
    case 8:
      return `print(${"Math.abs(".repeat(n)}1${")".repeat(n)});`;
    default:
      return `let q0 = 0;\n  q0 = ${"q0 = ".repeat(n * 2)}1;`;
  }
}

function nthMatch(text: string, re: RegExp, nth: number): RegExpExecArray | null {
  const all = [...text.matchAll(re)];
  return all.length === 0 ? null : (all[nth % all.length] as RegExpExecArray);
}

function insertInMain(text: string, stmt: string): string {
  return text.replace(/^(export function main\(\): \w+ \{)$/m, `$1\n  ${stmt}`);
}

function splice(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

/** Applies the mutation; one that finds no place to apply falls back to an unsupported statement. */
export function mutate(text: string, m: Mutation): Mutant {
  const fallback = (): Mutant => mutate(text, { k: "unsupported", which: (m as { nth?: number }).nth ?? 0 });
  switch (m.k) {
    case "chars": {
      let t = text;
      let at = m.at % Math.max(t.length, 1);
      for (const e of m.edits) {
        const ch = String.fromCodePoint(e.ch >= 0xd800 && e.ch < 0xe000 ? e.ch % 0x80 : e.ch);
        t = e.op === 0 ? splice(t, at, 1, ch) : e.op === 1 ? splice(t, at, 0, ch) : splice(t, at, 1, "");
        at = (at + 1) % Math.max(t.length, 1);
      }
      return { text: t, mustReject: false, what: `characters changed at offset ${m.at % Math.max(text.length, 1)}` };
    }
    case "truncate": {
      const at = m.at % Math.max(text.length, 1);
      return { text: text.slice(0, at), mustReject: false, what: `truncated at offset ${at}` };
    }
    case "dropBracket": {
      const match = nthMatch(text, /[()[\]{}]/g, m.nth);
      if (match === null) return fallback();
      return { text: splice(text, match.index, 1, ""), mustReject: true, what: `removed '${match[0]}' at offset ${match.index}` };
    }
    case "unknownName": {
      const match = nthMatch(text, /(?<!\b(?:let|const) )\b([vpg]\d+)\b(?!\s*:)/g, m.nth);
      if (match === null) return fallback();
      return { text: splice(text, match.index, match[0].length, `zz${match[0]}`), mustReject: true, what: `renamed a use of ${match[0]}` };
    }
    case "arity": {
      const match = nthMatch(text, /(?<!function )\b(fn\d+)\(/g, m.nth);
      if (match === null) return fallback();
      const close = text[match.index + match[0].length] === ")";
      return { text: splice(text, match.index + match[0].length, 0, close ? "1" : "1, "), mustReject: true, what: `an extra argument to ${match[1]}` };
    }
    case "retype": {
      const match = nthMatch(text, /\blet (v\d+): (i32|i64|f64) = /g, m.nth);
      if (match === null) return fallback();
      return { text: splice(text, match.index, match[0].length, `let ${match[1]}: boolean = `), mustReject: true, what: `${match[1]} declared boolean` };
    }
    case "emptyBody": {
      const match = nthMatch(text, /^function (fn\d+)\([^\n]*\): (?!void)[^\n]*\{$/gm, m.nth);
      if (match === null) return fallback();
      const start = match.index + match[0].length;
      const end = text.indexOf("\n}\n", start);
      return { text: splice(text, start, end - start, ""), mustReject: true, what: `emptied the body of ${match[1]} (it returns a value)` };
    }
    case "unsupported": {
      const all = BAD_STATEMENTS.length + BAD_DECLARATIONS.length + 1;
      const i = m.which % all;
      if (i === BAD_STATEMENTS.length + BAD_DECLARATIONS.length) {
        return { text: insertInMain(text.replace(/^(import [^\n]*\n)/m, `$1${AMBIENT}\n`), "print(d0);"), mustReject: true, what: `declared: ${AMBIENT}, printed in main` };
      }
      if (i < BAD_STATEMENTS.length) return { text: insertInMain(text, BAD_STATEMENTS[i]), mustReject: true, what: `in main: ${BAD_STATEMENTS[i]}` };
      const d = BAD_DECLARATIONS[i - BAD_STATEMENTS.length];
      return { text: text.replace(/^(import [^\n]*\n)/m, `$1${d}\n`), mustReject: true, what: `declared: ${d}` };
    }
    case "deep": {
      const stmt = deep(m.shape, m.size);
      return { text: insertInMain(text, stmt), mustReject: false, what: `in main: ${stmt.slice(0, 60)}… (${stmt.length} characters)` };
    }
  }
}
