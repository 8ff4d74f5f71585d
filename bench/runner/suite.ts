// The benchmark suite behind `stmc bench`: for each selected program, its reference run on V8,
// the uninstrumented build (--stm none, one thread), and each STM at each thread count, per
// target; every configuration run N times in a child process of its own (bench/runner/measure.ts),
// its median kept, and the ratios derived: speedup over 1 thread, overhead over none, time
// against V8; then, per STM and target, their geometric means over the programs (summary.ts).
// A compiled run must print what the reference printed (programs check themselves too); a
// program that fails is reported and the suite goes on.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { StmAlgorithm } from "../../runtime/abi.js";
import type { TargetName } from "../../targets/target.js";
import { compileFile, formatDiagnostics } from "../../compiler/index.js";
import { measure, type Measurement } from "./measure.js";
import { entryFor, type BenchProgram, type Size } from "./programs.js";
import { summarize, type SummaryLine } from "./summary.js";

export interface SuiteOptions {
  programs: BenchProgram[];
  threads: number[];
  stms: StmAlgorithm[];
  targets: TargetName[];
  size: Size;
  repeat: number;
  /** Progress lines (stderr). */
  progress: (line: string) => void;
}

/** A configuration of the plan: one build (target and STM) run on a number of threads. */
export interface PlannedConfig {
  target: TargetName;
  stm: StmAlgorithm;
  threads: number;
}

/** One configuration's runs and their median. */
export interface ConfigResult {
  target: TargetName | "v8";
  stm: StmAlgorithm | "reference";
  threads: number;
  runs: Measurement[];
  /** Median wall time, seconds. */
  seconds: number;
  /** The fastest and the slowest of its runs, seconds (the spread around the median). */
  minSeconds: number;
  maxSeconds: number;
  /** Largest peak RSS of its runs, MiB. */
  peakRssMiB: number;
  /** Aborted attempts per attempt (compiled STM runs), median run. */
  abortRate?: number;
  /** Median seconds of this STM and target on one thread / this. */
  speedup?: number;
  /** The runs of the two configurations a ratio compares overlap: the ratio is within the noise. */
  speedupWithinSpread?: boolean;
  overheadWithinSpread?: boolean;
  /** This / median seconds of --stm none on the same target. */
  overheadVsNone?: number;
  /** This / the reference's median seconds. */
  vsV8?: number;
}

export interface ProgramResult {
  name: string;
  size: Size;
  configs: ConfigResult[];
  /** Set when the program failed (did not compile, failed, or printed something else). */
  error?: string;
}

