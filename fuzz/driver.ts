// The fuzz loop: case n of seed S is fast-check's n-th value for that seed, checked by the oracle;
// a failing case is shrunk by replaying it in fast-check (path n) with the same oracle check.
import type { StmAlgorithm } from "../runtime/abi.js";
import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildCase, type Case, caseArbitrary, type CaseRecipe } from "./cases.js";
import { LIB_PLACEHOLDER } from "./gen/program.js";
import type { GenOptions } from "./options.js";
import { type Failure, Oracle } from "./run/oracle.js";
import type { OptLevel, RunConfig } from "./run/protocol.js";
import type { TargetName } from "../targets/target.js";

export interface FuzzOptions {
  gen: GenOptions;
  seed: number;
  count: number;
  /** Run only case `only` (to reproduce a failure). */
  only?: number;
  /** The first case's number: a long run split into pieces (`from` 0, count 2500; `from` 2500, …) checks the same cases as one run. */
  from?: number;
  /** Compile for each of these targets; each case takes one -O level of `optLevels`, in turn. */
  targets: TargetName[];
  optLevels: OptLevel[];
  /** STM algorithms, one per case in turn (etl when absent). */
  stms?: StmAlgorithm[];
  /** Alternate targets across cases instead of compiling every case for each, and run one case in three on `threads` too (the npm test sample). */
  alternateTargets: boolean;
  /** Also run on this many threads (0: one thread only). */
  threads: number;
  /** One in `mutantEvery` cases is an ill-formed program. */
  mutantEvery: number;
  /** Cases checked at the same time (each with its own child processes). */
  jobs: number;
  gcStress: boolean;
  /** Seconds to spend shrinking each failure (0: do not shrink). */
  shrinkSeconds: number;
  progress?: (line: string) => void;
  /** Called with each failure once it is shrunk. */
  onFailure?: (f: FoundFailure) => void;
}

export interface FoundFailure {
  index: number;
  failure: Failure;
  case: Case;
  /** The shrunk case (the same as `case` when not shrunk). */
  shrunk: Case;
  shrunkFailure: Failure;
}

export interface FuzzSummary {
  programs: number;
  mutants: number;
  passed: number;
  /** Well-typed programs whose reference run ended normally (not with a runtime error). */
  completed: number;
  failures: FoundFailure[];
  seconds: number;
}

function title(seed: number, index: number): string {
  return `stmc fuzz case: seed ${seed}, case ${index}`;
}

/** The configurations case `n` is checked with. */
export function configsFor(o: FuzzOptions, n: number): RunConfig[] {
  // Alternating (the npm test sample), one case in three runs on T threads as well.
  const threads = o.threads > 1 && (!o.alternateTargets || n % 3 === 1) ? [1, o.threads] : [1];
  const optimizeLevel = o.optLevels[n % o.optLevels.length];
  const targets = o.alternateTargets ? [o.targets[Math.floor(n / o.optLevels.length) % o.targets.length]] : o.targets;
  const stm = o.stms === undefined ? "etl" : o.stms[n % o.stms.length];
  return targets.map((target) => ({ target, optimizeLevel, stm, threads }));
}

/** Writes the case as `<name>.ts` (and `<name>_lib.ts`) in `dir`; returns the files written. */
export function writeCase(dir: string, c: Case, name: string): string[] {
  const files = [`${name}.ts`];
  fs.writeFileSync(path.join(dir, files[0]), c.text.replace(LIB_PLACEHOLDER, `${name}_lib`));
  if (c.lib !== undefined) {
    files.push(`${name}_lib.ts`);
    fs.writeFileSync(path.join(dir, files[1]), c.lib);
  }
  return files;
}

async function check(oracle: Oracle, workDir: string, c: Case, name: string, configs: RunConfig[]): Promise<Failure | null> {
  const files = writeCase(workDir, c, name);
  try {
    return c.k === "program" ? await oracle.checkProgram(files[0], configs) : await oracle.checkMutant(files[0], c.mustReject, c.text.split("\n").length);
  } finally {
    for (const f of files) fs.rmSync(path.join(workDir, f), { force: true });
  }
}

