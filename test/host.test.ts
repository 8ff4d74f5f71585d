// runtime/host: runs hand-built modules (test/support/build-module.ts) that follow runtime/abi.ts.
// Needs dist/runtime/host/worker.js: `npm test` builds it first (or run `npx tsc -p tsconfig.json`).

import binaryen from "#binaryen";
import { describe, expect, it } from "vitest";
import { ABI_VERSION, FailCode, type SourceLocation } from "../runtime/abi.js";
import { formatProgramError, framesOf, wasmFrames } from "../runtime/host/report.js";
import { Locator } from "../runtime/host/locate.js";
import { createSharedMemory, ModuleFormatError, readModuleInfo, readModuleMeta, runModule } from "../runtime/host/index.js";
import { buildModule, type Target, type TestModuleSpec } from "./support/build-module.js";

async function run(spec: TestModuleSpec, threads = 1) {
  let stdout = "";
  let stderr = "";
  const chunks: string[] = [];
  const result = await runModule(buildModule(spec), {
    threads,
    stdout: (text) => {
      chunks.push(text);
      stdout += text;
    },
    stderr: (text) => (stderr += text),
  });
  return { ...result, stdout, stderr, chunks };
}

const { i32, i64, f64, none } = binaryen;
const params = (...types: number[]) => binaryen.createType(types);

function expectNoJsStack(stderr: string) {
  expect(stderr).not.toMatch(/wasm:\/\/|wasm-function|RuntimeError|RangeError|node:|\.js:\d+|\.ts:\d+:\d+\)/);
  for (const line of stderr.split("\n").filter(Boolean)) expect(line).toMatch(/^(error: |    at [^ ]+:\d+:\d+$)/);
}

