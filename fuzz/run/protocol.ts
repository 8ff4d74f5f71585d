// Messages between the fuzzer and its child processes (executor.ts compiles and runs, reference.ts
// runs the reference). Children keep the compiler and TypeScript warm across programs, and a
// program that hangs or crashes one is killed with it, not with the fuzzer.
import type { StmAlgorithm } from "../../runtime/abi.js";
import type { TargetName } from "../../targets/target.js";

export type OptLevel = 0 | 1 | 2 | 3;

/** Math.random's seed in every run, compiled and reference alike (their generators are the same). */
export const RANDOM_SEED = 20261207;

export interface RunConfig {
  target: TargetName;
  optimizeLevel: OptLevel;
  /** The STM algorithm compiled for (etl when absent). */
  stm?: StmAlgorithm;
  /** Thread counts to run the compiled module with. */
  threads: number[];
}

export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface CompileRequest {
  id: number;
  kind: "compile";
  file: string;
  /** Also run the module (well-typed programs); otherwise only compile it (mutants). */
  configs: RunConfig[];
  gcStress: boolean;
}

export interface ConfigResult {
  config: RunConfig;
  /** ok: compiled; rejected: diagnostics (exit status 1); internal: the compiler threw (exit status 70). */
  compile: "ok" | "rejected" | "internal";
  /** formatDiagnostics' text, or the internal error's stack. */
  text: string;
  runs: (Outcome & { threads: number; fatal?: string })[];
}

export interface CompileReply {
  id: number;
  results: ConfigResult[];
}

export interface ReferenceRequest {
  id: number;
  file: string;
}

export interface ReferenceReply {
  id: number;
  exitCode: number;
  /** The runner itself threw (not the program). */
  crash?: string;
}

/** Written to stdout and stderr after each reference run: the output before it is the run's. */
export function marker(id: number): string {
  return `\u0001stmc-fuzz-end-${id}\u0001\n`;
}
