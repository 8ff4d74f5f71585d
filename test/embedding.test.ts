// The embedding API (runtime/host: instantiate and App): exported functions called with each
// value type, state and threads kept between calls, runtime errors as the CLI reports them,
// closing, and stopping a runaway program.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { instantiate, ProgramFailedError, runModule, type App, type HostFunction } from "../runtime/host/index.js";
import { cli, compileOrThrow, ROOT, TARGETS } from "./support/programs.js";

const FILE = path.join(ROOT, "test/embedding/calculator.ts");
const RELATIVE = path.relative(process.cwd(), FILE);

async function start(target: (typeof TARGETS)[number], output: string[]): Promise<App> {
  return instantiate(compileOrThrow(FILE, { target }), { threads: 2, stdout: (t) => void output.push(t) });
}

describe.each(TARGETS)("%s", (target) => {
  it("calls exported functions with i32, i64, f64 and boolean values, keeping state and threads between calls", async () => {
    const output: string[] = [];
    const app = await start(target, output);
    expect(Object.keys(app.exports).sort()).toEqual(["add", "bump", "count", "element", "half", "main", "negate", "spin", "triple"]);
    expect(app.exports.triple).toEqual({ params: ["i64"], result: "i64", names: ["a"] });
    expect(await app.call("add", 2, 40)).toBe(42);
    expect(await app.call("add", 2147483647, 1)).toBe(-2147483648);
    expect(await app.call("triple", 2n ** 40n)).toBe(3n * 2n ** 40n);
    expect(await app.call("triple", 2n ** 62n)).toBe(BigInt.asIntN(64, 3n * 2n ** 62n)); // wraps like i64
    expect(await app.call("half", 3)).toBe(1.5);
    expect(await app.call("negate", true)).toBe(false);
    expect(await app.call("bump", 100)).toBeUndefined();
    expect(output.join("")).toBe("counter 100\n"); // written before the call resolved
    await app.call("bump", 50);
    expect(await app.call("count")).toBe(150);
    expect(await app.main()).toBe(3);
    const stats = await app.close();
    expect(stats!.commits).toBeGreaterThanOrEqual(150);
    expect(output.join("")).toBe("counter 100\ncounter 150\nmain ran\n");
    await expect(app.call("count")).rejects.toThrow("the app is closed");
  });

  it("rejects bad arguments and unknown names without ending the app", async () => {
    const app = await start(target, []);
    await expect(app.call("add", 1)).rejects.toThrow("add takes 2 argument(s), not 1");
    await expect(app.call("add", 1.5, 2)).rejects.toThrow("argument 1 of add must be an i32");
    await expect(app.call("triple", 3)).rejects.toThrow("argument 1 of triple must be an i64 (a bigint), not 3");
    await expect(app.call("negate", 1)).rejects.toThrow("must be a boolean");
    await expect(app.call("nothing")).rejects.toThrow("the program exports no function 'nothing'");
    expect(await app.call("add", 1, 2)).toBe(3);
    await app.close();
  });

  it("a runtime error rejects with the CLI's message and location, and ends the app", async () => {
    const app = await start(target, []);
    expect(await app.call("element", 2)).toBe(30);
    const error: unknown = await app.call("element", 7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProgramFailedError);
    const failure = (error as ProgramFailedError).failure;
    expect(failure.message).toBe("index 7 out of range");
    expect(failure.location?.slice(0, 2)).toEqual([RELATIVE, 39]);
    expect((error as ProgramFailedError).report).toBe(`error: index 7 out of range\n    at ${failure.location!.join(":")}\n`);
    await expect(app.call("count")).rejects.toThrow("index 7 out of range");
  });

  it("terminate() stops a runaway call and every thread", async () => {
    const app = await start(target, []);
    const running = app.call("spin");
    await new Promise((resolve) => setTimeout(resolve, 200));
    await app.terminate();
    await expect(running).rejects.toThrow("the app was terminated");
    await expect(app.call("count")).rejects.toThrow("the app was terminated");
  });
});

