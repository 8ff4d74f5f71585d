// The compiler in a page (compiler/browser.ts): served from the bundle the build writes
// (dist/browser/compiler-files.json) instead of the disk, it compiles exactly as on Node, and the
// modules a page loads import nothing of Node.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { compile, useBundle, type CompilerBundle } from "../compiler/browser.js";
import { compileFile } from "../compiler/index.js";
import { ROOT, TARGETS } from "./support/programs.js";

const BUNDLE = path.join(ROOT, "dist/browser/compiler-files.json");
const ALLOWED_BARE = /^(typescript|#binaryen|@jridgewell\/.+)$/;

function readBundle(): CompilerBundle {
  if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: build first (npm run build)`);
  return JSON.parse(fs.readFileSync(BUNDLE, "utf8")) as CompilerBundle;
}

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("the compiler from the in-memory bundle", () => {
  beforeAll(() => {
    // Laid out where the disk has them, so that the paths the module records agree.
    useBundle(readBundle(), { root: ROOT, cwd: process.cwd() });
  });

  describe.each(["examples/hello.ts", "examples/richards.ts"])("%s", (file) => {
    it.each(TARGETS)("gives the Node compile's bytes (%s, -O2)", (target) => {
      const entry = path.relative(process.cwd(), path.join(ROOT, file));
      const expected = compileFile(entry, { target, optimizeLevel: 2 });
      const actual = compile({ files: { [entry]: read(file) }, entry }, { target, optimizeLevel: 2 });
      expect(expected.ok && actual.ok).toBe(true);
      if (!expected.ok || !actual.ok) return;
      expect(Buffer.from(actual.wasm).equals(Buffer.from(expected.wasm))).toBe(true);
      expect(actual.sourceMap).toBe(expected.sourceMap);
    });
  });

  it("reports a program's errors as the Node compile does", () => {
    const files = {
      "app/main.ts": 'import { i32 } from "stmc";\nimport { twice } from "./util";\n\nexport function main(): i32 {\n  let s: i32 = "text";\n  return twice(s) + missing;\n}\n',
      "app/util.ts": 'import { i32 } from "stmc";\nexport function twice(x: i32): i32 {\n  const f = () => x;\n  return f() * 2;\n}\n',
    };
    const expected = compileFile("app/main.ts", { target: "wasm32", optimizeLevel: 2, sources: files });
    const actual = compile({ files, entry: "app/main.ts" });
    expect(expected.ok).toBe(false);
    if (expected.ok || actual.ok) throw new Error("both compiles must fail");
    expect(actual.diagnostics.length).toBeGreaterThanOrEqual(3);
    expect(actual.diagnostics).toEqual(expected.diagnostics);
  });

  it("reports the error corpus (test/errors/compile) as the Node compile does", () => {
    const dir = "test/errors/compile";
    const names = fs.readdirSync(path.join(ROOT, dir)).filter((name) => name.endsWith(".ts"));
    const files = Object.fromEntries(names.map((name) => [path.relative(process.cwd(), path.join(ROOT, dir, name)), read(`${dir}/${name}`)]));
    for (const entry of Object.keys(files)) {
      const expected = compileFile(entry, { target: "wasm32", optimizeLevel: 0 });
      const actual = compile({ files, entry }, { optimizeLevel: 0 });
      expect(actual.ok, entry).toBe(false);
      if (!actual.ok && !expected.ok) expect(actual.diagnostics, entry).toEqual(expected.diagnostics);
    }
  });

  it("holds exactly the lib files TypeScript loads for lib.es2022.d.ts", () => {
    const options: ts.CompilerOptions = { noEmit: true, lib: ["lib.es2022.d.ts"], types: [] };
    const program = ts.createProgram([path.join(ROOT, "examples/hello.ts")], options, ts.createCompilerHost(options));
    const libDirectory = path.dirname(ts.getDefaultLibFilePath(options));
    const loaded = program.getSourceFiles().filter((file) => path.dirname(file.fileName) === libDirectory).map((file) => path.basename(file.fileName));
    expect(Object.keys(readBundle().lib).sort()).toEqual(loaded.sort());
  });
});

describe("the compiler with its default layout", () => {
  it("names the program's files as given and the runtime's under node_modules/stmc", () => {
    useBundle(readBundle());
    const result = compile({ source: 'import { i32 } from "stmc";\nexport function main(): i32 {\n  return 1 + true;\n}\n' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => [d.file, d.line])).toEqual([["main.ts", 3]]);
    const ok = compile({ files: { "src/a.ts": 'import { print } from "stmc";\nexport function main(): void {\n  print("hi");\n}\n' }, entry: "src/a.ts" }, { optimizeLevel: 0 });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect((JSON.parse(ok.sourceMap!) as { sources: string[] }).sources).toEqual(["src/a.ts"]);
    // The module's location tables name runtime files too.
    expect(Buffer.from(ok.wasm).toString("latin1")).toContain("node_modules/stmc/runtime/core/");
  });

  it("refuses a bundle of another TypeScript", () => {
    expect(() => useBundle({ ...readBundle(), typescript: "0.0.1" })).toThrow(/built with TypeScript 0\.0\.1/);
  });
});

/** TypeScript's loader (compiler/typescript.cts): a page maps it to its global `ts`, as if it were the bare "typescript". */
const TS_LOADER = path.join(ROOT, "dist/compiler/typescript.cjs");

/** The built modules `entry` reaches through its imports, and the bare specifiers they import. */
function moduleGraph(entry: string): { files: string[]; bare: Set<string> } {
  const files: string[] = [];
  const bare = new Set<string>();
  const visit = (file: string): void => {
    if (files.includes(file)) return;
    files.push(file);
    for (const { fileName } of ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles) {
      const resolved = path.resolve(path.dirname(file), fileName);
      if (resolved === TS_LOADER) bare.add("typescript");
      else if (fileName.startsWith("./") || fileName.startsWith("../")) visit(resolved);
      else bare.add(fileName);
    }
  };
  visit(entry);
  return { files, bare };
}

describe("dist/compiler/browser.js", () => {
  const entry = path.join(ROOT, "dist/compiler/browser.js");

  it("imports no node: module and no bare specifier but typescript, #binaryen and @jridgewell/*", () => {
    const { files, bare } = moduleGraph(entry);
    expect(files.length).toBeGreaterThan(20);
    expect([...bare].filter((name) => !ALLOWED_BARE.test(name))).toEqual([]);
    expect(bare.has("typescript") && bare.has("#binaryen")).toBe(true);
    const relative = files.map((file) => path.relative(ROOT, file));
    expect(relative).not.toContain("dist/compiler/parse/node-files.js");
    expect(relative).not.toContain("dist/runtime/packageRoot.js");
  });

  it("compiles with TypeScript loaded as a page loads it (no ts.sys)", () => {
    // A child process maps "typescript" (and the compiler's loader of it) to lib/typescript.js run
    // as a classic script, where it finds no `require` and so no Node system: any use of ts.sys on
    // the compile path throws.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-browser-"));
    try {
      const typescript = path.join(ROOT, "node_modules/typescript/lib/typescript.js");
      fs.writeFileSync(path.join(dir, "shim.mjs"), `import fs from "node:fs";\nimport vm from "node:vm";\nvm.runInThisContext(fs.readFileSync(${JSON.stringify(typescript)}, "utf8"));\nexport default globalThis.ts;\n`);
      const shim = JSON.stringify(new URL(`file://${path.join(dir, "shim.mjs")}`).href);
      fs.writeFileSync(
        path.join(dir, "hooks.mjs"),
        `export async function resolve(specifier, context, next) {\n  if (specifier === "typescript") return { url: ${shim}, shortCircuit: true };\n  const resolved = await next(specifier, context);\n  return resolved.url.endsWith("/dist/compiler/typescript.cjs") ? { url: ${shim}, shortCircuit: true } : resolved;\n}\n`,
      );
      fs.writeFileSync(path.join(dir, "register.mjs"), `import { register } from "node:module";\nregister(${JSON.stringify(new URL(`file://${path.join(dir, "hooks.mjs")}`).href)});\n`);
      const script = [
        `import ts from "typescript";`,
        `import { useBundle, compile } from ${JSON.stringify(new URL(`file://${entry}`).href)};`,
        `if (ts.sys !== undefined) throw new Error("TypeScript found a Node system");`,
        `useBundle(JSON.parse(await (await import("node:fs")).promises.readFile(${JSON.stringify(BUNDLE)}, "utf8")));`,
        `const r = compile({ source: process.env.SOURCE, name: "hello.ts" }, { target: "wasm64" });`,
        `process.stdout.write(r.ok ? Buffer.from(r.wasm).toString("base64") : JSON.stringify(r.diagnostics));`,
      ].join("\n");
      fs.writeFileSync(path.join(dir, "main.mjs"), script);
      const source = read("examples/hello.ts");
      const child = spawnSync(process.execPath, ["--import", path.join(dir, "register.mjs"), path.join(dir, "main.mjs")], { cwd: dir, encoding: "utf8", env: { ...process.env, SOURCE: source }, timeout: 120_000 });
      expect(child.status, child.stderr).toBe(0);
      // The same program, laid out as the default layout lays it out (root /node_modules/stmc, cwd /).
      useBundle(readBundle());
      const expected = compile({ source, name: "hello.ts" }, { target: "wasm64" });
      if (!expected.ok) throw new Error("hello.ts must compile");
      expect(child.stdout).toBe(Buffer.from(expected.wasm).toString("base64"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
