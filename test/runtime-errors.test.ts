// Runtime errors: each program under test/errors/runtime fails with `// expect: <message> @ <line>`.
// Compiled, on both targets, it must print `error: <message>` and `at <file>:<line>:<col>` to
// stderr and exit with status 1, never a wasm trap text or a JavaScript stack.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileOrThrow, ROOT, runReference, runWasm, TARGETS } from "./support/programs.js";

const DIR = path.join(ROOT, "test/errors/runtime");

describe.each(fs.readdirSync(DIR).filter((f) => f.endsWith(".ts")))("%s", (name) => {
  const file = path.join(DIR, name);
  const [, message, line] = /^\/\/ expect: (.*) @ (\d+)$/m.exec(fs.readFileSync(file, "utf8"))!;
  const relative = path.relative(process.cwd(), file);
  const reference = runReference(file);

  it("fails the same way on the reference implementation", () => {
    expect(reference.exitCode).toBe(1);
    expect(reference.stderr).toMatch(new RegExp(`^error: .*\\n    at ${relative}:${line}:\\d+\\n$`));
    expect(reference.stderr).toContain(`error: ${message}`);
  });

  for (const target of TARGETS) {
    it(`${target}: error message and source line, exit status 1`, async () => {
      const result = await runWasm(compileOrThrow(file, { target }), 2);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toBe(`error: ${message}\n    at ${relative}:${line}:${result.stderr.split(":").pop()!.trim()}\n`);
      expect(result.stderr).not.toMatch(/wasm:\/\/|RuntimeError|node:internal/);
      // The reference run reports the same message at the same line and column.
      expect(result.stderr).toBe(reference.stderr);
      // What was printed before the failure is the reference's too; a failed task's own output is dropped.
      expect(result.stdout).toBe(reference.stdout);
    });
  }
});

describe("out of memory", () => {
  const file = path.join(ROOT, "test/errors/memory/out_of_memory.ts");
  const relative = path.relative(process.cwd(), file);
  for (const target of TARGETS) {
    it(`${target}: a heap limit (--max-memory 16) reached is an error naming the limit`, async () => {
      const result = await runWasm(compileOrThrow(file, { target, maximumPages: 16 * 16 }), 2);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^error: out of memory \\(heap limit 16 MiB\\)\\n {4}at ${relative}:\\d+:\\d+\\n$`));
      expect(result.stdout).toBe("");
    });
  }
});
