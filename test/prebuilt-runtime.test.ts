// The runtime is lowered and optimized once per target and STM (compiler/runtime/prebuilt.ts) and
// each compile lowers only its program into it. That is sound only if the runtime's part of a
// module is the same whatever the program: these tests build it from different programs and
// compare, check that the package's build matches the sources, and that a compile uses the
// build and refuses one made from other sources.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkProgram } from "../compiler/check/index.js";
import type { CheckedProgram } from "../compiler/check/ir.js";
import { compileWith } from "../compiler/compile.js";
import { withFiles, type CompilerFiles } from "../compiler/parse/files.js";
import { nodeFiles } from "../compiler/parse/node-files.js";
import { parseProgram } from "../compiler/parse/program.js";
import { buildRuntime, findRuntime, prebuiltFile, runtimeFingerprint, runtimeModule, type PrebuiltRuntime } from "../compiler/runtime/prebuilt.js";
import { lowerProgram } from "../compiler/lower/module.js";
import { DECLARATIONS_FILE, emptyBodies, makeDeclarations, type RuntimeDeclarations } from "../compiler/runtime/declarations.js";
import { link } from "../compiler/link/link.js";
import { getTarget, type TargetName } from "../targets/target.js";
import type { StmAlgorithm } from "../runtime/abi.js";
import { ROOT, runWasm, TARGETS } from "./support/programs.js";
import { functionsOf } from "./support/wat.js";

/** Programs that differ in everything the runtime could depend on: classes, globals, tasks, finalizers. */
const PROGRAMS: Record<string, string> = {
  "empty.ts": "export function main(): void {}\n",
  "busy.ts": [
    'import { f64, i32, print, transaction } from "stmc";',
    "class Shape { area(): f64 { return 0; } }",
    "class Square extends Shape { side: f64; constructor(side: f64) { super(); this.side = side; } area(): f64 { return this.side * this.side; } }",
    "class Held { finalize(): void { total += 0; } }",
    "let shapes: Shape[] = [];",
    "let total = 0;",
    "const LIMIT = 7;",
    "function add(i: i32): void { shapes.push(new Square(i)); total += i; }",
    "export function main(): void {",
    "  for (let i = 0; i < LIMIT; i++) transaction.add(add, i);",
    "  transaction.run();",
    "  let held: Held | null = new Held(); held = null;",
    "  print(total, shapes.length);",
    "}",
  ].join("\n"),
};