for (const target of ["wasm32", "wasm64"] as Target[]) {
  describe(`runModule (${target})`, () => {
    it("formats printed values like String(x), joined by spaces, one line per print", async () => {
      const r = await run({
        target,
        strings: ["hello", "with space", ""],
        define: (m, h) =>
          m.addFunction("main", none, none, [], m.block(null, [
            h.printI32(m.i32.const(-5)), h.printI32(m.i32.const(2147483647)), h.printEnd(),
            h.printI64(m.i64.const(9007199254740993n)), h.printI64(m.i64.const(-9223372036854775808n)), h.printEnd(),
            h.printF64(m.f64.add(m.f64.const(0.1), m.f64.const(0.2))), h.printF64(m.f64.const(1e21)),
            h.printF64(m.f64.const(-0)), h.printF64(m.f64.const(3)), h.printF64(m.f64.const(NaN)),
            h.printF64(m.f64.div(m.f64.const(-1), m.f64.const(0))), h.printF64(m.f64.const(1.5e-7)), h.printEnd(),
            h.printBool(m.i32.const(1)), h.printBool(m.i32.const(0)), h.printBool(m.i32.const(7)), h.printEnd(),
            h.printStr(0), h.printStr(1), h.printStr(2), h.printI32(m.i32.const(1)), h.printEnd(),
            h.printEnd(),
            h.printStr(0), h.printEnd(),
          ])),
      });
      expect(r.stderr).toBe("");
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(
        [
          "-5 2147483647",
          "9007199254740993 -9223372036854775808",
          "0.30000000000000004 1e+21 0 3 NaN -Infinity 1.5e-7",
          "true false true",
          "hello with space  1",
          "",
          "hello",
          "",
        ].join("\n"),
      );
    });

    it("passes the thread count to __stmc_init on the shared memory", async () => {
      const spec: TestModuleSpec = {
        target,
        define: (m, h) =>
          m.addFunction("main", none, none, [], m.block(null, [
            h.printI32(m.i32.load(0, 4, h.addr(h.threadsAddress), "memory")), h.printEnd(),
          ])),
      };
      expect((await run(spec, 3)).stdout).toBe("3\n");
      expect((await run(spec, 1)).stdout).toBe("1\n");
    });

    it("returns main's i32 result as the exit code", async () => {
      const r = await run({
        target,
        mainReturnsI32: true,
        define: (m) => m.addFunction("main", none, i32, [], m.i32.const(42)),
      });
      expect(r).toMatchObject({ exitCode: 42, stdout: "", stderr: "" });
    });

    it("reports fail(Throw) with the message from the string table and the location", async () => {
      const r = await run({
        target,
        strings: ["unused", "boom: something broke"],
        locations: [["src/x.ts", 1, 1], ["src/main.ts", 3, 5]],
        define: (m, h) =>
          m.addFunction("main", none, none, [], m.block(null, [
            h.printI32(m.i32.const(1)), h.printEnd(),
            h.fail(FailCode.Throw, 1, 1),
            h.printI32(m.i32.const(2)), h.printEnd(),
          ])),
      });
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toBe("1\n"); // output before the failure is flushed, nothing after it
      expect(r.stderr).toBe("error: boom: something broke\n    at src/main.ts:3:5\n");
      expect(r.error).toEqual({ message: "boom: something broke", location: ["src/main.ts", 3, 5] });
    });

    it("formats fail codes with their argument; location -1 or out of range is unknown", async () => {
      const failing = (code: number, loc: number, arg: number) =>
        run({
          target,
          locations: [["a.ts", 7, 9]],
          define: (m, h) => m.addFunction("main", none, none, [], h.fail(code, loc, arg)),
        });
      expect((await failing(FailCode.IndexOutOfRange, 0, 7)).stderr).toBe("error: index 7 out of range\n    at a.ts:7:9\n");
      expect((await failing(FailCode.IndexOutOfRange, -1, -1)).stderr).toBe("error: index -1 out of range\n");
      expect((await failing(FailCode.NullDereference, 5, 0)).stderr).toBe("error: null dereference\n");
      expect((await failing(FailCode.BadConversionI32, 0, 1e10)).stderr).toBe("error: cannot convert 10000000000 to i32\n    at a.ts:7:9\n");
      expect((await failing(FailCode.OutOfMemory, -1, 256)).stderr).toBe("error: out of memory (heap limit 256 MiB)\n");
    });

    it("reports a trap with the innermost function of stmc.functions, never the raw trap or a JS stack", async () => {
      const r = await run({
        target,
        // rt_divide is a runtime function (not in the table): the user's `ratio` is reported
        functions: { main: ["src/main.ts", 1, 1], ratio: ["src/main.ts", 10, 3] },
        define: (m, h) => {
          m.addFunction("rt_divide", params(i32, i32), i32, [], m.i32.div_s(m.local.get(0, i32), m.local.get(1, i32)));
          m.addFunction("ratio", params(i32), i32, [], m.call("rt_divide", [m.i32.const(10), m.local.get(0, i32)], i32));
          m.addFunction("main", none, none, [], m.block(null, [
            h.printI32(m.call("ratio", [m.i32.const(2)], i32)), h.printEnd(),
            h.printI32(m.call("ratio", [m.i32.const(0)], i32)), h.printEnd(),
          ]));
        },
      });
      expect(r.stdout).toBe("5\n");
      expect(r.stderr).toBe("error: integer division by zero\n    at src/main.ts:10:3\n");
      expect(r.exitCode).toBe(1);
      expectNoJsStack(r.stderr);
    });

    it("reports other traps with a message of its own, without location when no frame is known", async () => {
      const trap = (body: (m: binaryen.Module) => number, result = none) =>
        run({ target, define: (m) => m.addFunction("main", none, result, [], body(m)) });
      expect((await trap((m) => m.unreachable())).stderr).toBe("error: unreachable code reached\n");
      expect((await trap((m) => m.drop(m.i32.div_s(m.i32.const(-2147483648), m.i32.const(-1))))).stderr).toBe(
        "error: integer overflow\n",
      );
      expect((await trap((m) => m.drop(m.i32.load(0, 4, target === "wasm64" ? m.i64.const(1n << 40n) : m.i32.const(-8), "memory")))).stderr).toBe(
        "error: memory access out of bounds\n",
      );
      expect((await trap((m) => m.drop(m.i32.trunc_s.f64(m.f64.const(1e300))))).stderr).toMatch(/^error: cannot convert a float to an integer/);
    });

    it("reports infinite recursion as a stack overflow with the location", async () => {
      const r = await run({
        target,
        functions: { forever: ["src/rec.ts", 2, 1] },
        define: (m) => {
          m.addFunction("forever", params(i32), i32, [], m.i32.add(m.call("forever", [m.i32.add(m.local.get(0, i32), m.i32.const(1))], i32), m.i32.const(1)));
          m.addFunction("main", none, none, [], m.drop(m.call("forever", [m.i32.const(0)], i32)));
        },
      });
      expect(r.stderr).toBe("error: stack overflow\n    at src/rec.ts:2:1\n");
      expect(r.exitCode).toBe(1);
      expectNoJsStack(r.stderr);
    });

    it("has a stack deep enough for deep (finite) recursion", async () => {
      const r = await run({
        target,
        define: (m, h) => {
          // depth(n) = n == 0 ? 0 : depth(n - 1) + 1, with a few locals to make frames realistic
          m.addFunction("depth", params(i64), i64, [f64, f64, i64], m.if(
            m.i64.eqz(m.local.get(0, i64)),
            m.i64.const(0n),
            m.i64.add(m.call("depth", [m.i64.sub(m.local.get(0, i64), m.i64.const(1n))], i64), m.i64.const(1n)),
          ));
          m.addFunction("main", none, none, [], m.block(null, [h.printI64(m.call("depth", [m.i64.const(100000n)], i64)), h.printEnd()]));
        },
      });
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("100000\n");
    });

    it("reports errors in __stmc_init (module-level initialisers) like errors in main", async () => {
      const r = await run({
        target,
        strings: ["init failed"],
        locations: [["init.ts", 4, 2]],
        init: (m, h) => m.block(null, [h.printStr(0), h.printEnd(), h.fail(FailCode.Throw, 0, 0)]),
        define: (m, h) => m.addFunction("main", none, none, [], m.block(null, [h.printStr(0), h.printEnd()])),
      });
      expect(r).toMatchObject({ exitCode: 1, stdout: "init failed\n", stderr: "error: init failed\n    at init.ts:4:2\n" });
    });

    it("posts large output in chunks of whole lines", async () => {
      const lines = 30000;
      const r = await run({
        target,
        define: (m, h) =>
          m.addFunction("main", none, none, [i32], m.loop("again", m.block(null, [
            h.printI32(m.local.get(0, i32)), h.printI32(m.i32.const(123456789)), h.printEnd(),
            m.local.set(0, m.i32.add(m.local.get(0, i32), m.i32.const(1))),
            m.br("again", m.i32.lt_s(m.local.get(0, i32), m.i32.const(lines))),
          ]))),
      });
      const expected = Array.from({ length: lines }, (_, i) => `${i} 123456789\n`).join("");
      expect(r.stdout).toBe(expected);
      expect(r.chunks.length).toBeGreaterThan(1);
      for (const chunk of r.chunks) expect(chunk.endsWith("\n")).toBe(true);
    });
  });
}

