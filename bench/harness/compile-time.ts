// Compile time, as `stmc compile` spends it: each program compiled by a child process of its own
// (set up like `stmc compile`: bin/tiering.ts), which reports its CPU time (user + system, every
// thread) from start to end, the compile's phases (wall time on the main thread) and its peak
// RSS; then a second compile of the same file in the same process (what `stmc run --watch` and
// the playground pay after a save, V8 settings as in those). Median of --repeat runs.
//   node dist/bench/harness/compile-time.js [--repeat 3] [-O 2] [file.ts ...]
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../../runtime/packageRoot.js";
import { markdownTable } from "./common.js";

const SCRIPT = fileURLToPath(import.meta.url);
const DEFAULT_FILES = ["examples/hello.ts", "examples/richards.ts"];

interface ChildReport {
  cpuMs: number;
  /** CPU from the process's start until the compiler is loaded. */
  startMs: number;
  phases: Record<string, number>;
  peakRssMiB: number;
  again?: { wallMs: number; cpuMs: number };
}

async function child(file: string, level: number, again: boolean): Promise<void> {
  if (!again) (await import("../../bin/tiering.js")).baselineTierOnly();
  await import("#binaryen"); // as `stmc compile` loads it (bin/cli.ts)
  const { compileFile } = await import("../../compiler/index.js");
  const loaded = process.cpuUsage();
  const result = compileFile(file, { target: "wasm32", optimizeLevel: level as 0 | 1 | 2 | 3 });
  if (!result.ok) throw new Error(`${file} does not compile`);
  const ms = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  const report: ChildReport = {
    cpuMs: ms(process.cpuUsage()),
    startMs: ms(loaded),
    phases: result.timings,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  if (again) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    compileFile(file, { target: "wasm32", optimizeLevel: level as 0 | 1 | 2 | 3 });
    report.again = { wallMs: performance.now() - wall, cpuMs: ms(process.cpuUsage(cpu)) };
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runChild(file: string, level: number, again: boolean): ChildReport {
  const r = spawnSync(process.execPath, [SCRIPT, "child", file, String(level), again ? "again" : "once"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`compiling ${file} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as ChildReport;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(argv: string[]): void {
  let repeat = 3;
  let level = 2;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--repeat") repeat = Number(argv[++i]);
    else if (argv[i] === "-O") level = Number(argv[++i]);
    else files.push(argv[i]);
  }
  const root = packageRoot();
  const rows: string[][] = [];
  for (const file of files.length > 0 ? files : DEFAULT_FILES.map((f) => path.join(root, f))) {
    const once = Array.from({ length: repeat }, () => runChild(file, level, false));
    const twice = Array.from({ length: repeat }, () => runChild(file, level, true));
    const phase = (name: string) => median(once.map((r) => r.phases[name] ?? 0)).toFixed(0);
    rows.push([
      path.basename(file),
      (median(once.map((r) => r.cpuMs)) / 1000).toFixed(2),
      (median(once.map((r) => r.startMs)) / 1000).toFixed(2),
      phase("parse"), phase("check"), phase("runtime"), phase("lower"), phase("link"),
      median(once.map((r) => r.peakRssMiB)).toFixed(0),
      median(twice.map((r) => r.again!.wallMs)).toFixed(0),
      median(twice.map((r) => r.again!.cpuMs)).toFixed(0),
    ]);
  }
  process.stdout.write(`${markdownTable(["program", "CPU s (process)", "of which start + load", "parse ms", "check ms", "runtime ms", "lower ms", "link ms", "peak RSS MiB", "again: wall ms", "again: CPU ms"], rows)}\n`);
  process.stdout.write(`-O${level}, wasm32, median of ${repeat}; phases are wall time on the main thread.\n`);
}

if (process.argv[2] === "child") await child(process.argv[3], Number(process.argv[4]), process.argv[5] === "again");
else main(process.argv.slice(2));
