// `stmc bench [names… | file.ts…]`: the benchmark suite (bench/runner), or the user's own programs. Options are lists where the suite
// runs several configurations: --threads 1,2,4 --stm etl,gil --target wasm32,wasm64.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { MAX_THREADS, STM_ALGORITHMS, type StmAlgorithm } from "../runtime/abi.js";
import type { TargetName } from "../targets/target.js";

interface BenchCommandOptions {
  threads: number[];
  stm: StmAlgorithm[];
  target: TargetName[];
  size: "small" | "medium" | "large";
  repeat: number;
  json?: string;
  report?: string;
  programsDir?: string;
}

function parseList<T>(value: string, what: string, parse: (item: string) => T | undefined): T[] {
  const items = value.split(",").map((s) => s.trim());
  const parsed = items.map(parse);
  const bad = items.find((_, i) => parsed[i] === undefined);
  if (bad !== undefined || items.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of ${what}.`);
  return [...new Set(parsed as T[])];
}

const threadList = (value: string): number[] =>
  parseList(value, `thread counts from 1 to ${MAX_THREADS}`, (s) => (/^[0-9]+$/.test(s) && Number(s) >= 1 && Number(s) <= MAX_THREADS ? Number(s) : undefined)).sort((a, b) => a - b);
const stmList = (value: string): StmAlgorithm[] => parseList(value, STM_ALGORITHMS.join(", "), (s) => STM_ALGORITHMS.find((a) => a === s));
const targetList = (value: string): TargetName[] => parseList(value, "wasm32, wasm64", (s) => (s === "wasm32" || s === "wasm64" ? s : undefined));
const repeatCount = (value: string): number => {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > 100) throw new InvalidArgumentError("expected a whole number from 1 to 100.");
  return Number(value);
};

/** 1, 2, 4, ... up to the number of cores (and the core count itself). */
function defaultThreads(): number[] {
  const cores = Math.min(os.availableParallelism(), MAX_THREADS);
  const counts: number[] = [];
  for (let t = 1; t < cores; t *= 2) counts.push(t);
  counts.push(cores);
  return counts;
}

/** Adds the bench command; `usageError` prints a usage message and ends with status 2. */
export function addBenchCommand(program: Command, setStatus: (code: number) => void, usageError: (command: Command, message: string) => never): Command {
  return program
    .command("bench")
    .description("run the benchmark suite (bench/programs): V8, --stm none and each STM at each thread count")
    .argument("[names...]", "programs to run, by name prefix (default: all), or your own program files (file.ts: export function main(), and optionally run(size))")
    .addOption(new Option("--threads <list>", "thread counts").argParser(threadList).default(defaultThreads(), "1, 2, 4, ... up to the number of cores"))
    .addOption(new Option("--stm <list>", "STM algorithms (none always runs, on one thread)").argParser(stmList).default(["etl"], "etl"))
    .addOption(new Option("--target <list>", "targets").argParser(targetList).default(["wasm32"], "wasm32"))
    .addOption(new Option("--size <size>", "problem size").choices(["small", "medium", "large"]).default("small"))
    .addOption(new Option("--repeat <n>", "runs per configuration (the median is kept)").argParser(repeatCount).default(3))
    .option("--json <file>", "write every raw figure and the summary as JSON")
    .option("--report <dir>", "write an HTML report (summary, scaling charts, overhead table) to <dir>/index.html")
    .addOption(new Option("--programs-dir <dir>", "testing aid: take the programs from <dir> instead of bench/programs").hideHelp())
    .action(async (names: string[], opts: BenchCommandOptions, command: Command) => {
      // Loaded here: only this command needs the compiler and the runner.
      const { selectPrograms, allPrograms } = await import("../bench/runner/programs.js");
      const { runSuite } = await import("../bench/runner/suite.js");
      const { formatSummary, formatTable, writeHtmlReport } = await import("../bench/runner/report.js");
      const dir = opts.programsDir === undefined ? undefined : path.resolve(opts.programsDir);
      const { programs, unmatched } = selectPrograms(names, dir);
      if (unmatched.length > 0) {
        const files = unmatched.filter((n) => n.endsWith(".ts"));
        if (files.length > 0) usageError(command, `cannot read ${files.map((n) => `'${n}'`).join(", ")}`);
        usageError(command, `no benchmark program matches ${unmatched.map((n) => `'${n}'`).join(", ")} (programs: ${allPrograms(dir).map((p) => p.name).join(", ")})`);
      }
      const result = runSuite({
        programs,
        threads: opts.threads,
        stms: opts.stm,
        targets: opts.target,
        size: opts.size,
        repeat: opts.repeat,
        progress: (line) => void process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${formatTable(result)}\n`);
      const summary = formatSummary(result);
      if (summary !== "") process.stdout.write(`\n${summary}\n`);
      if (opts.json !== undefined) {
        fs.mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
        fs.writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
        process.stderr.write(`wrote ${opts.json}\n`);
      }
      if (opts.report !== undefined) process.stderr.write(`wrote ${writeHtmlReport(result, opts.report)}\n`);
      setStatus(result.programs.some((p) => p.error !== undefined) ? 1 : 0);
    });
}
