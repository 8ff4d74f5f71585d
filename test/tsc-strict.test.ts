// Every stmc program is also a TypeScript program: the corpus, the runtime-error programs, the
// examples, the STM stress programs and the bench programs must type-check with `tsc --strict`
// against runtime/reference/stmc.ts; and the in-wasm runtime itself type-checks.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The options a user's project would use: strict, no DOM, no Node, "stmc" = the reference module. */
const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"],
  types: [],
  paths: { stmc: [path.join(root, "runtime/reference/stmc.ts")] },
};

function tsFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  return fs
    .readdirSync(abs, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(abs, f))
    .sort();
}

function diagnosticsOf(program: ts.Program, file?: ts.SourceFile): string[] {
  return ts.getPreEmitDiagnostics(program, file).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (d.file === undefined || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(root, d.file.fileName)}:${line + 1}:${character + 1}: ${text}`;
  });
}

const files = [...tsFiles("test/programs"), ...tsFiles("test/errors/runtime"), ...tsFiles("test/errors/memory"), ...tsFiles("test/stm"), ...tsFiles("test/stm-large"), ...tsFiles("test/barriers"), ...tsFiles("test/gc"), ...tsFiles("test/bench-fixture"), ...tsFiles("examples"), ...tsFiles("bench/programs")];

describe("tsc --strict", () => {
  let program: ts.Program;
  beforeAll(() => {
    program = ts.createProgram(files, options);
  });

  it("finds the programs", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it("accepts the stmc module itself", () => {
    const stmc = program.getSourceFile(path.join(root, "runtime/reference/stmc.ts"));
    expect(stmc).toBeDefined();
    expect(diagnosticsOf(program, stmc)).toEqual([]);
  });

  it.each(files.map((f) => [path.relative(root, f), f]))("accepts %s", (_name, file) => {
    const source = program.getSourceFile(file);
    expect(source).toBeDefined();
    expect(diagnosticsOf(program, source)).toEqual([]);
  });

  it("accepts the in-wasm runtime (runtime/core, against the stmc:low declarations)", () => {
    // The compiler reports TypeScript's diagnostics for the user's files only: a mistake in the
    // runtime (a duplicated function, a wrong type) would otherwise go unnoticed.
    const runtime = tsFiles("runtime/core").filter((f) => !f.endsWith(".d.ts"));
    const paths = { ...options.paths, "stmc:low": [path.join(root, "runtime/core/low.d.ts")] };
    const checked = ts.createProgram(runtime, { ...options, paths });
    expect(runtime.length).toBeGreaterThan(10);
    expect(diagnosticsOf(checked)).toEqual([]);
  });

  it("rejects wrong arity and types in transaction.add, and Node's globals", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-tsc-"));
    try {
      const file = path.join(dir, "bad.ts");
      fs.writeFileSync(
        file,
        [
          'import { i32, i64, print, transaction } from "stmc";',
          "function task(a: i32, b: i64): void { print(a, b); }",
          "export function main(): void {",
          "  transaction.add(task, 1);",
          "  transaction.add(task, 1, 2, 3);",
          "  transaction.add(task, 1, true);",
          "  transaction.add(task, 1, 2);",
          '  console.log("x");',
          "}",
        ].join("\n"),
      );
      const lines = diagnosticsOf(ts.createProgram([file], options)).map((d) => Number(/bad\.ts:(\d+):/.exec(d)?.[1]));
      expect(lines).toEqual([4, 5, 6, 8]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
