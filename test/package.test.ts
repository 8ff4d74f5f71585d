// The package as a user gets it: `npm pack`, installed from the tarball into an empty project
// (offline, from npm's cache: no build step, no devDependencies), then `stmc init`, the user's
// `tsc --noEmit`, `stmc run`, and the `stmc/api` module from a script.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, ROOT } from "./support/programs.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

function run(command: string, args: string[], cwd: string): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 180_000, env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" } });
  return { stdout: r.stdout ?? "", stderr: r.stderr ?? "", status: r.status ?? -1 };
}

function ok(r: { stdout: string; stderr: string; status: number }, what: string): string {
  expect(r.status, `${what}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

/**
 * An empty project depending on the tarball, with a lockfile whose entries for stmc's
 * dependencies are this checkout's: `npm ci --offline` then installs from npm's cache alone (the
 * tarballs our own `npm ci` put there), with no registry metadata needed.
 */
function writeProject(dir: string, tarball: string): void {
  const spec = `file:${tarball}`;
  const ours = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean }> };
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string>; license: string };
  const packages: Record<string, unknown> = {
    "": { name: "my-app", dependencies: { stmc: spec } },
    "node_modules/stmc": { version: manifest.version, resolved: spec, license: manifest.license, dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines },
  };
  for (const [key, entry] of Object.entries(ours.packages)) if (key.startsWith("node_modules/") && entry.dev !== true) packages[key] = entry;
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "my-app", private: true, dependencies: { stmc: spec } }, null, 2));
  fs.writeFileSync(path.join(dir, "package-lock.json"), JSON.stringify({ name: "my-app", lockfileVersion: 3, requires: true, packages }, null, 2));
}

describe("the npm package", { timeout: 300_000 }, () => {
  let work: string;
  let tarball: string;
  let project: string;
  const stmc = (...args: string[]) => run(process.execPath, [path.join(project, "node_modules/stmc/bin/stmc"), ...args], project);

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-package-"));
    // dist/ is already built (npm test runs tsc first): pack it as it is.
    const packed = ok(run(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT), "npm pack");
    const info = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, info[0].filename);
    project = path.join(work, "my-app");
    fs.mkdirSync(project);
    writeProject(project, tarball);
    ok(run(NPM, ["ci", "--offline"], project), "npm ci of the tarball, offline");
  }, 300_000);

  afterAll(() => {
    if (work !== undefined) fs.rmSync(work, { recursive: true, force: true });
  });

  it("ships the built compiler, the runtime's sources and types, and no tests", () => {
    const listing = JSON.parse(run(NPM, ["pack", "--ignore-scripts", "--dry-run", "--json"], ROOT).stdout) as { files: { path: string }[] }[];
    const files = listing[0].files.map((f) => f.path);
    for (const needed of ["bin/stmc", "dist/bin/cli.js", "dist/runtime/host/worker.js", "dist/runtime/reference/stmc.d.ts", "dist/api/index.d.ts", "runtime/core/runtime.ts", "runtime/core/low.d.ts", "runtime/lib/collections.ts", "runtime/reference/stmc.ts", "bench/programs/richards.ts",
      "dist/runtime/host/browser.js", "dist/runtime/host/browser-worker.js", "dist/compiler/browser.js", "dist/browser/compiler-files.json", "playground/page/index.html", "dist/playground/page/app.js"]) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => f.startsWith("test/") || f.startsWith("dist/test/") || f.startsWith("dist/fuzz/") || f.endsWith(".map"))).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(project, "node_modules/stmc/package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@jridgewell/trace-mapping", "binaryen", "commander", "typescript"]);
    expect(fs.existsSync(path.join(project, "node_modules/vitest"))).toBe(false);
  });

  it("stmc init scaffolds a project that type-checks and runs on 2 threads", () => {
    const init = ok(stmc("init"), "stmc init");
    expect(init).toContain("created tsconfig.json");
    expect(init).toContain("updated package.json");
    const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8")) as { dependencies: Record<string, string>; type: string };
    expect(manifest.dependencies.stmc).toMatch(/^(file:|\^)/);
    expect(manifest.type).toBeUndefined(); // an existing project keeps its module type
    // Run again: nothing is overwritten.
    expect(ok(stmc("init"), "stmc init again")).toContain("kept existing src/main.ts");
    ok(run(NPM, ["install", "--offline"], project), "npm install of the scaffold's devDependencies");
    ok(run(process.execPath, [path.join(project, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", project], project), "tsc --noEmit");
    expect(ok(stmc("run", "src/main.ts", "--threads", "2"), "stmc run")).toBe("total after 1000 transfers: 1000\n");
  });

  it("the user's tsc reports a type error in a program, with stmc's types", () => {
    fs.writeFileSync(path.join(project, "src/wrong.ts"), 'import { i32 } from "stmc";\nexport const x: i32 = "seven";\n');
    const r = run(process.execPath, [path.join(project, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", project], project);
    fs.rmSync(path.join(project, "src/wrong.ts"));
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain("src/wrong.ts(2,14): error TS2322");
  });

  it("stmc/api compiles a program, runs main, and calls exported functions with each value type", () => {
    fs.copyFileSync(path.join(ROOT, "test/embedding/calculator.ts"), path.join(project, "src/calculator.ts"));
    fs.writeFileSync(
      path.join(project, "embed.mjs"),
      `import { compileFile, runModule, instantiate, formatDiagnostics } from "stmc/api";
const compiled = (file) => {
  const result = compileFile(file, { target: "wasm64", optimizeLevel: 2 });
  if (!result.ok) { process.stderr.write(formatDiagnostics(result.diagnostics)); process.exit(1); }
  return result.wasm;
};
let out = "";
const run = await runModule(compiled("src/main.ts"), { threads: 2, stdout: (t) => (out += t) });
const app = await instantiate(compiled("src/calculator.ts"), { threads: 2, stdout: (t) => (out += t) });
const results = [await app.call("add", 2, 3), String(await app.call("triple", 5n)), await app.call("half", 5), await app.call("negate", false)];
await app.call("bump", 10);
await app.close();
console.log(JSON.stringify({ out, exitCode: run.exitCode, results }));
`,
    );
    const r = ok(run(process.execPath, ["embed.mjs"], project), "embed.mjs");
    expect(JSON.parse(r)).toEqual({ out: "total after 1000 transfers: 1000\ncounter 10\n", exitCode: 0, results: [5, "15", 2.5, true] });
  });

  it("stmc serve serves the playground, the compiler's bundle and the browser dependencies from the installed package", async () => {
    const server = spawn(path.join(project, "node_modules/.bin/stmc"), ["serve", "--port", "0"], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        server.stdout.setEncoding("utf8").on("data", (text: string) => {
          out += text;
          const found = /stmc playground: (http:\/\/\S+)/.exec(out);
          if (found) resolve(found[1]);
        });
        server.on("exit", (code) => reject(new Error(`stmc serve exited with ${code}`)));
      });
      for (const route of ["/", "/stmc/dist/playground/page/app.js", "/stmc/dist/browser/compiler-files.json", "/deps/typescript/lib/typescript.js", "/deps/binaryen/index.js", "/deps/@jridgewell/trace-mapping/dist/trace-mapping.mjs"]) {
        const response = await fetch(new URL(route, url));
        expect(response.status, route).toBe(200);
        expect(response.headers.get("cross-origin-embedder-policy"), route).toBe("require-corp");
        await response.arrayBuffer();
      }
    } finally {
      server.kill("SIGINT");
    }
  });

  it("stmc compile --bindings writes a typed wrapper: its functions call the exports, and tsc checks their use", () => {
    fs.mkdirSync(path.join(project, "build"), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "test/embedding/host_functions.ts"), path.join(project, "src/host_functions.ts"));
    ok(stmc("compile", "src/calculator.ts", "-o", "build/calculator.wasm", "--bindings"), "compile --bindings");
    ok(stmc("compile", "src/host_functions.ts", "-o", "build/host.wasm", "--bindings"), "compile --bindings (host functions)");
    fs.writeFileSync(
      path.join(project, "use.ts"),
      `import { load } from "./build/calculator.js";
import { load as loadHost } from "./build/host.js";
const calc = await load({ threads: 2, stdout: () => {} });
const sum: number = await calc.add(2, 3);
const big: bigint = await calc.triple(7n);
const flipped: boolean = await calc.negate(true);
await calc.bump(5);
await calc.close();
const calls: number[] = [];
const host = await loadHost({ threads: 2, stdout: () => {}, imports: { scale: (x) => x * 2, widen: (x, up) => (up ? x + 1n : x), even: (x) => x % 2 === 0, record: (t) => void calls.push(t) } });
await host.main();
await host.close();
console.log(JSON.stringify([sum, String(big), flipped, calls.length]));
`,
    );
    // Type-checked and emitted next to itself (use.js), then run.
    fs.writeFileSync(path.join(project, "tsconfig.use.json"), JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, types: [] }, files: ["use.ts"] }));
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8")), type: "module" }, null, 2));
    const tsc = (config: string) => run(process.execPath, [path.join(project, "node_modules/typescript/bin/tsc"), "-p", config], project);
    ok(tsc("tsconfig.use.json"), "tsc on a script using the bindings");
    expect(JSON.parse(ok(run(process.execPath, ["use.js"], project), "use.js"))).toEqual([5, "21", false, 40]);
    fs.writeFileSync(path.join(project, "use.ts"), `import { load } from "./build/calculator.js";\nconst calc = await load();\nawait calc.add(1n, 2);\n`);
    const wrong = tsc("tsconfig.use.json");
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toContain("use.ts(3,16): error TS2345");
  });
});

describe("stmc init", () => {
  it("refuses a path that is a file, and a package.json that is not JSON, with status 2", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-init-"));
    try {
      fs.writeFileSync(path.join(dir, "file.txt"), "x");
      const onFile = cli(["init", path.join(dir, "file.txt")]);
      expect(onFile.exitCode).toBe(2);
      expect(onFile.stderr).toBe(`stmc: ${path.join(dir, "file.txt")} is not a directory\n`);
      fs.writeFileSync(path.join(dir, "package.json"), "{ not json");
      const badManifest = cli(["init", dir]);
      expect(badManifest.exitCode).toBe(2);
      expect(badManifest.stderr).toMatch(/^stmc: .*package\.json is not valid JSON: /);
      fs.writeFileSync(path.join(dir, "package.json"), "null");
      expect(cli(["init", dir]).stderr).toMatch(/package\.json is not valid JSON: it holds no object/);
      expect(fs.existsSync(path.join(dir, "src"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