describe("module sections", () => {
  const main = (m: binaryen.Module) => m.addFunction("main", none, none, [], m.nop());

  it("reads meta and tables", () => {
    const wasm = buildModule({
      target: "wasm64",
      mainReturnsI32: false,
      strings: ["a"],
      locations: [["f.ts", 1, 2]],
      functions: { main: ["f.ts", 3, 4] },
      define: main,
    });
    expect(readModuleMeta(wasm)).toEqual({ abi: ABI_VERSION, target: "wasm64", memory: { initialPages: 2, maximumPages: 64 }, mainReturnsI32: false, stm: "gil" });
    const info = readModuleInfo(wasm);
    expect(info.strings).toEqual(["a"]);
    expect(info.locations).toEqual([["f.ts", 1, 2]]);
    expect({ ...info.functions }).toEqual({ main: ["f.ts", 3, 4] });
  });

  it("refuses a module without stmc.meta", async () => {
    const wasm = buildModule({ meta: null, define: main });
    expect(() => readModuleMeta(wasm)).toThrow(ModuleFormatError);
    expect(() => readModuleMeta(wasm)).toThrow(/not an stmc module: it has no custom section "stmc.meta"/);
    await expect(runModule(wasm, { threads: 1 })).rejects.toThrow(/not an stmc module/);
  });

  it("refuses a module of another ABI version", async () => {
    const wasm = buildModule({ meta: { abi: ABI_VERSION + 1, target: "wasm32", memory: { initialPages: 2, maximumPages: 64 }, mainReturnsI32: false, stm: "none" }, define: main });
    expect(() => readModuleMeta(wasm)).toThrow(`compiled for stmc ABI version ${ABI_VERSION + 1}, but this runtime supports version ${ABI_VERSION}`);
    await expect(runModule(wasm, { threads: 1 })).rejects.toThrow(ModuleFormatError);
  });

  it("refuses bytes that are not WebAssembly", () => {
    expect(() => readModuleMeta(new Uint8Array([1, 2, 3]))).toThrow(/not a valid WebAssembly module/);
  });

  it("rejects a module that cannot be instantiated (an unknown import)", async () => {
    const wasm = buildModule({
      define: (m) => {
        m.addFunctionImport("bogus", "stmc", "bogus", none, none);
        m.addFunction("main", none, none, [], m.call("bogus", [], none));
      },
    });
    await expect(runModule(wasm, { threads: 1 })).rejects.toThrow(/cannot instantiate the module/);
  });

  it("rejects a bad thread count", async () => {
    await expect(runModule(buildModule({ define: main }), { threads: 0 })).rejects.toThrow(RangeError);
  });
});

