// stmc in a browser: the playground that `stmc serve` serves, in headless Chromium (Debian's
// `chromium`, driven by playwright-core): a program compiled in the page and run on Web Workers
// at 2 threads on both targets, a runtime error located from the module's source map, a rerun
// when the served file is saved, and the clear error of a page without the isolation headers.
// Without a Chromium the file is skipped with a warning, except in CI (CI=true), where .ci/run
// installs one and its absence fails the run.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type Server } from "../playground/server.js";
import { compile } from "../api/index.js";
import { runModule } from "../runtime/host/index.js";
import { cli, ROOT } from "./support/programs.js";

const CANDIDATES = [process.env.STMC_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const executable = CANDIDATES.find((file): file is string => file !== undefined && fs.existsSync(file));
if (executable === undefined && process.env.CI !== undefined) throw new Error("no Chromium found (apt-get install chromium, or set STMC_CHROMIUM): the browser tests must run in CI");
if (executable === undefined) console.warn("test/browser.test.ts skipped: no Chromium (apt-get install chromium, or set STMC_CHROMIUM)");

/** The served program: it imports a file from a folder below its own. */
const WATCHED = (version: string) => `import { print } from "stmc";\nimport { seven } from "./lib/numbers";\nexport function main(): void { print("${version} version", seven); }\n`;

const FAILING = ['import { i32, print } from "stmc";', "", "export function main(): void {", "  const a: i32[] = [1, 2, 3];", '  print("before");', "  print(a[a.length + 2]);", "}", ""].join("\n");

describe.skipIf(executable === undefined)("stmc in a browser", () => {
  let browser: Browser;
  let server: Server;
  let dir: string;
  let watched: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-browser-"));
    watched = path.join(dir, "watched.ts");
    fs.writeFileSync(watched, WATCHED("first"));
    fs.mkdirSync(path.join(dir, "lib"));
    fs.writeFileSync(path.join(dir, "lib/numbers.ts"), 'import { i32 } from "stmc";\nexport const seven: i32 = 7;\n');
    server = await startServer({ port: 0, program: watched });
    browser = await chromium.launch({ executablePath: executable, args: ["--no-sandbox"] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A playground page whose compiler has loaded. */
  async function playground(url = server.url): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout: 60_000 });
    return page;
  }

  async function run(page: Page): Promise<{ state: string; stdout: string; stderr: string; stats: string }> {
    await page.click("#run");
    await page.waitForFunction(() => document.body.dataset.state === "done" || document.body.dataset.state === "failed", null, { timeout: 60_000 });
    const text = async (id: string) => (await page.textContent(id)) ?? "";
    return { state: (await page.evaluate(() => document.body.dataset.state)) ?? "", stdout: await text("#stdout"), stderr: await text("#stderr"), stats: await text("#stats") };
  }

  it("compiles a transaction program in the page and runs it at 2 threads on both targets", async () => {
    const page = await playground();
    await page.selectOption("#example", "example:squares.ts");
    await page.waitForFunction(() => (document.getElementById("source") as HTMLTextAreaElement).value.includes("transaction.add"));
    for (const target of ["wasm32", "wasm64"]) {
      await page.selectOption("#target", target);
      await page.fill("#threads", "2");
      const r = await run(page);
      expect(r, target).toMatchObject({ state: "done", stdout: "sum of squares 385\n", stderr: "" });
      expect(r.stats).toMatch(/^stats: stm etl, 2 threads: 10 transactions committed/);
      expect(await page.textContent("#cli")).toContain(`stmc run squares.ts --target ${target} --stm etl --threads 2 -O2 --stats`);
    }
    await page.close();
  });

  it("reports a runtime error at its source location, as the CLI does", async () => {
    const page = await playground();
    await page.selectOption("#example", "example:hello.ts");
    await page.fill("#source", FAILING);
    const r = await run(page);
    // The same program run by the Node host.
    const compiled = compile({ source: FAILING, name: "hello.ts" });
    if (!compiled.ok) throw new Error("the failing program does not compile");
    let expected = "";
    await runModule(compiled.wasm, { threads: 1, stdout: () => {}, stderr: (text) => (expected += text) });
    expect(expected).toMatch(/^error: index 5 out of range\n {4}at hello\.ts:6:/);
    expect(r).toMatchObject({ state: "failed", stdout: "before\n", stderr: expected });
    await page.close();
  });

  it("stops a program that does not end", async () => {
    const page = await playground();
    await page.selectOption("#example", "example:hello.ts");
    await page.fill("#source", 'import { i32, print } from "stmc";\nexport function main(): void {\n  let i: i32 = 0;\n  print("looping");\n  while (i >= 0) i = (i + 1) & 1023;\n}\n');
    await page.click("#run");
    await page.waitForFunction(() => document.getElementById("stdout")?.textContent === "looping\n", null, { timeout: 60_000 });
    await page.click("#stop");
    await page.waitForFunction(() => document.body.dataset.state === "stopped", null, { timeout: 60_000 });
    expect(await page.textContent("#stderr")).toMatch(/the program was stopped \(stopped from the page\)/);
    expect(await page.isDisabled("#stop")).toBe(true);
    await page.close();
  });

  it("opens the served file with the files beside and below it, and runs it again at each save", async () => {
    const page = await playground();
    expect(await page.inputValue("#example")).toBe("served:watched.ts");
    expect(await run(page)).toMatchObject({ state: "done", stdout: "first version 7\n" });
    const save = async (text: string, expected: string, how: "write" | "rename") => {
      if (how === "write") fs.writeFileSync(watched, text);
      else {
        // As editors that write a new file and rename it over the old one save.
        fs.writeFileSync(`${watched}.tmp`, text);
        fs.renameSync(`${watched}.tmp`, watched);
      }
      await page.waitForFunction((text) => document.body.dataset.state === "done" && document.getElementById("stdout")?.textContent === text, expected, { timeout: 60_000 });
    };
    await save(WATCHED("second"), "second version 7\n", "write");
    await save(WATCHED("third"), "third version 7\n", "rename");
    await save(WATCHED("fourth"), "fourth version 7\n", "rename");
    await page.close();
  }, 180_000);

  it("stmc/browser's instantiate calls exported functions, and host functions are called on the page's thread", async () => {
    const page = await playground();
    const files = {
      "calculator.ts": fs.readFileSync(path.join(ROOT, "test/embedding/calculator.ts"), "utf8"),
      "host_functions.ts": fs.readFileSync(path.join(ROOT, "test/embedding/host_functions.ts"), "utf8"),
    };
    // (A string: vitest would rewrite an import() in a function.)
    const result = await page.evaluate(`(async () => {
      const { compile } = await import("/stmc/dist/compiler/browser.js");
      const host = await import("/stmc/dist/runtime/host/browser.js");
      const files = ${JSON.stringify(files)};
      const build = (entry, target) => {
        const r = compile({ files, entry }, { target });
        if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
        return r.wasm;
      };
      let out = "";
      const app = await host.instantiate(build("calculator.ts", "wasm64"), { threads: 2, stdout: (t) => (out += t) });
      const calls = [await app.call("add", 2, 3), String(await app.call("triple", 5n)), await app.call("half", 5), await app.call("negate", false)];
      await app.call("bump", 10);
      await app.close();
      const recorded = [];
      const imports = {
        scale: (x) => x * 1.5,
        widen: (x, up) => (up ? x + 1n : x - 1n),
        even: async (x) => x % 2 === 0,
        record: (i) => void recorded.push(i),
      };
      const run = await host.runModule(build("host_functions.ts", "wasm32"), { threads: 2, imports, stdout: (t) => (out += t) });
      return { calls, out, exitCode: run.exitCode, recorded: recorded.length };
    })()`);
    expect(result).toEqual({
      calls: [5, "15", 2.5, true],
      out: "counter 10\ndirect 3 9007199254740994 false\ntotal 1170 evens 20\n",
      exitCode: 0,
      recorded: 40,
    });
    await page.close();
  });

  it("rejects with a clear error in a page without the isolation headers", async () => {
    const plain = await startServer({ port: 0, isolation: false });
    try {
      const page = await browser.newPage();
      await page.goto(plain.url);
      await page.waitForFunction(() => document.body.dataset.state === "failed", null, { timeout: 60_000 });
      expect(await page.textContent("#stderr")).toMatch(/Cross-Origin-Opener-Policy: same-origin.*Cross-Origin-Embedder-Policy: require-corp/);
      // The API itself, called by a page of its own.
      // (A string: vitest would rewrite an import() in a function.)
      const error = await page.evaluate(`(async () => {
        const host = await import("/stmc/dist/runtime/host/browser.js");
        try {
          await host.runModule(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
          return "resolved";
        } catch (e) {
          return e.name + ": " + e.message;
        }
      })()`);
      expect(error).toMatch(/^CrossOriginIsolationError: this page cannot run stmc programs: .*SharedArrayBuffer.*Cross-Origin-Embedder-Policy: require-corp/);
      await page.close();
    } finally {
      await plain.close();
    }
  });

  it("serves only the package's public folders and its browser dependencies", async () => {
    const status = async (route: string) => (await fetch(new URL(route, server.url))).status;
    expect(await status("/stmc/dist/runtime/host/browser.js")).toBe(200);
    expect(await status("/deps/binaryen/package.json")).toBe(200);
    expect(await status("/stmc/package.json")).toBe(404);
    expect(await status("/stmc/dist/../package.json")).toBe(404);
    expect(await status("/stmc/dist/%2e%2e/package.json")).toBe(404);
    // Encoded slashes and backslashes are not separators: a segment holding one is refused.
    expect(await status("/stmc/dist%2f..%2fpackage.json")).toBe(400);
    expect(await status("/stmc/dist/..%2f..%2fpackage.json")).toBe(400);
    expect(await status("/stmc/docs/..%5c..%5cpackage.json")).toBe(400);
    expect(await status("/deps/fs/index.js")).toBe(404);
    // A path that does not decode is answered, and the server goes on.
    expect(await status("/%")).toBe(400);
    expect(await status("/stmc/dist/%E0%A4%A")).toBe(400);
    expect(await status("/stmc/dist/runtime/host/browser.js")).toBe(200);
    // Another site's name for this address (DNS rebinding) is refused.
    const foreign = await new Promise<number>((resolve, reject) => {
      const url = new URL(server.url);
      http.get({ host: url.hostname, port: url.port, path: "/", headers: { host: `attacker.example:${url.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on("error", reject);
    });
    expect(foreign).toBe(403);
    const response = await fetch(server.url);
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
  });
});

describe("stmc serve's command line", () => {
  it("refuses a bad port and a missing program with a usage error", () => {
    const badPort = cli(["serve", "--port", "http"], os.tmpdir());
    expect(badPort.exitCode).toBe(2);
    expect(badPort.stderr).toMatch(/a port is a whole number from 0 to 65535/);
    const missing = cli(["serve", "no-such-program.ts"], os.tmpdir());
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^stmc: no-such-program\.ts: no such file or directory/);
  });
});