export interface SuiteResult {
  machine: { cores: number; node: string; platform: string; cpu: string };
  options: { threads: number[]; stms: StmAlgorithm[]; targets: TargetName[]; size: Size; repeat: number };
  started: string;
  programs: ProgramResult[];
  /** Per STM and target: the geometric means of its overhead and speedups over the programs. */
  summary: SummaryLine[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The configurations of one program, in the order they run. */
function plan(options: SuiteOptions): PlannedConfig[] {
  const configs: PlannedConfig[] = [];
  for (const target of options.targets) {
    configs.push({ target, stm: "none", threads: 1 });
    for (const stm of options.stms.filter((s) => s !== "none")) for (const threads of options.threads) configs.push({ target, stm, threads });
  }
  return configs;
}

export function runSuite(options: SuiteOptions): SuiteResult {
  const result: SuiteResult = {
    machine: { cores: os.availableParallelism(), node: process.version, platform: `${os.platform()} ${os.arch()}`, cpu: os.cpus()[0]?.model ?? "unknown" },
    options: { threads: options.threads, stms: options.stms, targets: options.targets, size: options.size, repeat: options.repeat },
    started: new Date().toISOString(),
    programs: [],
    summary: [],
  };
  const configs = plan(options);
  const total = options.programs.length * (configs.length + 1);
  let done = 0;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-bench-"));
  try {
    for (const program of options.programs) {
      const entry = entryFor(program, options.size, workDir);
      const programResult: ProgramResult = { name: program.name, size: options.size, configs: [] };
      result.programs.push(programResult);
      const step = (what: string) => options.progress(`[${++done}/${total}] ${program.name} (${options.size}): ${what}`);
      try {
        step("reference on V8");
        const reference = runConfig(["reference", entry], options.repeat, null);
        programResult.configs.push({ target: "v8", stm: "reference", threads: 1, ...reference.summary });
        for (const config of configs) {
          step(`${config.stm} ×${config.threads} (${config.target})`);
          const wasm = compiled(workDir, entry, program.name, config.target, config.stm);
          const runs = runConfig(["stmc", wasm, String(config.threads)], options.repeat, reference.output);
          programResult.configs.push({ ...config, ...runs.summary });
        }
        derive(programResult.configs);
      } catch (error) {
        programResult.error = error instanceof Error ? error.message : String(error);
        options.progress(`  ${program.name} failed: ${programResult.error.split("\n")[0]}`);
        done = result.programs.length * (configs.length + 1);
      }
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  result.summary = summarize(result.programs, configs);
  return result;
}

/** Compiles `entry` for a target and STM once (-O3); returns the module's path. */
function compiled(workDir: string, entry: string, name: string, target: TargetName, stm: StmAlgorithm): string {
  const file = path.join(workDir, `${name}.${target}.${stm}.wasm`);
  if (fs.existsSync(file)) return file;
  const result = compileFile(entry, { target, stm, optimizeLevel: 3 });
  if (!result.ok) throw new Error(`does not compile:\n${formatDiagnostics(result.diagnostics)}`);
  fs.writeFileSync(file, result.wasm);
  return file;
}

function runConfig(args: string[], repeat: number, expectedOutput: string | null): { output: string; summary: Omit<ConfigResult, "target" | "stm" | "threads"> } {
  const runs: Measurement[] = [];
  let output = "";
  for (let i = 0; i < repeat; i++) {
    const run = measure(args);
    if (expectedOutput !== null && run.output !== expectedOutput) {
      throw new Error(`printed something else than the reference:\n${run.output.slice(0, 400)}`);
    }
    output = run.output;
    runs.push(run.m);
  }
  const seconds = median(runs.map((r) => r.seconds));
  const middle = runs.find((r) => r.seconds === seconds) ?? runs[0];
  const attempts = (middle.commits ?? 0) + (middle.aborts ?? 0);
  return {
    output,
    summary: {
      runs,
      seconds,
      minSeconds: Math.min(...runs.map((r) => r.seconds)),
      maxSeconds: Math.max(...runs.map((r) => r.seconds)),
      peakRssMiB: Math.max(...runs.map((r) => r.peakRssKiB)) / 1024,
      abortRate: middle.aborts === undefined || attempts === 0 ? undefined : middle.aborts / attempts,
    },
  };
}

/** Whether two configurations' runs overlap (each has runs as fast as the other's slowest): with several runs, a ratio between them may be noise. */
function overlap(a: ConfigResult, b: ConfigResult): boolean {
  return a.runs.length > 1 && b.runs.length > 1 && a.minSeconds <= b.maxSeconds && b.minSeconds <= a.maxSeconds;
}

/** Speedup over one thread, overhead over none, time against V8. */
function derive(configs: ConfigResult[]): void {
  const reference = configs.find((c) => c.stm === "reference");
  for (const c of configs) {
    if (c.stm === "reference") continue;
    if (reference !== undefined) c.vsV8 = c.seconds / reference.seconds;
    const none = configs.find((x) => x.target === c.target && x.stm === "none");
    if (none !== undefined && c.stm !== "none") {
      c.overheadVsNone = c.seconds / none.seconds;
      c.overheadWithinSpread = overlap(c, none);
    }
    const single = configs.find((x) => x.target === c.target && x.stm === c.stm && x.threads === 1);
    if (single !== undefined && c.stm !== "none" && single !== c) {
      c.speedup = single.seconds / c.seconds;
      c.speedupWithinSpread = overlap(c, single);
    } else if (single === c && c.stm !== "none") c.speedup = 1;
  }
}
