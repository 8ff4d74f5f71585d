// The suite's summary: for each STM and target, the geometric mean over the programs of its
// overhead on one thread (the ×1 configuration's overheadVsNone: ×1 / none) and of its speedup at
// each other thread count (that configuration's speedup: ×1 / ×N), both as the suite derived them
// (suite.ts). A program without the ratio (it failed, or its STM runs committed no transaction:
// nothing of the STM to measure) is left out of the mean and named, with why.
import type { StmAlgorithm } from "../../runtime/abi.js";
import type { TargetName } from "../../targets/target.js";
import type { ConfigResult, PlannedConfig, ProgramResult } from "./suite.js";

/** Which ratio a summary line averages. */
export type SummaryRatio = "overhead" | "speedup";

export interface ProgramFigure {
  program: string;
  value: number;
}

export interface LeftOutProgram {
  program: string;
  reason: "failed" | "no transactions" | "not measured";
}

/** One STM on one target: one ratio's geometric mean over the programs that have it. */
export interface SummaryLine {
  /** e.g. "etl ×1 / none (wasm32)", "etl ×2 / ×1 speedup (wasm32)". */
  label: string;
  stm: StmAlgorithm;
  target: TargetName;
  threads: number;
  ratio: SummaryRatio;
  /** Geometric mean of `figures`; absent when no program has the ratio. */
  geomean?: number;
  /** Each program's ratio, worst first (the highest overhead, the lowest speedup). */
  figures: ProgramFigure[];
  /** The programs without the ratio, in suite order. */
  leftOut: LeftOutProgram[];
}

/** One line per planned STM configuration (none is the baseline): its overhead on one thread, its speedup on more. */
export function summarize(programs: ProgramResult[], planned: PlannedConfig[]): SummaryLine[] {
  return planned.filter((c) => c.stm !== "none").map((c) => summaryLine(programs, c, c.threads === 1 ? "overhead" : "speedup"));
}

const geometricMean = (values: number[]): number | undefined =>
  values.length === 0 ? undefined : Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);

function summaryLine(programs: ProgramResult[], config: PlannedConfig, ratio: SummaryRatio): SummaryLine {
  const figures: ProgramFigure[] = [];
  const leftOut: LeftOutProgram[] = [];
  for (const program of programs) {
    const figure = programFigure(program, config, ratio);
    if (typeof figure === "number") figures.push({ program: program.name, value: figure });
    else leftOut.push({ program: program.name, reason: figure.reason });
  }
  return {
    label: summaryLabel(config, ratio),
    stm: config.stm,
    target: config.target,
    threads: config.threads,
    ratio,
    geomean: geometricMean(figures.map((f) => f.value)),
    figures: worstFirst(figures, ratio),
    leftOut,
  };
}

function summaryLabel(config: PlannedConfig, ratio: SummaryRatio): string {
  const what = ratio === "overhead" ? `×${config.threads} / none` : `×${config.threads} / ×1 speedup`;
  return `${config.stm} ${what} (${config.target})`;
}

/** The program's ratio for `config`, or why it has none. */
function programFigure(program: ProgramResult, config: PlannedConfig, ratio: SummaryRatio): number | Pick<LeftOutProgram, "reason"> {
  if (program.error !== undefined) return { reason: "failed" };
  const measured = program.configs.find((c) => c.target === config.target && c.stm === config.stm && c.threads === config.threads);
  if (measured !== undefined && committedNoTransaction(measured)) return { reason: "no transactions" };
  const value = ratio === "overhead" ? measured?.overheadVsNone : measured?.speedup;
  return value ?? { reason: "not measured" };
}

const committedNoTransaction = (config: ConfigResult): boolean => config.runs.every((r) => r.commits === 0);

/** The highest overheads first, the lowest speedups first. */
function worstFirst(figures: ProgramFigure[], ratio: SummaryRatio): ProgramFigure[] {
  const direction = ratio === "overhead" ? -1 : 1;
  return [...figures].sort((a, b) => direction * (a.value - b.value));
}
