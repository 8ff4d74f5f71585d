// Compile errors: each program under test/errors/compile states, in `// expect: <fragment> @ <line>`
// comments, the errors the compiler must report (message fragment and line). All of a file's
// errors are reported at once, each with file:line:col and a code frame.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileFile, formatDiagnostics } from "../compiler/index.js";
import { ROOT } from "./support/programs.js";

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