/** The cases a run checks: `count` from case `from`, or case `only`; case n is the same in every run of a seed. */
export function selectedCases(o: Pick<FuzzOptions, "gen" | "mutantEvery" | "seed" | "count" | "only" | "from">): { first: number; cases: CaseRecipe[] } {
  const first = o.only ?? o.from ?? 0;
  const numRuns = o.only === undefined ? first + o.count : first + 1;
  return { first, cases: fc.sample(caseArbitrary(o.gen, o.mutantEvery), { seed: o.seed, numRuns }).slice(first) };
}

export async function fuzz(o: FuzzOptions): Promise<FuzzSummary> {
  const start = performance.now();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-fuzz-"));
  const { first, cases: recipes } = selectedCases(o);
  const oracles = Array.from({ length: Math.max(1, o.jobs) }, () => new Oracle({ workDir, gcStress: o.gcStress, compileTimeoutMs: 120_000 }));
  const summary: FuzzSummary = { programs: 0, mutants: 0, passed: 0, completed: 0, failures: [], seconds: 0 };
  let next = 0;
  let done = 0;
  const report = () => {
    const minutes = (performance.now() - start) / 60_000;
    const kinds = new Map<string, number>();
    for (const f of summary.failures) kinds.set(f.failure.kind, (kinds.get(f.failure.kind) ?? 0) + 1);
    const detail = [...kinds].map(([k, n]) => `${k} ${n}`).join(", ");
    o.progress?.(`${done}/${recipes.length} cases, ${summary.passed} passed, ${summary.failures.length} failures${detail ? ` (${detail})` : ""}, ${(done / minutes).toFixed(0)} cases/min`);
  };
  const worker = async (oracle: Oracle) => {
    while (next < recipes.length) {
      const i = next++;
      const n = first + i;
      const c = buildCase(recipes[i], o.gen, title(o.seed, n));
      if (c.k === "program") summary.programs++;
      else summary.mutants++;
      const failure = await check(oracle, workDir, c, `c${n}`, configsFor(o, n));
      const reference = c.k === "program" ? oracle.lastReference : undefined;
      if (reference?.exitCode === 0 && reference.stderr === "") summary.completed++;
      if (failure === null) summary.passed++;
      else {
        const found = await shrink(o, oracle, workDir, n, c, failure);
        summary.failures.push(found);
        o.onFailure?.(found);
      }
      done++;
      if (done % 10 === 0 || done === recipes.length) report();
    }
  };
  try {
    await Promise.all(oracles.map(worker));
  } finally {
    for (const oracle of oracles) {
      oracle.close();
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  summary.failures.sort((a, b) => a.index - b.index);
  summary.seconds = (performance.now() - start) / 1000;
  return summary;
}

/** Replays case n in fast-check and keeps the smallest variant that fails the same way. */
async function shrink(o: FuzzOptions, oracle: Oracle, workDir: string, n: number, original: Case, failure: Failure): Promise<FoundFailure> {
  const found: FoundFailure = { index: n, failure, case: original, shrunk: original, shrunkFailure: failure };
  if (o.shrinkSeconds <= 0) return found;
  const configs = failure.config !== undefined ? [failure.config] : configsFor(o, n);
  let attempt = 0;
  const property = fc.asyncProperty(caseArbitrary(o.gen, o.mutantEvery), async (r: CaseRecipe) => {
    const c = buildCase(r, o.gen, title(o.seed, n));
    const f = await check(oracle, workDir, c, `s${n}-${attempt++}`, configs);
    if (f === null || f.signature !== failure.signature) return true;
    found.shrunk = c;
    found.shrunkFailure = f;
    return false;
  });
  await fc.check(property, { seed: o.seed, path: String(n), numRuns: 1, interruptAfterTimeLimit: o.shrinkSeconds * 1000, markInterruptAsFailure: false });
  return found;
}