function checked(name: string, target: TargetName): { program: CheckedProgram; fingerprint: string } {
  const files = nodeFiles();
  const entry = path.join(ROOT, "test", name);
  const parsed = parseProgram(files, entry, { [entry]: PROGRAMS[name] });
  if (parsed.program === null || parsed.diagnostics.length > 0) throw new Error(`${name} does not parse: ${parsed.diagnostics.map((d) => d.message).join("; ")}`);
  const result = withFiles(files, () => checkProgram(parsed.program!, getTarget(target)));
  if (result.program === null) throw new Error(`${name} does not check: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  return { program: result.program, fingerprint: runtimeFingerprint(parsed.program.runtimeSources, files.root) };
}

function build(name: string, target: TargetName, stm: StmAlgorithm): PrebuiltRuntime {
  const { program, fingerprint } = checked(name, target);
  return withFiles(nodeFiles(), () => buildRuntime(program, getTarget(target), stm, fingerprint));
}

describe("the prebuilt runtime", () => {
  it.each([["wasm32", "etl"], ["wasm64", "etl"], ["wasm32", "gil"], ["wasm64", "none"]] as const)("is the same whichever program it is built from (%s, %s)", (target, stm) => {
    const a = build("empty.ts", target, stm);
    const b = build("busy.ts", target, stm);
    expect(b.staticEnd).toBe(a.staticEnd);
    expect(b.strings).toEqual(a.strings);
    expect(b.locations).toEqual(a.locations);
    expect(b.wasm === a.wasm).toBe(true);
  });

  it.each(TARGETS)("in the package's build matches the runtime's sources (%s)", (target) => {
    for (const stm of ["etl", "none"] as const) {
      const file = path.join(ROOT, prebuiltFile(target, stm));
      const onDisk = JSON.parse(fs.readFileSync(file, "utf8")) as PrebuiltRuntime;
      const fresh = build("empty.ts", target, stm);
      expect(onDisk.fingerprint, `${file} is stale: npm run build`).toBe(fresh.fingerprint);
      expect(onDisk.wasm === fresh.wasm, `${file} differs from a build of the sources`).toBe(true);
    }
  });

  it("is read from the build when its fingerprint is the sources', refused when not", () => {
    const stored = JSON.parse(fs.readFileSync(path.join(ROOT, prebuiltFile("wasm32", "gil")), "utf8")) as PrebuiltRuntime;
    const serving = (runtime: PrebuiltRuntime): CompilerFiles => ({ ...nodeFiles(), readPackageFile: () => JSON.stringify(runtime) });
    // Fingerprints of their own (findRuntime keeps what it found per fingerprint for the process),
    // and a string the build never writes, seen again only if the file was used.
    const unique = (n: number) => `${n}${Date.now().toString(16)}`.padStart(16, "0").slice(-16);
    const current = unique(1);
    const marked = { ...stored, fingerprint: current, strings: [...stored.strings, "read from the file"] };
    expect(findRuntime(serving(marked), "wasm32", "gil", current)?.strings.at(-1)).toBe("read from the file");
    expect(findRuntime(serving(marked), "wasm32", "etl", current)).toBeNull();
    const stale = { ...stored, fingerprint: unique(2) };
    expect(findRuntime(serving(stale), "wasm32", "gil", unique(3))).toBeNull();
  });

  it("runs a program compiled into it, at every -O level (busy.ts, 2 threads)", async () => {
    const entry = path.join(ROOT, "test", "busy.ts");
    for (const level of [0, 2] as const) {
      const result = compileWith(nodeFiles(), entry, { target: "wasm32", optimizeLevel: level, sources: { [entry]: PROGRAMS["busy.ts"] } });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const run = await runWasm(result.wasm, 2);
      expect(run).toEqual({ stdout: "21 7\n", stderr: "", exitCode: 0 });
    }
  });

  // A compile that finds the runtime prebuilt does not check the runtime's bodies (the collector's
  // analyses take the runtime's safepoint facts from the prebuilt file instead): it must give the
  // module a compile that checks them all and builds the runtime itself gives.
  describe.each(["examples/richards.ts", "test/programs/transaction_atomic.ts", "test/programs/transaction_nested.ts", "test/programs/binary_trees.ts", "test/programs/bank_transfers.ts", "test/programs/hash_map.ts"])("%s", (file) => {
    it.each(TARGETS)("compiles to the same bytes with the runtime's bodies checked or not (%s)", (target) => {
      const files = nodeFiles();
      const entry = path.join(ROOT, file);
      const fast = compileWith(files, entry, { target, optimizeLevel: 2 });
      if (!fast.ok) throw new Error(`${file} does not compile`);
      const slow = withFiles(files, () => {
        const parsed = parseProgram(files, entry);
        const full = checkProgram(parsed.program!, getTarget(target), { runtimeBodies: true });
        const fingerprint = runtimeFingerprint(parsed.program!.runtimeSources, files.root);
        const runtime = buildRuntime(full.program!, getTarget(target), "etl", fingerprint);
        const lowered = lowerProgram(runtimeModule(runtime), full.program!, getTarget(target), getTarget(target).defaultMaximumPages, "etl");
        return link(lowered, { optimizeLevel: 2, emitText: false });
      });
      expect(Buffer.from(slow.wasm).equals(Buffer.from(fast.wasm))).toBe(true);
    });
  });

  describe("the runtime's declarations (what a compile parses instead of its sources)", () => {
    const entry = path.join(ROOT, "examples/hello.ts");

    it("blank the bodies whose type is written, keep every position, keep bodies TypeScript infers from", () => {
      const text = ["function f(x: i32): i32 {", "  return x + 1;", "}", "function g() { return 1; }", "class C {", "  constructor() { work(); }", "  get n(): i32 { return 2; }", "  m(): void {", "  }", "}", "const k = 3;"].join("\n");
      const out = emptyBodies("x.ts", text);
      expect(out.length).toBe(text.length);
      const blank = (line: string) => line.replace(/./g, " ");
      expect(out).toBe(["function f(x: i32): i32 {", blank("  return x + 1;"), "}", "function g() { return 1; }", "class C {", `  constructor() {${blank(" work(); ")}}`, `  get n(): i32 {${blank(" return 2; ")}}`, "  m(): void {", "  }", "}", "const k = 3;"].join("\n"));
    });

    it("in the package's build match the runtime's sources, and a compile parses them instead", () => {
      const files = nodeFiles();
      const parsed = parseProgram(files, entry, undefined, { runtimeDeclarations: true }).program!;
      expect(parsed.runtimeDeclarationsOnly).toBe(true);
      const onDisk = JSON.parse(fs.readFileSync(path.join(ROOT, DECLARATIONS_FILE), "utf8")) as RuntimeDeclarations;
      const relative = (file: string) => path.relative(ROOT, file).replaceAll("\\", "/");
      const fresh = makeDeclarations(parsed.runtimeSources.map(({ fileName, text }) => ({ path: relative(fileName), text })));
      expect(onDisk, `${DECLARATIONS_FILE} is stale: npm run build`).toEqual(fresh);
      // Each runtime file was parsed from its declarations: as long as its source, every position the same.
      parsed.runtimeFiles.forEach((file, i) => {
        const source = parsed.runtimeSources[i];
        expect(file.fileName).toBe(source.fileName);
        expect(file.text).toBe(fresh.files[relative(file.fileName)].text);
        expect(file.text.length).toBe(source.text.length);
      });
      expect(parsed.runtimeFiles.some((file, i) => file.text !== parsed.runtimeSources[i].text)).toBe(true);
    });

    it("stand in only for the source they were made from: a file edited since is parsed whole, and the compile still works", async () => {
      const stored = JSON.parse(fs.readFileSync(path.join(ROOT, DECLARATIONS_FILE), "utf8")) as RuntimeDeclarations;
      const edited = "runtime/core/tasks.ts";
      const stale: RuntimeDeclarations = { ...stored, files: { ...stored.files, [edited]: { ...stored.files[edited], hash: "0".repeat(16) } } };
      const base = nodeFiles();
      const files: CompilerFiles = { ...base, readPackageFile: (file) => (file === DECLARATIONS_FILE ? JSON.stringify(stale) : base.readPackageFile(file)) };
      const parsed = parseProgram(files, entry, undefined, { runtimeDeclarations: true }).program!;
      const tasks = parsed.runtimeFiles.findIndex((file) => file.fileName.endsWith(edited));
      expect(parsed.runtimeFiles[tasks].text).toBe(parsed.runtimeSources[tasks].text);
      expect(parsed.runtimeFiles.some((file, i) => i !== tasks && file.text !== parsed.runtimeSources[i].text)).toBe(true);
      // No prebuilt runtime for these sources either: the compile parses the runtime whole and builds it.
      const noPrebuilt: CompilerFiles = { ...base, readPackageFile: (file) => (file === DECLARATIONS_FILE ? base.readPackageFile(file) : undefined) };
      const result = compileWith(noPrebuilt, entry, { target: "wasm32", optimizeLevel: 1 });
      expect(result.ok).toBe(true);
      if (result.ok) expect((await runWasm(result.wasm)).stdout).toContain("Hello");
    });
  });

  it("lets a program name its functions as Binaryen's reader names the runtime's imports", async () => {
    // The prebuilt runtime's host imports are called fimport$0 ... once read back from binary.
    const source = [
      'import { i32, print } from "stmc";',
      "function fimport$0(x: i32): i32 { return x + 1; }",
      "function mimport$0(): i32 { return 40; }",
      "export function main(): void { print(fimport$0(mimport$0()) + 1); }",
    ].join("\n");
    const entry = path.join(ROOT, "test", "names.ts");
    const result = compileWith(nodeFiles(), entry, { target: "wasm32", optimizeLevel: 2, sources: { [entry]: source } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await runWasm(result.wasm)).toEqual({ stdout: "42\n", stderr: "", exitCode: 0 });
  });

  describe("the program's link sees what a whole-program build saw", () => {
    const tasksOnly = [
      'import { i32, print, transaction } from "stmc";',
      "class Cell { v: i32 = 0; }",
      "let cells: Cell[] = [];",
      "function bump(i: i32): void { cells[i].v += cells[(i + 1) % 4].v + 1; }",
      "export function main(): void {",
      "  for (let i = 0; i < 4; i++) cells.push(new Cell());",
      "  for (let i = 0; i < 4; i++) transaction.add(bump, i);",
      "  transaction.run();",
      "  print(cells[0].v);",
      "}",
    ].join("\n");
    const withFinalizer = tasksOnly.replace("class Cell { v: i32 = 0; }", "class Cell { v: i32 = 0; finalize(): void {} }");
    const wat = (name: string, source: string) => {
      const entry = path.join(ROOT, "test", name);
      const result = compileWith(nodeFiles(), entry, { target: "wasm32", optimizeLevel: 2, emitText: true, sources: { [entry]: source } });
      if (!result.ok) throw new Error(`${name} does not compile`);
      return functionsOf(result.text!);
    };

    it("drops the runtime functions the program does not call", () => {
      const functions = wat("tasks.ts", tasksOnly);
      expect([...functions.keys()].filter((name) => /^\$(atomic_enter|atomic_leave_nested|transaction_set_num_threads|f64_rem|out_f64|tx_before_host_call|gc_register_finalizer)$/.test(name))).toEqual([]);
      expect(functions.has("$Task$bump.run$tx")).toBe(true);
    });

    it("folds away the pending-finalizer work in tx_commit for a program without finalizers, keeps it with one", () => {
      const pending = (functions: Map<string, string>) => [...functions.values()].some((text) => text.includes("$tls.pendingCount"));
      expect(pending(wat("tasks.ts", tasksOnly))).toBe(false);
      expect(pending(wat("finalizer.ts", withFinalizer))).toBe(true);
    });
  });
});
