// bin/stmc, spawned as a user would run it. Needs dist/ (`npm test` builds it first with tsc).
// The first half uses hand-built .wasm modules (no compiler involved); the end-to-end half at the
// bottom compiles the examples and test programs with the real compiler.

import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import binaryen from "#binaryen";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FailCode } from "../runtime/abi.js";
import { buildModule, type Target } from "./support/build-module.js";
import { cli, CLI, ROOT } from "./support/programs.js";

let dir: string;

/** `stmc <args>` run in the temporary directory. */
const stmc = (...args: string[]) => cli(args, dir);

/** A JavaScript stack frame, which stmc must never show a user (unless STMC_DEBUG is set). */
const JS_STACK = /^\s+at .*(\(file:\/\/|node:internal)/m;

function expectUsageError(r: ReturnType<typeof cli>, message: RegExp) {
  expect(r.exitCode).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.split("\n");
  expect(lines[0]).toMatch(/^stmc: /);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).toMatch(/Usage: stmc/);
  expect(r.stderr).not.toMatch(JS_STACK);
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "bin", "cli.js"))) throw new Error("dist/ is missing: run `npx tsc -p tsconfig.json` (npm test does)");
  dir = mkdtempSync(join(tmpdir(), "stmc-cli-"));
  writeFileSync(join(dir, "prog.ts"), 'import { print } from "stmc";\nexport function main(): void {\n  print("hi", 1 + 2);\n}\n');
  writeFileSync(join(dir, "prog.js"), "");
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("stmc --help", () => {
  it.each([[["--help"]], [["-h"]], [["compile", "--help"]], [["run", "--help"]], [["help", "run"]]])("%j exits 0 with usage on stdout", (args) => {
    const r = stmc(...args);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Usage: stmc/);
    expect(r.stdout).toMatch(/Exit status:/);
    expect(r.stderr).toBe("");
  });

  it("--version prints the version", () => {
    const r = stmc("--version");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("documents the options", () => {
    expect(stmc("compile", "--help").stdout).toMatch(/--target <target>[\s\S]*-O, --optimize <level>[\s\S]*--emit <format>|--emit <format>[\s\S]*--source-map/);
    expect(stmc("run", "--help").stdout).toMatch(/--threads <n>[\s\S]*--reference/);
  });
});

describe("stmc before it is built", () => {
  // The command's shim alone, without dist/ beside it: what a checkout shows before `npm run build`.
  it.each([["compile", "prog.ts"], ["run", "prog.ts"]])("stmc %s says to build it, exit 70, no stack", (...args) => {
    const shim = join(mkdtempSync(join(tmpdir(), "stmc-unbuilt-")), "bin");
    mkdirSync(shim);
    copyFileSync(join(ROOT, "bin", "stmc"), join(shim, "stmc"));
    const r = spawnSync(process.execPath, [join(shim, "stmc"), ...args], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(70);
    expect(r.stderr).toBe("stmc: not built yet: run `npm run build` in stmc's directory\n");
  });
});

describe("usage errors exit 2 with a one-line error and the usage on stderr", () => {
  it("no command", () => {
    const r = stmc();
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Usage: stmc/);
  });
  it("unknown command", () => expectUsageError(stmc("frobnicate"), /unknown command 'frobnicate'/));
  it("unknown option", () => expectUsageError(stmc("compile", "--bogus", "prog.ts"), /unknown option '--bogus'/));
  it("bad --target", () => expectUsageError(stmc("run", "--target", "wasm16", "prog.ts"), /--target.*wasm16.*invalid/));
  it("bad --emit", () => expectUsageError(stmc("compile", "--emit", "asm", "prog.ts"), /--emit.*asm.*invalid/));
  it.each(["-O4", "-O7", "-Os", "-Ofast", "--optimize=9"])("bad optimization level %s", (flag) => expectUsageError(stmc("compile", flag, "prog.ts"), /optimize.*invalid/));
  it.each(["0", "-1", "x", "1.5", ""])("bad --threads %j", (n) => expectUsageError(stmc("run", "--threads", n, "prog.ts"), /--threads/));
  it("missing file argument", () => {
    expectUsageError(stmc("compile"), /missing required argument 'file'/);
    expectUsageError(stmc("run", "--threads", "2"), /missing required argument 'file'/);
  });
  it("too many arguments", () => expectUsageError(stmc("run", "prog.ts", "other.ts"), /too many arguments/));
  it("wrong extension", () => {
    expectUsageError(stmc("compile", "prog.js"), /expected a \.ts file, not 'prog\.js'/);
    expectUsageError(stmc("run", "prog.js"), /expected a \.ts or \.wasm file, not 'prog\.js'/);
  });
  it("--reference with a .wasm", () => {
    writeFileSync(join(dir, "ref.wasm"), buildModule({ define: (m) => m.addFunction("main", binaryen.none, binaryen.none, [], m.nop()) }));
    expectUsageError(stmc("run", "--reference", "ref.wasm"), /--reference runs a \.ts program/);
  });
  it("output that would overwrite the input", () => expectUsageError(stmc("compile", "prog.ts", "-o", "prog.ts"), /overwrite the input/));
  it("a missing input file: `stmc: cannot read <file>`", () => {
    for (const args of [["compile", "nothere.ts"], ["run", "nothere.ts"], ["run", "nothere.wasm"]]) {
      const r = stmc(...args);
      expect(r).toEqual({ exitCode: 2, stdout: "", stderr: `stmc: cannot read ${args[1]}\n` });
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
      const r = stmc("run", "--threads", "5", `ok-${target}.wasm`);
      expect(r).toEqual({ exitCode: 3, stdout: "threads 5\n0.5 true\n", stderr: "" });
      // default thread count: the number of cores; --target and -O do not apply to a .wasm
      expect(stmc("run", "-O0", `ok-${target}.wasm`).stdout).toBe(`threads ${availableParallelism()}\n0.5 true\n`);
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
      expect(stmc("run", `fail-${target}.wasm`)).toEqual({ exitCode: 1, stdout: "1\n", stderr: "error: index 10 out of range\n    at src/main.ts:4:11\n" });
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
      expect(stmc("run", `trap-${target}.wasm`)).toEqual({ exitCode: 1, stdout: "", stderr: "error: unreachable code reached\n    at t.ts:2:1\n" });
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
      const r = stmc("run", `big-${target}.wasm`);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(Array.from({ length: lines }, (_, i) => `${i}\n`).join(""));
    });
  });
}

describe("stmc run with an unusable .wasm", () => {
  it("refuses a module that is not an stmc module (exit 1)", () => {
    writeFileSync(join(dir, "plain.wasm"), buildModule({ meta: null, define: (m) => m.addFunction("main", binaryen.none, binaryen.none, [], m.nop()) }));
    expect(stmc("run", "plain.wasm")).toEqual({ exitCode: 1, stdout: "", stderr: 'stmc: plain.wasm: not an stmc module: it has no custom section "stmc.meta"\n' });
  });
  it("refuses bytes that are not WebAssembly (exit 1)", () => {
    writeFileSync(join(dir, "junk.wasm"), "not wasm");
    const r = stmc("run", "junk.wasm");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^stmc: junk\.wasm: not a valid WebAssembly module/);
    expect(r.stderr.split("\n").length).toBe(2);
  });
});

