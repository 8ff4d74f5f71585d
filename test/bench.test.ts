// The benchmark suite: every program of bench/programs runs at size small on both targets and
// passes its own checks, printing what its reference run on V8 prints; and `stmc bench` (the
// harness) writes its table, its summary (geometric means, checked against their recomputation
// from the JSON's medians), JSON and HTML report and reports a failing program without stopping
// (on the small programs of test/bench-fixture). Timings are never asserted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPrograms, entryFor } from "../bench/runner/programs.js";
import { formatSummary } from "../bench/runner/report.js";
import { measure } from "../bench/runner/measure.js";
import type { ConfigResult, ProgramResult, SuiteResult } from "../bench/runner/suite.js";
import { summarize, type SummaryLine } from "../bench/runner/summary.js";
import { cli, compileOrThrow, ROOT, runReference, runWasm, TARGETS, type RunOutput } from "./support/programs.js";

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

/** The geometric mean, computed here independently of bench/runner/summary.ts. */
const geomean = (xs: number[]): number => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

/**
 * A summary line recomputed from the medians of the JSON: the STM on one thread / none, or on one
 * thread / on `threads`, for each program that did not fail and whose STM runs committed.
 */
function recomputedLine(result: SuiteResult, stm: string, target: string, threads: number): { label: string; figures: Map<string, number>; leftOut: string[] } {
  const figures = new Map<string, number>();
  const leftOut: string[] = [];
  const seconds = (p: ProgramResult, s: string, t: number): number => p.configs.find((c) => c.stm === s && c.target === target && c.threads === t)!.seconds;
  for (const p of result.programs) {
    const config = p.configs.find((c) => c.stm === stm && c.target === target && c.threads === threads);
    if (p.error !== undefined || config!.runs.every((r) => r.commits === 0)) leftOut.push(p.name);
    else figures.set(p.name, seconds(p, stm, 1) / (threads === 1 ? seconds(p, "none", 1) : seconds(p, stm, threads)));
  }
  const label = threads === 1 ? `${stm} ×1 / none (${target})` : `${stm} ×${threads} / ×1 speedup (${target})`;
  return { label, figures, leftOut };
}

/** What the summary line prints up to its figures: "- etl ×1 / none (wasm32): 1.23 geomean over 2 of 4 programs". */
const printedHead = (line: SummaryLine): string =>
  `- ${line.label}: ${line.geomean!.toFixed(2)} geomean over ${line.figures.length} of ${line.figures.length + line.leftOut.length} programs`;