describe("locations from V8 stack traces", () => {
  it("finds the innermost frame named in stmc.functions, whatever the characters of the name", () => {
    const stack = [
      "RuntimeError: unreachable",
      "    at rt_alloc (wasm://wasm/ed80545a:wasm-function[0]:0x27)",
      "    at wasm://wasm/ed80545a:wasm-function[9]:0x99",
      "    at Foo#bar(x) (wasm://wasm/ed80545a:wasm-function[1]:0x2b)",
      "    at main (wasm://wasm/ed80545a:wasm-function[2]:0x30)",
      "    at file:///x/worker.js:13:20",
    ].join("\n");
    expect(wasmFrames(stack)).toEqual([{ name: "rt_alloc", index: 0, offset: 0x27 }, { name: undefined, index: 9, offset: 0x99 }, { name: "Foo#bar(x)", index: 1, offset: 0x2b }, { name: "main", index: 2, offset: 0x30 }]);
    const functions = { main: ["m.ts", 1, 1], "Foo#bar(x)": ["foo.ts", 5, 3] } as Record<string, SourceLocation>;
    expect(new Locator(functions, "").locate(framesOf({ stack }))).toEqual(["foo.ts", 5, 3]);
    expect(new Locator({}, "").locate(framesOf({ stack }))).toBeUndefined();
    expect(new Locator({ toString: ["x", 1, 1] } as never, "").locate(framesOf({ stack: "toString" }))).toBeUndefined();
    expect(framesOf(undefined)).toEqual([]);
  });

  it("formats the report exactly", () => {
    expect(formatProgramError({ message: "boom", location: ["a/b.ts", 3, 14] })).toBe("error: boom\n    at a/b.ts:3:14\n");
    expect(formatProgramError({ message: "boom" })).toBe("error: boom\n");
  });
});

describe("createSharedMemory", () => {
  it("creates shared memories of both address types", () => {
    const m32 = createSharedMemory("wasm32", 1, 10);
    expect(m32.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(m32.buffer.byteLength).toBe(65536);
    const m64 = createSharedMemory("wasm64", 2, 10);
    expect(m64.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(m64.buffer.byteLength).toBe(2 * 65536);
  });
});