describe("stmc run --reference", () => {
  it("runs the program with the reference implementation", () => {
    const r = stmc("run", "--reference", "prog.ts");
    expect(r).toEqual({ exitCode: 0, stdout: "hi 3\n", stderr: "" });
  });
});

// ---- end to end, with the real compiler (run from the repository root, outputs in `dir`) --------

/** Compiles a module in-process (no instantiation: the memory is imported). wasm64 would need --experimental-wasm-memory64 on Node 20. */
const wasm32Module = (file: string) => new WebAssembly.Module(readFileSync(file));
/** Each spawn that compiles takes 1-2 s; a test makes up to 4. */
const SLOW = { timeout: 60_000 };

describe("stmc compile", SLOW, () => {
  it("writes a valid module to -o, silently", () => {
    const out = join(dir, "h.wasm");
    expect(cli(["compile", "examples/hello.ts", "-o", out])).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(WebAssembly.validate(readFileSync(out))).toBe(true);
    expect(WebAssembly.Module.customSections(wasm32Module(out), "stmc.meta")).toHaveLength(1);
  });

  it("loads TypeScript with the code cache the build wrote (accepted under stmc compile's V8 settings)", () => {
    const out = join(dir, "cached.wasm");
    const r = spawnSync(process.execPath, [CLI, "compile", "examples/hello.ts", "-o", out], { cwd: ROOT, encoding: "utf8", env: { ...process.env, STMC_DEBUG_TS_CACHE: "1" } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("typescript code cache: used\n");
  });

  it("writes <file>.wasm, or <file>.wat for --emit wat, next to the input by default", () => {
    const sub = mkdtempSync(join(dir, "default-"));
    copyFileSync(join(ROOT, "examples/hello.ts"), join(sub, "hello.ts"));
    expect(cli(["compile", "hello.ts"], sub)).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    wasm32Module(join(sub, "hello.wasm"));
    expect(cli(["compile", "--emit", "wat", join(sub, "hello.ts")])).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(sub, "hello.wat"), "utf8")).toMatch(/^\(module\b/);
  });

  it("--source-map writes <output>.map and points the module at it", () => {
    const out = join(dir, "sq.wasm");
    expect(cli(["compile", "--source-map", "examples/squares.ts", "-o", out])).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    const map = JSON.parse(readFileSync(`${out}.map`, "utf8"));
    expect(map.version).toBe(3);
    expect(map.sources).toEqual([expect.stringMatching(/(^|\/)examples\/squares\.ts$/)]);
    expect(map.mappings).not.toBe("");
    const [url] = WebAssembly.Module.customSections(wasm32Module(out), "sourceMappingURL");
    expect(new TextDecoder().decode(url)).toContain("sq.wasm.map");
  });

  it("--target wasm64 writes a module that `stmc run` runs", () => {
    const out = join(dir, "sq64.wasm");
    expect(cli(["compile", "--target", "wasm64", "examples/squares.ts", "-o", out])).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(cli(["run", "--threads", "3", out])).toEqual({ exitCode: 0, stdout: "sum of squares 385\n", stderr: "" });
  });
});

describe("stmc run: a compiled .wasm, the .ts and the reference agree", SLOW, () => {
  it.each([
    ["examples/squares.ts", 0, "sum of squares 385\n"],
    ["test/programs/main_exit_code.ts", 3, "errors 2\n"],
  ])("%s", (file, exitCode, stdout) => {
    const wasm = join(dir, `${file.replaceAll("/", "_")}.wasm`);
    expect(cli(["compile", file, "-o", wasm])).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    const expected = { exitCode, stdout, stderr: "" };
    expect(cli(["run", "--threads", "2", wasm])).toEqual(expected);
    expect(cli(["run", "--threads", "2", file])).toEqual(expected);
    expect(cli(["run", "--threads", "2", "--reference", file])).toEqual(expected);
  });

  it("-O0, -O1 and -O3 give the same output (examples/richards.ts)", () => {
    const [o0, o1, o3] = ["-O0", "-O1", "-O3"].map((flag) => cli(["run", flag, "examples/richards.ts"]));
    expect(o0.exitCode).toBe(0);
    expect(o0.stderr).toBe("");
    expect(o0.stdout).toMatch(/^richards /);
    expect(o1).toEqual(o0);
    expect(o3).toEqual(o0);
  });
});

describe("errors in the program", SLOW, () => {
  it("compile errors: file:line:col, a code frame, exit 1, nothing on stdout, no JS stack", () => {
    const r = cli(["compile", "test/errors/compile/any_type.ts", "-o", join(dir, "any.wasm")]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^test\/errors\/compile\/any_type\.ts:5:18: error: /);
    expect(r.stderr).toMatch(/^ *\| +\^+$/m);
    expect(r.stderr).not.toMatch(JS_STACK);
    expect(existsSync(join(dir, "any.wasm"))).toBe(false);
  });

  it("a runtime error: message and source location on stderr, exit 1", () => {
    const r = cli(["run", "test/errors/runtime/index_out_of_range.ts"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: index 5 out of range\n {4}at test\/errors\/runtime\/index_out_of_range\.ts:12:\d+\n$/);
    expect(r.stderr).not.toMatch(JS_STACK);
  });
});

// Nothing outside stmc makes the compiler throw, so this runs the CLI's main() in-process with a
// compiler that does.
describe("an internal compiler error", () => {
  it("is reported as `stmc: internal compiler error` with status 70, its stack only with STMC_DEBUG=1", async () => {
    vi.resetModules();
    vi.doMock("../compiler/index.js", () => ({
      compileFile: () => {
        throw new Error("boom");
      },
      formatDiagnostics: () => "",
    }));
    const written: string[] = [];
    const write = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    const debug = process.env.STMC_DEBUG;
    try {
      const { main } = await import("../bin/cli.js");
      const file = join(ROOT, "examples/hello.ts");
      delete process.env.STMC_DEBUG;
      expect(await main(["compile", file, "-o", join(dir, "ice.wasm")])).toBe(70);
      expect(written.join("")).toBe("stmc: internal compiler error: boom\nstmc: rerun with STMC_DEBUG=1 to see the compiler's stack\n");
      written.length = 0;
      process.env.STMC_DEBUG = "1";
      expect(await main(["run", file])).toBe(70);
      expect(written.join("")).toMatch(/^stmc: internal compiler error: boom\nError: boom\n {4}at /);
    } finally {
      write.mockRestore();
      vi.doUnmock("../compiler/index.js");
      if (debug === undefined) delete process.env.STMC_DEBUG;
      else process.env.STMC_DEBUG = debug;
    }
  });
});

describe("stmc run: threads and STM options", SLOW, () => {
  const counter = join(ROOT, "test/stm/counter.ts");

  it("--stats prints the STM's figures to stderr after the run", () => {
    const r = stmc("run", "--stats", "--threads", "2", counter);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("counter 4000 global 4100 local 200\n");
    expect(r.stderr).toMatch(/^stats: stm etl, 2 threads: \d+ transactions committed, \d+ aborts \(read of a locked location \d+, location changed \d+, write to a locked location \d+, reads no longer current \d+, forced \d+, logs full \d+\), \d+ irrevocable\n/);
  });

  it("--stm none runs on one thread by default and refuses more (exit 2)", () => {
    const r = stmc("run", "--stm", "none", "--stats", counter);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^stats: stm none, 1 thread: /);
    expectUsageError(stmc("run", "--stm", "none", "--threads", "2", counter), /--stm none runs on one thread/);
  });

  it("a .wasm remembers its target: another --target is a usage error", () => {
    const out = join(dir, "counter-32.wasm");
    expect(stmc("compile", counter, "-o", out).exitCode).toBe(0);
    expectUsageError(stmc("run", "--target", "wasm64", out), /compiled for wasm32; recompile it to run it on wasm64/);
    expect(stmc("run", "--target", "wasm32", out).exitCode).toBe(0);
  });

  it("a .wasm remembers its STM and heap limit: conflicting options are usage errors, a lower limit applies", () => {
    const out = join(dir, "counter-gil.wasm");
    expect(stmc("compile", "--stm", "gil", counter, "-o", out).exitCode).toBe(0);
    const r = stmc("run", "--stats", "--threads", "2", out);
    expect(r.stdout).toBe("counter 4000 global 4100 local 200\n");
    expect(r.stderr).toMatch(/^stats: stm gil, 2 threads: /);
    expectUsageError(stmc("run", "--stm", "etl", out), /compiled with --stm gil/);
    expectUsageError(stmc("run", "--max-memory", "2048", out), /compiled with a heap limit of 1024 MiB: --max-memory can only lower it/);
    expect(stmc("run", "--max-memory", "64", "--threads", "2", out).stdout).toBe("counter 4000 global 4100 local 200\n");
  });

  it("--seed fixes Math.random: the same numbers on both targets and in the reference run, others for another seed", () => {
    const program = join(ROOT, "test/programs/seeded/random.ts");
    const runs = [
      stmc("run", "--seed", "42", "--threads", "2", program),
      stmc("run", "--seed", "42", "--target", "wasm64", "--threads", "1", program),
      stmc("run", "--seed", "42", "--reference", program),
    ];
    for (const r of runs) {
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(runs[0].stdout);
    }
    expect(stmc("run", "--seed", "43", program).stdout.split("\n")[0]).not.toBe(runs[0].stdout.split("\n")[0]);
    expectUsageError(stmc("run", "--seed", "1.5", program), /--seed.*invalid/);
  });

  it("bad --stm, --max-memory and --threads values are usage errors", () => {
    expectUsageError(stmc("run", "--stm", "tl9", counter), /--stm.*tl9.*invalid/);
    expectUsageError(stmc("run", "--max-memory", "2", counter), /--max-memory.*invalid/);
    expectUsageError(stmc("run", "--threads", "300", counter), /--threads.*invalid/);
  });
});

describe("stmc run --watch", SLOW, () => {
  it("runs again when an imported file is saved or created, shows compile errors and goes on, stops a running version, ends on SIGINT (130)", async () => {
    const project = mkdtempSync(join(tmpdir(), "stmc-watch-"));
    const lib = join(project, "lib.ts");
    const version = (n: string) => writeFileSync(lib, `import { i32 } from "stmc";\nexport const n: i32 = ${n};\n`);
    version("1");
    // Version 2 spins after printing: the next save must stop it.
    writeFileSync(join(project, "main.ts"), 'import { i32, print } from "stmc";\nimport { n } from "./lib";\nexport function main(): void {\n  print("version", n);\n  let i: i32 = 0;\n  while (n === 2 && i >= 0) i = (i + 1) & 1023;\n}\n');
    const child = spawn(process.execPath, [CLI, "run", "--watch", "--threads", "1", "main.ts"], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (t: string) => (out += t));
    child.stderr.setEncoding("utf8").on("data", (t: string) => (err += t));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const until = async (test: () => boolean) => {
      while (!test()) await new Promise((r) => setTimeout(r, 50));
    };
    try {
      await until(() => out === "version 1\n");
      version("2");
      await until(() => out === "version 1\nversion 2\n");
      version("2.5");
      await until(() => /compile failed/.test(err));
      expect(err).toMatch(/lib\.ts:2:23: error: cannot convert f64 to i32 implicitly/);
      version("3");
      await until(() => out === "version 1\nversion 2\nversion 3\n");
      await until(() => (err.match(/compiled in \d+ ms/g) ?? []).length === 3);
      expect(err).toMatch(/^stmc: compiled in \d+ ms; watching 1 folder for changes \(Ctrl-C to stop\)\nstmc: lib\.ts changed\n/);
      // An import of a file that does not exist yet: its creation is a change too.
      writeFileSync(join(project, "main.ts"), 'import { print } from "stmc";\nimport { m } from "./later";\nexport function main(): void { print("later", m); }\n');
      await until(() => (err.match(/compile failed/g) ?? []).length === 2);
      writeFileSync(join(project, "later.ts"), 'import { i32 } from "stmc";\nexport const m: i32 = 4;\n');
      await until(() => out.endsWith("later 4\n"));
      child.kill("SIGINT");
      expect(await exited).toBe(130);
    } finally {
      child.kill("SIGKILL");
      rmSync(project, { recursive: true, force: true });
    }
  });

  it("is refused with a .wasm module and with --reference", () => {
    expectUsageError(stmc("run", "--watch", "--reference", join(ROOT, "examples/hello.ts")), /--watch goes with compiled runs/);
    const wasm = join(dir, "watch-hello.wasm");
    expect(stmc("compile", join(ROOT, "examples/hello.ts"), "-o", wasm).exitCode).toBe(0);
    expectUsageError(stmc("run", "--watch", wasm), /--watch recompiles a \.ts program, not a \.wasm module/);
  });
});

describe("npm run stress's command line", () => {
  const stress = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "dist/stress/run.js"), ...args], { cwd: ROOT, encoding: "utf8" });

  it("--help prints the usage; a bad option or value is a usage error, without a JavaScript stack", () => {
    const help = stress("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run stress -- /);
    for (const args of [["--bogus"], ["--threads", "x"], ["--abort-rate", "2"]]) {
      const r = stress(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^stress: /);
      expect(r.stderr).toMatch(/usage: npm run stress/);
      expect(r.stderr).not.toMatch(JS_STACK);
    }
  });
});