describe("stmc bench", () => {
  const fixtures = path.join(ROOT, "test/bench-fixture");

  describe("on test/bench-fixture (a failing program, one without transactions, two with)", () => {
    let dir: string;
    let r: RunOutput;
    let result: SuiteResult;
    let html: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-bench-test-"));
      const json = path.join(dir, "out.json");
      const report = path.join(dir, "report");
      r = cli(["bench", "--programs-dir", fixtures, "--threads", "1,2", "--repeat", "2", "--json", json, "--report", report]);
      result = JSON.parse(fs.readFileSync(json, "utf8")) as SuiteResult;
      html = fs.readFileSync(path.join(report, "index.html"), "utf8");
    }, SLOW.timeout);
    afterAll(() => {
      if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("runs the configurations, derives the ratios, writes the table, the JSON and the HTML report, and reports a failing program", () => {
      expect(r.exitCode).toBe(1); // broken.ts fails its check
      expect(r.stdout).toMatch(/\| tiny +\| etl ×2 wasm32 +\|/);
      expect(r.stdout).toMatch(/\| broken +\| FAILED: error: broken: self-check failed/);
      expect(r.stderr).toMatch(/\[\d+\/16\] tiny \(small\): etl ×2 \(wasm32\)/);
      expect(result.machine.cores).toBeGreaterThan(0);
      expect(result.options).toMatchObject({ threads: [1, 2], stms: ["etl"], targets: ["wasm32"], size: "small", repeat: 2 });
      const tiny = result.programs.find((p) => p.name === "tiny")!;
      expect(tiny.error).toBeUndefined();
      expect(tiny.configs.map((c) => `${c.stm}×${c.threads}`)).toEqual(["reference×1", "none×1", "etl×1", "etl×2"]);
      expect(r.stdout).toMatch(/\| seconds \| min–max +\| speedup/);
      for (const c of tiny.configs) {
        expect(c.runs).toHaveLength(2);
        expect(c.seconds).toBeGreaterThan(0);
        // The spread: ordered, and the runs' own extremes.
        expect(c.minSeconds).toBeLessThanOrEqual(c.seconds);
        expect(c.seconds).toBeLessThanOrEqual(c.maxSeconds);
        expect([c.minSeconds, c.maxSeconds]).toEqual([Math.min(...c.runs.map((x) => x.seconds)), Math.max(...c.runs.map((x) => x.seconds))]);
        expect(c.peakRssMiB).toBeGreaterThan(0);
      }
      const [reference, none, etl1, etl2] = tiny.configs;
      expect(none.vsV8).toBeCloseTo(none.seconds / reference.seconds);
      expect(etl1.speedup).toBeCloseTo(1);
      expect(etl2.speedup).toBeCloseTo(etl1.seconds / etl2.seconds);
      expect(etl2.overheadVsNone).toBeCloseTo(etl2.seconds / none.seconds);
      expect(etl2.runs[0].commits).toBeGreaterThan(0);
      // Compiled runs are timed from main's call; their start-up is reported apart.
      for (const c of [none, etl1, etl2]) expect(c.runs.every((run) => run.startupSeconds! > 0)).toBe(true);
      expect(reference.runs[0].startupSeconds).toBeUndefined();
      const failures = result.programs.filter((p) => p.error !== undefined).map((p) => `${p.name}: ${p.error}`);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatch(/^broken: .*self-check failed/);
      expect(html).toContain("<h2>tiny</h2>");
      expect(html).toMatch(/<svg[^>]*aria-label="speedup by threads"/);
      expect(html).toContain("etl wasm32");
      // A legend apart from the lines (the ideal speedup named too) and error bars from the runs' spread.
      expect(html).toMatch(/<g class="legend">.*ideal.*etl wasm32.*<\/g>/);
      expect(html).toContain('class="error-bar"');
    });

    it("summarizes each STM and target in the JSON: geometric means equal to their recomputation from the medians", () => {
      const expected = [recomputedLine(result, "etl", "wasm32", 1), recomputedLine(result, "etl", "wasm32", 2)];
      expect(result.summary.map((l) => l.label)).toEqual(expected.map((e) => e.label));
      result.summary.forEach((line, i) => {
        const { figures, leftOut } = expected[i];
        expect(line.leftOut.map((p) => p.program)).toEqual(leftOut);
        expect(new Set(line.figures.map((f) => f.program))).toEqual(new Set(figures.keys()));
        for (const f of line.figures) expect(f.value).toBeCloseTo(figures.get(f.program)!, 9);
        expect(line.geomean).toBeCloseTo(geomean([...figures.values()]), 9);
      });
      // Left out: the failing program, and the one whose STM runs committed no transaction.
      expect(result.summary[0].leftOut).toEqual([
        { program: "broken", reason: "failed" },
        { program: "sequential", reason: "no transactions" },
      ]);
      expect(result.summary[0].figures).toHaveLength(2);
    });

    it("prints the summary under the table, each line over how many programs, with each program's figure worst first", () => {
      const summaryAt = r.stdout.indexOf("Summary: geometric means over the programs");
      expect(summaryAt).toBeGreaterThan(r.stdout.indexOf("| tiny "));
      const printed = r.stdout.slice(summaryAt).split("\n").filter((l) => l.startsWith("- "));
      expect(printed).toHaveLength(result.summary.length);
      result.summary.forEach((line, i) => {
        const worstFirst = [...line.figures].sort((a, b) => (line.ratio === "overhead" ? b.value - a.value : a.value - b.value));
        const figures = worstFirst.map((f) => `${f.program} ${f.value.toFixed(2)}`).join(", ");
        expect(printed[i]).toBe(`${printedHead(line)}; ${figures}; left out: broken (failed), sequential (no transactions)`);
      });
    });

    it("puts the summary in the HTML report", () => {
      expect(html).toContain("<h2>Summary</h2>");
      for (const line of result.summary) expect(html).toContain(`<td>${line.label}</td><td>${line.geomean!.toFixed(2)}</td><td>2 of 4</td>`);
    });
  });

  it("summarizes every STM and thread count; prints the three worst and three best figures of a long list", () => {
    const overheads = [1.5, 3, 1.2, 2, 5, 1.1, 1.3, 2.5];
    const speedups = [1.9, 0.5, 1.4, 1.1, 0.8, 1.7, 1.2, 1.6];
    const programs = overheads.map((overhead, i) => syntheticProgram(`p${i + 1}`, { overhead, speedup2: speedups[i], speedup4: speedups[i] * 1.5 }));
    const planned = [1, 2, 4].map((threads) => ({ target: "wasm32" as const, stm: "gil" as const, threads }));
    const summary = summarize(programs, [{ target: "wasm32", stm: "none", threads: 1 }, ...planned]);
    expect(summary.map((l) => l.label)).toEqual(["gil ×1 / none (wasm32)", "gil ×2 / ×1 speedup (wasm32)", "gil ×4 / ×1 speedup (wasm32)"]);
    expect(summary[0].geomean).toBeCloseTo(geomean(overheads), 9);
    expect(summary[1].geomean).toBeCloseTo(geomean(speedups), 9);
    expect(summary[2].geomean).toBeCloseTo(geomean(speedups.map((s) => s * 1.5)), 9);
    const printed = formatSummary(suiteOf(programs, summary)).split("\n");
    expect(printed).toContain(`${printedHead(summary[0])}; p5 5.00, p2 3.00, p8 2.50, …, p7 1.30, p3 1.20, p6 1.10`);
    expect(printed).toContain(`${printedHead(summary[1])}; p2 0.50, p5 0.80, p4 1.10, …, p8 1.60, p6 1.70, p1 1.90`);
  });

  it("leaves out a ratio that was not measured (no 1-thread run to compare with)", () => {
    const programs = [syntheticProgram("p", {})];
    const summary = summarize(programs, [{ target: "wasm32", stm: "gil", threads: 2 }]);
    expect(formatSummary(suiteOf(programs, summary))).toContain("- gil ×2 / ×1 speedup (wasm32): - geomean over 0 of 1 programs; left out: p (not measured)");
  });

  it("measures a wasm64 module in its child process (memory64 enabled there first on Node 20)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-bench-wasm64-"));
    try {
      const file = path.join(dir, "tiny.wasm");
      fs.writeFileSync(file, compileOrThrow(path.join(fixtures, "tiny.ts"), { target: "wasm64", stm: "etl" }));
      const run = measure(["stmc", file, "2"]);
      expect(run.m.exitCode).toBe(0);
      expect(run.m.commits).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("measures each configuration's peak memory in its own child: a program that holds 64 MiB more peaks higher", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-bench-rss-"));
    try {
      const peak = (name: string, source: string): number => {
        const ts = path.join(dir, `${name}.ts`);
        fs.writeFileSync(ts, `import { f64, i32, print } from "stmc";\nexport function main(): void {\n${source}\n}\n`);
        const wasm = path.join(dir, `${name}.wasm`);
        fs.writeFileSync(wasm, compileOrThrow(ts, { target: "wasm32", stm: "none" }));
        return measure(["stmc", wasm, "1"]).m.peakRssKiB;
      };
      const small = peak("small", "  print(1);");
      const large = peak("large", "  const a = new Array<f64>(8388608).fill(1.5);\n  let s = 0.0;\n  for (let i = 0; i < a.length; i += 4096) s += a[i];\n  print(s);");
      expect(large - small).toBeGreaterThan(48 * 1024);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("benches the user's own program file beside the suite's, by path; a missing file is a usage error", () => {
    const own = path.join(fixtures, "tiny.ts");
    const r = cli(["bench", own, "--threads", "1", "--repeat", "1", "--stm", "tl2"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/\| tiny +\| tl2 ×1 wasm32 +\|/);
    const missing = cli(["bench", path.join(fixtures, "missing.ts")]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("cannot read");
  });

  it("selects programs by name prefix; a name that matches nothing is a usage error", () => {
    const r = cli(["bench", "nothing_like_this", "--programs-dir", fixtures]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("no benchmark program matches 'nothing_like_this' (programs: broken, sequential, shared, tiny)");
  });

  it("rejects bad lists", () => {
    expect(cli(["bench", "--threads", "1,zero"]).exitCode).toBe(2);
    expect(cli(["bench", "--stm", "etl,stm2"]).exitCode).toBe(2);
    expect(cli(["bench", "--size", "huge"]).exitCode).toBe(2);
  });
});

/** A program's configurations with the given ratios (what the suite would have derived), as a ProgramResult. */
function syntheticProgram(name: string, ratios: { overhead?: number; speedup2?: number; speedup4?: number }): ProgramResult {
  const config = (threads: number, figures: Partial<ConfigResult>): ConfigResult => ({
    target: "wasm32",
    stm: "gil",
    threads,
    runs: [{ seconds: 1, peakRssKiB: 1024, baseRssKiB: 512, exitCode: 0, commits: 10, aborts: 0 }],
    seconds: 1,
    peakRssMiB: 1,
    ...figures,
  });
  return {
    name,
    size: "small",
    configs: [config(1, { overheadVsNone: ratios.overhead, speedup: 1 }), config(2, { speedup: ratios.speedup2 }), config(4, { speedup: ratios.speedup4 })],
  };
}

function suiteOf(programs: ProgramResult[], summary: SummaryLine[]): SuiteResult {
  return {
    machine: { cores: 2, node: "v20", platform: "linux x64", cpu: "test" },
    options: { threads: [1, 2, 4], stms: ["gil"], targets: ["wasm32"], size: "small", repeat: 1 },
    started: "2025-01-01T00:00:00.000Z",
    programs,
    summary,
  };
}