describe("a heap limit chosen at run time (maxMemory, stmc run x.wasm --max-memory)", () => {
  it("lowers the compiled limit: the program runs out of memory at the new limit; a limit above the compiled one is refused", async () => {
    const wasm = compileOrThrow(path.join(ROOT, "test/gc/grows_forever.ts"));
    let err = "";
    const r = await runModule(wasm, { threads: 2, maxMemory: 24, stdout: () => {}, stderr: (t) => (err += t) });
    expect(r.exitCode).toBe(1);
    expect(err).toMatch(/^error: out of memory \(heap limit 24 MiB\)\n/);
    await expect(runModule(wasm, { maxMemory: 2048 })).rejects.toThrow("the heap limit must be a whole number of MiB from 2 to 1024 (the module's limit, set at compile time with --max-memory), not 2048");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stmc-limit-")), "grows.wasm");
    fs.writeFileSync(file, wasm);
    const cliRun = cli(["run", "--threads", "2", "--max-memory", "16", file]);
    expect(cliRun.exitCode).toBe(1);
    expect(cliRun.stderr).toMatch(/^error: out of memory \(heap limit 16 MiB\)\n/);
  });
});

describe("the host in a script run with node -e", () => {
  it("starts its threads under --input-type=module and V8 flags (a worker refuses both when passed explicitly)", () => {
    const script = 'import { compile, runModule } from "./dist/api/index.js"; await runModule(compile("examples/squares.ts", { target: "wasm64" }).wasm, { threads: 2 });';
    const r = spawnSync(process.execPath, ["--max-old-space-size=2048", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("sum of squares 385\n");
  });
});

describe("examples/embedding", () => {
  it("embed.mjs drives inventory.ts: calls, state between calls, a host function called once per task", () => {
    const r = spawnSync(process.execPath, ["examples/embedding/embed.mjs"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("after 100: 49500n\nafter 50 more: 111750n\nitems: 150 heavy: true\nhost calls: 150\nirrevocable transactions: 150\n");
  });
});

describe("the CLI", () => {
  it("runs main of the same program with main's status", () => {
    const r = cli(["run", "--threads", "2", FILE]);
    expect(r.stdout).toBe("main ran\n");
    expect(r.exitCode).toBe(3);
  });
});

describe("host functions (declare function)", () => {
  const HOST = path.join(ROOT, "test/embedding/host_functions.ts");
  const imports = (recorded: number[]): Record<string, HostFunction> => ({
    scale: (x) => (x as number) * 1.5,
    widen: (x, up) => (up ? (x as bigint) + 1n : (x as bigint) - 1n),
    even: (x) => (x as number) % 2 === 0,
    record: (i) => void recorded.push(i as number),
  });

  for (const target of TARGETS) {
    it(`${target}: each type crosses; calls inside transactions run once each, even when half the commits abort`, async () => {
      const recorded: number[] = [];
      let out = "";
      const r = await runModule(compileOrThrow(HOST, { target }), { threads: 4, forcedAbortRate: 0.5, imports: imports(recorded), stdout: (t) => (out += t) });
      expect(r.exitCode).toBe(0);
      expect(out).toBe("direct 3 9007199254740994 false\ntotal 1170 evens 20\n");
      expect(recorded.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(r.stats!.irrevocable).toBe(40);
    });
  }

  it("an async host function is awaited; one that throws fails the program at its call", async () => {
    const wasm = compileOrThrow(HOST);
    let out = "";
    const ok = await runModule(wasm, { threads: 2, imports: { ...imports([]), scale: async (x) => (x as number) * 1.5 }, stdout: (t) => (out += t) });
    expect(ok.exitCode).toBe(0);
    expect(out).toContain("total 1170");
    let err = "";
    const failed = await runModule(wasm, { threads: 2, imports: { ...imports([]), even: () => { throw new Error("no parity today"); } }, stdout: () => {}, stderr: (t) => (err += t) });
    expect(failed.exitCode).toBe(1);
    expect(err).toBe(`error: host function even failed: no parity today\n    at ${path.relative(process.cwd(), HOST)}:20:60\n`);
    err = "";
    const wrong = await runModule(wasm, { threads: 2, imports: { ...imports([]), scale: () => "big" as unknown as number }, stdout: () => {}, stderr: (t) => (err += t) });
    expect(wrong.exitCode).toBe(1);
    expect(err).toMatch(/^error: host function scale returned "big", not a number\n/);
  });

  it("instantiate refuses a program whose host functions are not all supplied, and so does the CLI", async () => {
    await expect(instantiate(compileOrThrow(HOST), { threads: 1, imports: { scale: () => 1 } })).rejects.toThrow(
      "the program calls host functions that were not supplied: widen, even, record",
    );
    const r = cli(["run", HOST]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("the program calls host functions that were not supplied: scale, widen, even, record");
    const reference = cli(["run", "--reference", HOST]);
    expect(reference.exitCode).toBe(1);
    expect(reference.stderr).toBe(`error: the reference run cannot call host function 'scale': an embedder supplies it (instantiate's imports, stmc/api)\n    at ${path.relative(process.cwd(), HOST)}:5:1\n`);
  });
});

describe("stmc/api compile from memory, and stopping by signal", () => {
  it("compiles one source text, or files held in memory with relative imports between them", async () => {
    const { compile } = await import("../api/index.js");
    const one = compile({ source: 'import { print } from "stmc";\nexport function main(): void { print("from memory"); }\n', name: "memory/one.ts" });
    expect(one.ok).toBe(true);
    let out = "";
    if (one.ok) await runModule(one.wasm, { threads: 1, stdout: (t) => (out += t) });
    expect(out).toBe("from memory\n");
    const files = {
      "virtual/main.ts": 'import { print } from "stmc";\nimport { twice } from "./lib/math";\nexport function main(): void { print(twice(21)); }\n',
      "virtual/lib/math.ts": 'import { i32 } from "stmc";\nexport function twice(x: i32): i32 { return x * 2; }\n',
    };
    const many = compile({ files, entry: "virtual/main.ts" }, { target: "wasm64" });
    expect(many.ok).toBe(true);
    out = "";
    if (many.ok) await runModule(many.wasm, { threads: 1, stdout: (t) => (out += t) });
    expect(out).toBe("42\n");
    const wrong = compile({ files: { ...files, "virtual/lib/math.ts": 'import { i32 } from "stmc";\nexport function twice(x: i32): i32 { return x * 2.5; }\n' }, entry: "virtual/main.ts" });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual([`${path.join("virtual", "lib", "math.ts")}:2`]);
  });

  it("an AbortSignal stops a runaway program", async () => {
    const controller = new AbortController();
    const app = await instantiate(compileOrThrow(FILE), { threads: 2, signal: controller.signal });
    const running = app.call("spin");
    setTimeout(() => controller.abort(new Error("too slow")), 200);
    await expect(running).rejects.toThrow("the program was stopped (too slow)");
    await expect(app.call("count")).rejects.toThrow("the program was stopped (too slow)");
  });
});

describe("output while a program runs", () => {
  it("a line printed before a long computation reaches stdout while the program still runs", async () => {
    const { compile } = await import("../api/index.js");
    const looping = compile({ source: 'import { i32, print } from "stmc";\nexport function main(): void {\n  let i: i32 = 0;\n  print("looping");\n  while (i >= 0) i = (i + 1) & 1023;\n}\n' });
    if (!looping.ok) throw new Error("the program does not compile");
    const controller = new AbortController();
    let printed: () => void = () => {};
    const seen = new Promise<void>((resolve) => (printed = resolve));
    const run = runModule(looping.wasm, { threads: 1, signal: controller.signal, stdout: (text) => text === "looping\n" && printed() });
    await seen; // never resolves (the test times out) while the line waits in the thread's buffer
    controller.abort(new Error("seen"));
    await expect(run).rejects.toThrow("the program was stopped (seen)");
  });
});

describe("generated bindings and output order (units)", () => {
  it("bindings call through a private name, whatever the parameters are called, and leave out then", async () => {
    const { bindings } = await import("../compiler/link/bindings.js");
    const { js, dts } = bindings(
      { abi: 4, target: "wasm32", memory: { initialPages: 2, maximumPages: 16 }, mainReturnsI32: false, stm: "etl", exports: { scale: { params: ["f64"], result: "f64", names: ["app"] }, then: { params: [], result: "void", names: [] } } },
      "m.wasm",
      "m.ts",
    );
    expect(js).toContain('scale: (arg0) => $app.call("scale", arg0),');
    expect(js).not.toContain("then:");
    expect(dts).toContain("scale(app: number): Promise<number>;");
  });

  it("calls waiting for the same lines resolve in the order they were made", async () => {
    const { OrderedOutput } = await import("../runtime/host/ordered-output.js");
    const out = new OrderedOutput(() => {});
    const order: string[] = [];
    const first = out.written(2).then(() => order.push("first"));
    const second = out.written(2).then(() => order.push("second"));
    out.add([{ first: 0, count: 2, text: "a\nb\n" }]);
    await Promise.all([first, second]);
    expect(order).toEqual(["first", "second"]);
  });
});
