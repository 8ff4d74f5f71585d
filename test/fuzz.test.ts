// A fixed-seed sample of the fuzzer (fuzz/, docs/fuzzing.md): generated well-typed programs,
// compiled for one target each (alternating, with -O levels and STM algorithms in turn) and run on 1 thread (one in
// three also on 2), must print what their reference run prints; generated ill-formed programs
// must get positioned diagnostics. `npm run fuzz` runs the same with any seed and count, and
// shrinks what fails.
import { describe, expect, it } from "vitest";
import { fuzz, type FuzzOptions, selectedCases } from "../fuzz/driver.js";
import { DEFAULT_GEN_OPTIONS } from "../fuzz/options.js";

const OPTIONS: FuzzOptions = {
  gen: { ...DEFAULT_GEN_OPTIONS, size: "small" },
  seed: 20261130,
  count: 250,
  targets: ["wasm32", "wasm64"],
  optLevels: [0, 2, 0, 1],
  stms: ["etl", "tl2", "etl", "norec", "etl"],
  alternateTargets: true,
  threads: 2,
  mutantEvery: 3,
  jobs: 1,
  gcStress: false,
  shrinkSeconds: 0,
};

const REPRODUCE = `npm run fuzz -- --seed ${OPTIONS.seed} --size small --mutants-every ${OPTIONS.mutantEvery} -O ${OPTIONS.optLevels.join(",")} --stm ${OPTIONS.stms!.join(",")} --threads ${OPTIONS.threads}`;

describe("fuzz sample", () => {
  it(`${OPTIONS.count} generated cases of seed ${OPTIONS.seed}: reference output, or positioned diagnostics`, async () => {
    const summary = await fuzz(OPTIONS);
    // Both kinds were generated, and most programs ran to their end (the sample is not all early failures).
    expect(summary.programs).toBeGreaterThan(OPTIONS.count / 2);
    expect(summary.mutants).toBeGreaterThan(OPTIONS.count / 6);
    expect(summary.completed).toBeGreaterThan(summary.programs / 2);
    const report = summary.failures.map(
      (f) => `case ${f.index}: ${f.failure.kind} at ${f.failure.where} (${REPRODUCE} --only ${f.index})\n${f.failure.detail}\n--- program ---\n${f.case.text}`,
    );
    expect(report.join("\n\n")).toBe("");
  }, 600_000);
});

describe("cases the long run found", () => {
  // The options of `npm run fuzz -- --seed 20261210 --threads 3`, the run docs/fuzzing.md records.
  const LONG_RUN: FuzzOptions = { ...OPTIONS, gen: DEFAULT_GEN_OPTIONS, seed: 20261210, count: 1, mutantEvery: 4, optLevels: [2], alternateTargets: false, threads: 3 };
  const found: Array<[number, string]> = [
    [4507, "no comparison of `this` with a subclass's object (TypeScript: the types have no overlap)"],
    [6003, "no bare return in a do-while body (what follows the loop would be unreachable, without narrowing)"],
  ];
  for (const [index, what] of found) {
    it(`case ${index} of seed 20261210: ${what}`, async () => {
      const summary = await fuzz({ ...LONG_RUN, only: index });
      expect(summary.failures.map((f) => f.failure.detail)).toEqual([]);
      expect(summary.programs).toBe(1);
    }, 120_000);
  }
});

describe("fuzz case numbering", () => {
  it("a run split with --from checks the cases of one whole run, and --only picks the same case", () => {
    const whole = selectedCases({ ...OPTIONS, count: 12 });
    const second = selectedCases({ ...OPTIONS, from: 7, count: 5 });
    expect(whole.first).toBe(0);
    expect(second.first).toBe(7);
    expect(second.cases).toEqual(whole.cases.slice(7));
    expect(selectedCases({ ...OPTIONS, only: 9 }).cases).toEqual([whole.cases[9]]);
    expect(selectedCases({ ...OPTIONS, seed: OPTIONS.seed + 1, count: 12 }).cases).not.toEqual(whole.cases);
  });
});
