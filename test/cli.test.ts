// bin/stmc, spawned as a user would run it. Needs dist/ (`npm test` builds it first with tsc).
// Compiling .ts files needs the compiler; these tests use hand-built .wasm modules instead.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import binaryen from "binaryen";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FailCode } from "../runtime/abi.js";
import { buildModule, type Target } from "./support/build-module.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const stmc = join(root, "bin", "stmc");
let dir: string;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [stmc, ...args], { cwd: dir, encoding: "utf8", timeout: 60_000, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectUsageError(r: ReturnType<typeof cli>, message: RegExp) {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.split("\n");
  expect(lines[0]).toMatch(/^stmc: /);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).toMatch(/Usage: stmc/);
  expect(r.stderr).not.toMatch(/\n\s+at .*\(/); // no JS stack
}

beforeAll(() => {
  if (!existsSync(join(root, "dist", "bin", "cli.js"))) throw new Error("dist/ is missing: run `npx tsc -p tsconfig.json` (npm test does)");
  dir = mkdtempSync(join(tmpdir(), "stmc-cli-"));
  writeFileSync(join(dir, "prog.ts"), 'import { print } from "stmc";\nexport function main(): void {\n  print("hi", 1 + 2);\n}\n');
  writeFileSync(join(dir, "prog.js"), "");
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("stmc --help", () => {
  it.each([[["--help"]], [["-h"]], [["compile", "--help"]], [["run", "--help"]], [["help", "run"]]])("%j exits 0 with usage on stdout", (args) => {
    const r = cli(...args);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: stmc/);
    expect(r.stdout).toMatch(/Exit status:/);
    expect(r.stderr).toBe("");
  });

  it("--version prints the version", () => {
    const r = cli("--version");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("documents the options", () => {
    expect(cli("compile", "--help").stdout).toMatch(/--target <target>[\s\S]*-O, --optimize <level>[\s\S]*--emit <format>|--emit <format>[\s\S]*--source-map/);
    expect(cli("run", "--help").stdout).toMatch(/--threads <n>[\s\S]*--reference/);
  });
});

describe("usage errors exit 2 with a one-line error and the usage on stderr", () => {
  it("no command", () => {
    const r = cli();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Usage: stmc/);
  });
  it("unknown command", () => expectUsageError(cli("frobnicate"), /unknown command 'frobnicate'/));
  it("unknown option", () => expectUsageError(cli("compile", "--bogus", "prog.ts"), /unknown option '--bogus'/));
  it("bad --target", () => expectUsageError(cli("run", "--target", "wasm16", "prog.ts"), /--target.*wasm16.*invalid/));
  it("bad --emit", () => expectUsageError(cli("compile", "--emit", "asm", "prog.ts"), /--emit.*asm.*invalid/));
  it.each(["-O4", "-Os", "-Ofast", "--optimize=9"])("bad optimization level %s", (flag) => expectUsageError(cli("compile", flag, "prog.ts"), /optimize.*invalid/));
  it.each(["0", "-1", "x", "1.5", ""])("bad --threads %j", (n) => expectUsageError(cli("run", "--threads", n, "prog.ts"), /--threads/));
  it("missing file argument", () => {
    expectUsageError(cli("compile"), /missing required argument 'file'/);
    expectUsageError(cli("run", "--threads", "2"), /missing required argument 'file'/);
  });
  it("too many arguments", () => expectUsageError(cli("run", "prog.ts", "other.ts"), /too many arguments/));
  it("wrong extension", () => {
    expectUsageError(cli("compile", "prog.js"), /expected a \.ts file, not 'prog\.js'/);
    expectUsageError(cli("run", "prog.js"), /expected a \.ts or \.wasm file, not 'prog\.js'/);
  });
  it("--reference with a .wasm", () => {
    writeFileSync(join(dir, "ref.wasm"), buildModule({ define: (m) => m.addFunction("main", binaryen.none, binaryen.none, [], m.nop()) }));
    expectUsageError(cli("run", "--reference", "ref.wasm"), /--reference runs a \.ts program/);
  });
  it("output that would overwrite the input", () => expectUsageError(cli("compile", "prog.ts", "-o", "prog.ts"), /overwrite the input/));
  it("a missing input file: `stmc: cannot read <file>`", () => {
    for (const args of [["compile", "nothere.ts"], ["run", "nothere.ts"], ["run", "nothere.wasm"]]) {
      const r = cli(...args);
      expect(r).toEqual({ status: 2, stdout: "", stderr: `stmc: cannot read ${args[1]}\n` });
    }
  });
});

for (const target of ["wasm32", "wasm64"] as Target[]) {
  describe(`stmc run <file.wasm> (${target})`, () => {
    it("prints the program's output and exits with main's result", () => {
      writeFileSync(
        join(dir, `ok-${target}.wasm`),
        buildModule({
          target,
          mainReturnsI32: true,
          strings: ["threads"],
          define: (m, h) =>
            m.addFunction("main", binaryen.none, binaryen.i32, [], m.block(null, [
              h.printStr(0), h.printI32(m.i32.load(0, 4, h.addr(h.threadsAddress), "memory")), h.printEnd(),
              h.printF64(m.f64.const(0.5)), h.printBool(m.i32.const(1)), h.printEnd(),
              m.i32.const(3),
            ], binaryen.i32)),
        }),
      );
      const r = cli("run", "--threads", "5", `ok-${target}.wasm`);
      expect(r).toEqual({ status: 3, stdout: "threads 5\n0.5 true\n", stderr: "" });
      // default thread count: the number of cores; --target and -O do not apply to a .wasm
      expect(cli("run", "-O0", `ok-${target}.wasm`).stdout).toBe(`threads ${availableParallelism()}\n0.5 true\n`);
    });

    it("reports a runtime error on stderr with exit status 1", () => {
      writeFileSync(
        join(dir, `fail-${target}.wasm`),
        buildModule({
          target,
          locations: [["src/main.ts", 4, 11]],
          define: (m, h) =>
            m.addFunction("main", binaryen.none, binaryen.none, [], m.block(null, [
              h.printI32(m.i32.const(1)), h.printEnd(), h.fail(FailCode.IndexOutOfRange, 0, 10),
            ])),
        }),
      );
      expect(cli("run", `fail-${target}.wasm`)).toEqual({ status: 1, stdout: "1\n", stderr: "error: index 10 out of range\n    at src/main.ts:4:11\n" });
    });

    it("reports a trap without a JavaScript stack", () => {
      writeFileSync(
        join(dir, `trap-${target}.wasm`),
        buildModule({
          target,
          functions: { main: ["t.ts", 2, 1] },
          define: (m) => m.addFunction("main", binaryen.none, binaryen.none, [], m.unreachable()),
        }),
      );
      expect(cli("run", `trap-${target}.wasm`)).toEqual({ status: 1, stdout: "", stderr: "error: unreachable code reached\n    at t.ts:2:1\n" });
    });

    it("writes large output completely", () => {
      const lines = 50000;
      writeFileSync(
        join(dir, `big-${target}.wasm`),
        buildModule({
          target,
          define: (m, h) =>
            m.addFunction("main", binaryen.none, binaryen.none, [binaryen.i32], m.loop("again", m.block(null, [
              h.printI32(m.local.get(0, binaryen.i32)), h.printEnd(),
              m.local.set(0, m.i32.add(m.local.get(0, binaryen.i32), m.i32.const(1))),
              m.br("again", m.i32.lt_s(m.local.get(0, binaryen.i32), m.i32.const(lines))),
            ]))),
        }),
      );
      const r = cli("run", `big-${target}.wasm`);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(Array.from({ length: lines }, (_, i) => `${i}\n`).join(""));
    });
  });
}

describe("stmc run with an unusable .wasm", () => {
  it("refuses a module that is not an stmc module (exit 1)", () => {
    writeFileSync(join(dir, "plain.wasm"), buildModule({ meta: null, define: (m) => m.addFunction("main", binaryen.none, binaryen.none, [], m.nop()) }));
    expect(cli("run", "plain.wasm")).toEqual({ status: 1, stdout: "", stderr: 'stmc: plain.wasm: not an stmc module: it has no custom section "stmc.meta"\n' });
  });
  it("refuses bytes that are not WebAssembly (exit 1)", () => {
    writeFileSync(join(dir, "junk.wasm"), "not wasm");
    const r = cli("run", "junk.wasm");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^stmc: junk\.wasm: not a valid WebAssembly module/);
    expect(r.stderr.split("\n").length).toBe(2);
  });
});

describe("stmc run --reference", () => {
  it("runs the program with the reference implementation", () => {
    const r = cli("run", "--reference", "prog.ts");
    expect(r).toEqual({ status: 0, stdout: "hi 3\n", stderr: "" });
  });
});
