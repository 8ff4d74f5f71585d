// A smoke test on Node 24 (memory64 without a flag, a newer V8): the CLI on both targets, the
// reference run and the embedding API. Node 24 comes from npm (the `node` package, installed
// once under node_modules/.cache, not a devDependency: its `node` binary would shadow Node 20
// in every npm script).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT } from "./support/programs.js";

const DIR = path.join(ROOT, "node_modules/.cache/stmc-node24");
const NODE = path.join(DIR, "node_modules/node/bin/node");

function node24(args: string[]): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(NODE, args, { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  return { stdout: r.stdout ?? "", stderr: r.stderr ?? "", status: r.status ?? -1 };
}

describe("Node 24", { timeout: 180_000 }, () => {
  beforeAll(() => {
    if (fs.existsSync(NODE)) return;
    fs.mkdirSync(DIR, { recursive: true });
    fs.writeFileSync(path.join(DIR, "package.json"), JSON.stringify({ name: "stmc-node24", private: true }));
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const r = spawnSync(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", "node@24"], { cwd: DIR, encoding: "utf8", timeout: 170_000 });
    if (r.status !== 0) throw new Error(`cannot install Node 24 from npm: ${r.stderr}`);
  }, 180_000);

  it("is Node 24", () => {
    expect(node24(["--version"]).stdout).toMatch(/^v24\./);
  });

  it("runs a program on both targets, the reference run and a runtime error, like Node 20", () => {
    for (const target of ["wasm32", "wasm64"]) {
      const r = node24([CLI, "run", "--threads", "2", "--target", target, "examples/squares.ts"]);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("sum of squares 385\n");
    }
    expect(node24([CLI, "run", "--reference", "examples/squares.ts"]).stdout).toBe("sum of squares 385\n");
    const failed = node24([CLI, "run", "--target", "wasm64", "test/errors/runtime/index_out_of_range.ts"]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^error: index 5 out of range\n {4}at test\/errors\/runtime\/index_out_of_range\.ts:\d+:\d+\n$/);
  });

  it("the embedding API calls exported functions", () => {
    const script = `
      import { compile, instantiate } from "./dist/api/index.js";
      const r = compile("test/embedding/calculator.ts", { target: "wasm64" });
      const app = await instantiate(r.wasm, { threads: 2, stdout: () => {} });
      const out = [await app.call("add", 2, 3), String(await app.call("triple", 2n ** 40n)), await app.call("negate", true)];
      await app.call("bump", 20);
      out.push(await app.call("count"));
      await app.close();
      console.log(JSON.stringify(out));`;
    const r = node24(["--input-type=module", "-e", script]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([5, String(3n * 2n ** 40n), false, 20]);
  });
});
