// The reference runner (runtime/reference/run.ts), run from its compiled form in dist/ in a
// child process, exactly as `stmc run --reference` runs it. Needs `tsc -p tsconfig.json` first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFERENCE_JS, ROOT, runProgram, runPrograms, type Result } from "./support/reference.js";

const root = ROOT;
const runJs = REFERENCE_JS;

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** `// expect: <message fragment> @ <line>` comments of an error program. */
function expectations(file: string): { message: string; line: number }[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/^\/\/ expect: (.*) @ (\d+)$/gm)].map((m) => ({ message: m[1], line: Number(m[2]) }));
}

beforeAll(() => {
  if (!fs.existsSync(runJs)) throw new Error(`${runJs} is missing: run \`npx tsc -p tsconfig.json\` first`);
});

describe.concurrent("reference runner", () => {
  it("runs hello", async () => {
    expect(await runProgram("examples/hello.ts")).toEqual({ stdout: "Hello from stmc!\n", stderr: "", code: 0 });
  });

  it("runs richards and checks its counts", async () => {
    const r = await runProgram("examples/richards.ts");
    expect(r).toEqual({ stdout: "richards 1 iterations: queueCount 2322 holdCount 928\n", stderr: "", code: 0 });
  });

  it("links several files", async () => {
    const r = await runProgram("test/programs/multi_file.ts");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("counter 0 5 5 95\ncycle true false\n");
    expect(r.stdout).toContain("creature 3 7 3007\ncreated 8 92\n");
  });

  it("formats values as String(x) does", async () => {
    const r = await runProgram("test/programs/print_values.ts");
    expect(r.stdout.split("\n").slice(0, 5)).toEqual([
      "hello, world",
      "",
      "i32: 0 1 -1 42 2147483647 -2147483648",
      "i64: 1099511627776 -9007199254740991 1099511627776000",
      "f64: 0.30000000000000004 1.5 -2.25 1e+21 1e-7 123456789.125 0.000001 1",
    ]);
  });

  it("runs transactions", async () => {
    const r = await runProgram("test/programs/transaction_basic.ts");
    expect(r.stdout).toContain("after run 5050 101\nsum 3000000005059 fsum 0.75 flags 1 ran 204 box 100\n");
  });

  it("uses main's i32 result as the exit code", async () => {
    expect(await runProgram("test/programs/main_exit_code.ts")).toEqual({ stdout: "errors 2\n", stderr: "", code: 3 });
  });

  it("discards the output of a failing task", async () => {
    const r = await runProgram("test/errors/runtime/throw_in_task.ts");
    expect(r.stdout).toBe("start\n");
    expect(r.code).toBe(1);
  });

  it("rejects bare imports other than stmc", async () => {
    const r = await runProgram("test/errors/compile/bare_import.ts");
    expect(r.stderr).toMatch(/^error: cannot import "fs".*\n {4}at test\/errors\/compile\/bare_import\.ts:\d+:\d+\n$/);
    expect(r.code).toBe(1);
  });

  describe.sequential("with temporary programs", () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-ref-test-"));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    function write(name: string, lines: string[]): string {
      const file = path.join(dir, name);
      fs.writeFileSync(file, lines.join("\n") + "\n");
      return file;
    }

    it("passes the thread count to getNumThreads", async () => {
      const file = write("threads.ts", [
        'import { print, transaction } from "stmc";',
        "export function main(): void { print(transaction.getNumThreads()); }",
      ]);
      expect((await runProgram(file, { threads: 4 })).stdout).toBe("4\n");
      expect((await runProgram(file)).stdout).toBe("1\n");
    });

    it("keeps large output in order before an error", async () => {
      const file = write("big.ts", [
        'import { print } from "stmc";',
        "export function main(): void {",
        "  for (let i = 0; i < 50000; i++) print(i, 0.5, true);",
        '  throw new Error("done");',
        "}",
      ]);
      const r = await runProgram(file);
      const lines = r.stdout.split("\n");
      expect(lines.length).toBe(50001);
      expect(lines[0]).toBe("0 0.5 true");
      expect(lines[49999]).toBe("49999 0.5 true");
      // Named as the compiler names it: relative to the working directory, absolute outside it.
      expect(r.stderr).toBe(`error: done\n    at ${file}:4:9\n`);
    });

    it("reports syntax errors with their location", async () => {
      const file = write("syntax.ts", ['import { print } from "stmc";', "export function main(): void {", "  print(1 +);", "}"]);
      const r = await runProgram(file);
      expect(r.stderr).toMatch(/^error: .*\n {4}at .*syntax\.ts:3:\d+\n$/);
      expect(r.code).toBe(1);
    });

    it("can run without the checks", async () => {
      const file = write("unchecked.ts", [
        'import { i32, print } from "stmc";',
        "export function main(): void { const a: i32[] = [1]; print(a.length, a[0]); }",
      ]);
      expect((await runProgram(file, { checks: false })).stdout).toBe("1 1\n");
    });
  });
});

describe("every program", () => {
  const corpus = [...tsFiles("test/programs"), ...tsFiles("examples")];
  const failing = tsFiles("test/errors/runtime");
  const results = new Map<string, Result>();
  beforeAll(async () => {
    const all = [...corpus, ...failing];
    const half = Math.ceil(all.length / 2);
    const batches = await Promise.all([runPrograms(all.slice(0, half)), runPrograms(all.slice(half))]);
    batches.flat().forEach((r, i) => results.set(all[i], r));
  }, 120_000); // each run type-checks its program first (~0.2 s, more on a busy machine)

  it.each(corpus)("%s runs cleanly", (file) => {
    const r = results.get(file)!;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(file.endsWith("main_exit_code.ts") ? 3 : 0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  it.each(failing)("%s fails where its comment says", (file) => {
    const [expected] = expectations(file);
    expect(expected).toBeDefined();
    const r = results.get(file)!;
    expect(r.code).toBe(1);
    // Exactly the message and the user's location: never a JavaScript stack.
    const lines = r.stderr.split("\n");
    expect(lines.length).toBe(3);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toContain(expected.message);
    expect(lines[1]).toMatch(new RegExp(`^    at ${file.replace(/[.]/g, "\\.")}:${expected.line}:\\d+$`));
    expect(lines[2]).toBe("");
  });
});
