// Compile errors: each program under test/errors/compile states, in `// expect: <fragment> @ <line>`
// comments, the errors the compiler must report (message fragment and line). All of a file's
// errors are reported at once, each with file:line:col and a code frame.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileFile, formatDiagnostics } from "../compiler/index.js";
import { CLI, ROOT } from "./support/programs.js";

const DIR = path.join(ROOT, "test/errors/compile");

export function expectations(file: string): { fragment: string; line: number }[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/^\/\/ expect: (.*) @ (\d+)$/gm)].map((m) => ({ fragment: m[1], line: Number(m[2]) }));
}

describe.each(fs.readdirSync(DIR).filter((f) => f.endsWith(".ts")))("%s", (name) => {
  const file = path.join(DIR, name);
  it("reports every expected error, located", () => {
    const expected = expectations(file);
    expect(expected.length).toBeGreaterThan(0);
    const result = compileFile(file, { target: "wasm32", optimizeLevel: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const { fragment, line } of expected) {
      const found = result.diagnostics.some((d) => d.line === line && d.message.toLowerCase().includes(fragment.toLowerCase()));
      expect(found, `no error containing "${fragment}" at line ${line}; got:\n${formatDiagnostics(result.diagnostics)}`).toBe(true);
    }
    // `// expect-only:` files list every error: nothing else (no echo of an earlier mistake) may appear.
    if (/^\/\/ expect-only:/m.test(fs.readFileSync(file, "utf8"))) {
      expect(result.diagnostics.length, formatDiagnostics(result.diagnostics)).toBe(expected.length);
    }
    const text = formatDiagnostics(result.diagnostics);
    const relative = path.relative(process.cwd(), file);
    expect(text).toContain(`${relative}:${expected[0].line}:`);
    expect(text).toMatch(/\n\d+ \| .*\n +\| +\^+/);
  });
});

describe("diagnostics", () => {
  it("a syntax error is reported with its location", () => {
    const file = path.join(ROOT, "test/errors/syntax/unclosed.ts");
    const result = compileFile(file, { target: "wasm32", optimizeLevel: 0 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0].line).toBe(5);
  });
});

describe("an import of one of the runtime's files", () => {
  // The runtime is built once for every program: a program's subclass of a runtime class would
  // fall outside the class-id ranges it was built with (instanceof, dispatch by class id).
  it("is refused: programs import from \"stmc\"", () => {
    const dir = fs.mkdtempSync(path.join(ROOT, "test", ".tmp-runtime-import-"));
    try {
      const task = path.relative(dir, path.join(ROOT, "runtime/core/tasks/task")).replace(/\\/g, "/");
      const main = path.join(dir, "main.ts");
      fs.writeFileSync(main, `import { Task } from "${task}";\nimport { print } from "stmc";\nclass Mine extends Task {}\nexport function main(): void {\n  const t: Task = new Mine();\n  print(t instanceof Task);\n}\n`);
      const result = compileFile(main, { target: "wasm32", optimizeLevel: 0 });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([`1: cannot import "${task}": it is a file of stmc's runtime; programs import from "stmc"`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("an import by absolute path", () => {
  it("is reported once: the names it imports are not reported again where they are used", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-absolute-"));
    fs.writeFileSync(path.join(dir, "lib.ts"), 'import { i32 } from "stmc";\nexport class Box {\n  v: i32 = 0;\n}\nexport let counter = 0;\nexport function f(): i32 {\n  return 1;\n}\n');
    const main = path.join(dir, "main.ts");
    const lib = path.join(dir, "lib").replace(/\\/g, "/");
    fs.writeFileSync(main, `import { Box, counter, f } from "${lib}";\nimport { print } from "stmc";\nexport function main(): void {\n  const b: Box = new Box();\n  print(b.v, counter, f());\n}\n`);
    const result = compileFile(main, { target: "wasm32", optimizeLevel: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([`1: cannot import "${lib}": only relative imports and "stmc" are supported`]);
  });
});

describe("programs the compiler's recursion cannot take", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-deep-"));
  const header = 'import { i32, print } from "stmc";\nfunction f(x: i32): i32 {\n  return x + 1;\n}\nexport function main(): void {\n  let a: i32 = 1;\n';
  const program = (name: string, body: string): string => {
    const file = path.join(dir, `${name}.ts`);
    fs.writeFileSync(file, `${header}${body}\n  print(a);\n}\n`);
    return file;
  };
  const compile = (file: string) => compileFile(file, { target: "wasm32", optimizeLevel: 0 });
  const cases: Array<[string, string]> = [
    ["1000 nested parentheses", `  a = ${"(".repeat(1000)}a${")".repeat(1000)};`],
    ["a 2000-term + chain", `  a = ${Array(2000).fill("a").join(" + ")};`],
    ["3000 nested blocks", `${"{".repeat(3000)}a++;${"}".repeat(3000)}`],
    ["an else-if chain of 5000 links", `  ${Array.from({ length: 5000 }, (_, i) => `if (a === ${i}) { a = ${i + 1}; }`).join(" else ")}`],
  ];
  for (const [what, body] of cases) {
    it(`${what}: one positioned error on line 7, a code frame cut to the terminal's width`, () => {
      const result = compile(program(what.replace(/\W+/g, "_"), body));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0].line).toBe(7);
      expect(result.diagnostics[0].message).toMatch(/nested too deeply/);
      const frameLines = formatDiagnostics(result.diagnostics).split("\n");
      expect(Math.max(...frameLines.slice(1).map((l) => l.length))).toBeLessThan(120);
    });
  }

  // Within the bracket limit, these calls overflow TypeScript's checker in a fresh process, as
  // `stmc compile` runs; in a process whose V8 has already optimized the checker (smaller frames)
  // they may fit, so this case runs as a user would.
  it("480 nested calls: one positioned error on line 7 from `stmc compile`", () => {
    const file = program("480_nested_calls", `  a = ${"f(".repeat(480)}a${")".repeat(480)};`);
    const r = spawnSync(process.execPath, [CLI, "compile", file, "-O0", "-o", path.join(dir, "calls.wasm")], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^.*480_nested_calls\.ts:7:\d+: error: nested too deeply for the compiler/);
    expect(r.stderr).not.toMatch(/internal compiler error/);
  });

  it("nesting within the limit compiles", () => {
    for (const [name, body] of [
      ["parens", `  a = ${"(".repeat(400)}a${")".repeat(400)};`],
      ["blocks", `${"{".repeat(450)}a++;${"}".repeat(450)}`],
      ["chain", `  a = ${Array(450).fill("a").join(" + ")};`],
    ]) {
      expect(compile(program(name, body)).ok, name).toBe(true);
    }
  });

  it("a binary file: one error, no raw bytes in the code frame", () => {
    const file = path.join(dir, "binary.ts");
    fs.writeFileSync(file, Buffer.from([0x48, 0x5a, 0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x07]));
    const result = compile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0].message).toMatch(/not UTF-8 text/);
    expect(formatDiagnostics(result.diagnostics)).not.toMatch(/[\u0000-\u0008\u001b\u007f\uFFFD]/);
  });
});
