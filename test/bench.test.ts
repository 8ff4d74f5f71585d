// The benchmark suite: every program of bench/programs runs at size small on both targets and
// passes its own checks, printing what its reference run on V8 prints; and `stmc bench` (the
// harness) writes its table, JSON and HTML report and reports a failing program without stopping
// (on the small programs of test/bench-fixture). Timings are never asserted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allPrograms, entryFor } from "../bench/runner/programs.js";
import type { SuiteResult } from "../bench/runner/suite.js";
import { cli, compileOrThrow, ROOT, runReference, runWasm, TARGETS } from "./support/programs.js";

const SLOW = { timeout: 180_000 };

describe.each(allPrograms().map((p) => [p.name, p] as const))("bench program %s", (_name, program) => {
  it("size small: same output as its reference run, on both targets, 1 and 2 threads", SLOW, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-bench-small-"));
    const file = entryFor(program, "small", dir);
    const expected = runReference(file);
    expect(expected.stderr).toBe("");
    expect(expected.exitCode).toBe(0);
    for (const target of TARGETS) {
      const wasm = compileOrThrow(file, { target, stm: "etl" });
      for (const threads of [1, 2]) {
        const actual = await runWasm(wasm, threads);
        expect(actual.stderr, `${target} ×${threads}`).toBe("");
        expect(actual.stdout, `${target} ×${threads}`).toBe(expected.stdout);
        expect(actual.exitCode).toBe(0);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("stmc bench", () => {
  const fixtures = path.join(ROOT, "test/bench-fixture");

  it("runs the configurations, derives the ratios, writes the table, the JSON and the HTML report, and reports a failing program", SLOW, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-bench-test-"));
    try {
      const json = path.join(dir, "out.json");
      const report = path.join(dir, "report");
      const r = cli(["bench", "--programs-dir", fixtures, "--threads", "1,2", "--repeat", "2", "--json", json, "--report", report]);
      expect(r.exitCode).toBe(1); // broken.ts fails its check
      expect(r.stdout).toMatch(/\| tiny +\| etl ×2 wasm32 +\|/);
      expect(r.stdout).toMatch(/\| broken +\| FAILED: error: broken: self-check failed/);
      expect(r.stderr).toMatch(/\[\d+\/8\] tiny \(small\): etl ×2 \(wasm32\)/);
      const result = JSON.parse(fs.readFileSync(json, "utf8")) as SuiteResult;
      expect(result.machine.cores).toBeGreaterThan(0);
      expect(result.options).toMatchObject({ threads: [1, 2], stms: ["etl"], targets: ["wasm32"], size: "small", repeat: 2 });
      const tiny = result.programs.find((p) => p.name === "tiny")!;
      expect(tiny.error).toBeUndefined();
      expect(tiny.configs.map((c) => `${c.stm}×${c.threads}`)).toEqual(["reference×1", "none×1", "etl×1", "etl×2"]);
      for (const c of tiny.configs) {
        expect(c.runs).toHaveLength(2);
        expect(c.seconds).toBeGreaterThan(0);
        expect(c.peakRssMiB).toBeGreaterThan(0);
      }
      const [reference, none, etl1, etl2] = tiny.configs;
      expect(none.vsV8).toBeCloseTo(none.seconds / reference.seconds);
      expect(etl1.speedup).toBeCloseTo(1);
      expect(etl2.speedup).toBeCloseTo(etl1.seconds / etl2.seconds);
      expect(etl2.overheadVsNone).toBeCloseTo(etl2.seconds / none.seconds);
      expect(etl2.runs[0].commits).toBeGreaterThan(0);
      expect(result.programs.find((p) => p.name === "broken")!.error).toMatch(/self-check failed/);
      const html = fs.readFileSync(path.join(report, "index.html"), "utf8");
      expect(html).toContain("<h2>tiny</h2>");
      expect(html).toMatch(/<svg[^>]*aria-label="speedup by threads"/);
      expect(html).toContain("etl wasm32");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("selects programs by name prefix; a name that matches nothing is a usage error", () => {
    const r = cli(["bench", "nothing_like_this", "--programs-dir", fixtures]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("no benchmark program matches 'nothing_like_this' (programs: broken, tiny)");
  });

  it("rejects bad lists", () => {
    expect(cli(["bench", "--threads", "1,zero"]).exitCode).toBe(2);
    expect(cli(["bench", "--stm", "etl,stm2"]).exitCode).toBe(2);
    expect(cli(["bench", "--size", "huge"]).exitCode).toBe(2);
  });
});
