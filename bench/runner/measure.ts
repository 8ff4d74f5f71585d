// One measured run of a benchmark, in a child process of its own (so that its peak RSS is its
// own and nothing of an earlier run stays warm): the program on V8 through the reference runner,
// or a compiled module on N threads. The child prints the program's output, then one JSON line.
//   node dist/bench/runner/measure.js reference <program.ts>
//   node dist/bench/runner/measure.js stmc <module.wasm> <threads>
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../../runtime/packageRoot.js";

/** What one run measured. */
export interface Measurement {
  /**
   * Wall time of the program's main(), in seconds: for a compiled module from the call of main
   * (its threads' instantiation and the runtime's start-up are `startupSeconds`) to its return.
   */
  seconds: number;
  /** Compiled runs: instantiating the module on its first thread and initialising the runtime, seconds. */
  startupSeconds?: number;
  /** Peak resident set of the whole process, in KiB. */
  peakRssKiB: number;
  /** The resident set just before the run, in KiB (Node and the loaded modules). */
  baseRssKiB: number;
  exitCode: number;
  /** Compiled runs: what the STM and the collector did. */
  commits?: number;
  aborts?: number;
  gc?: { collections: number; pauseTotalMs: number; pauseMaxMs: number; heapPeak: number };
}

export interface MeasuredRun {
  output: string;
  m: Measurement;
}

const SCRIPT = fileURLToPath(import.meta.url);
/** The compiled child script, also when the harness runs from source (under vitest). */
const CHILD_SCRIPT = SCRIPT.endsWith(".ts") ? path.join(packageRoot(), "dist", "bench", "runner", "measure.js") : SCRIPT;
const rssKiB = (): number => Math.round(process.memoryUsage().rss / 1024);

/**
 * This process's peak resident set, in KiB. On Linux from /proc (VmHWM, the high-water mark of
 * this process's own memory, which starts afresh at exec): getrusage's ru_maxrss, which
 * process.resourceUsage() reports, keeps the parent's mark across fork and exec, so every child
 * of a large harness reported at least the harness's size.
 */
function peakRssKiB(): number {
  try {
    const hwm = /^VmHWM:\s*(\d+) kB$/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
    if (hwm !== null) return Number(hwm[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

/** Runs one configuration in a child process; throws if the child or the program failed. */
export function measure(args: string[]): MeasuredRun {
  const r = spawnSync(process.execPath, [CHILD_SCRIPT, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  const text = r.stdout ?? "";
  const cut = text.lastIndexOf("\n", text.length - 2);
  const last = cut < 0 ? text : text.slice(cut + 1);
  let m: Measurement | undefined;
  try {
    m = JSON.parse(last) as Measurement;
  } catch {
    m = undefined;
  }
  if (r.status !== 0 || m === undefined || m.exitCode !== 0) {
    // The program's own report first (`error: ...` and where), then the status.
    const why = (r.stderr ?? "").trim().split("\n").slice(0, 6).map((l) => l.trim()).join(" ");
    throw new Error(`${why === "" ? "the program failed" : why} (exit status ${m?.exitCode ?? r.status})`);
  }
  return { output: text.slice(0, Math.max(0, cut + 1)), m };
}

function report(m: Measurement): void {
  fs.writeSync(1, `\n${JSON.stringify(m)}\n`);
}

async function child(kind: string, file: string, threads: string | undefined): Promise<void> {
  if (kind === "reference") {
    const { runReference } = await import("../../runtime/reference/run.js");
    // Untimed first, on an empty program: loads TypeScript, which the reference transpiles with.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-bench-"));
    try {
      const empty = path.join(dir, "empty.ts");
      fs.writeFileSync(empty, "export function main(): void {}\n");
      await runReference(empty);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    let start = 0;
    let base = 0;
    const result = await runReference(file, {
      onStart: () => {
        base = rssKiB();
        start = performance.now();
      },
    });
    const seconds = (performance.now() - start) / 1000;
    report({ seconds, peakRssKiB: peakRssKiB(), baseRssKiB: base, exitCode: result.exitCode });
    return;
  }
  const { instantiate, prepareEngine, ProgramFailedError } = await import("../../runtime/host/index.js");
  // Compiled here, before instantiating: the engine's settings come first (engine.ts: on Node 20
  // the wasm inliner and memory64 are V8 flags).
  prepareEngine();
  const module = new WebAssembly.Module(fs.readFileSync(file));
  const base = rssKiB();
  const loading = performance.now();
  try {
    // Timed from main's call: a small size measures the program, not the start of its threads.
    const app = await instantiate(module, { threads: Number(threads), stdout: (text) => void fs.writeSync(1, text) });
    const start = performance.now();
    const exitCode = await app.main();
    const seconds = (performance.now() - start) / 1000;
    const stats = await app.close();
    const aborts = stats === undefined ? undefined : Object.values(stats.aborts).reduce((a, b) => a + b, 0);
    report({ seconds, startupSeconds: (start - loading) / 1000, peakRssKiB: peakRssKiB(), baseRssKiB: base, exitCode, commits: stats?.commits, aborts, gc: stats?.gc });
  } catch (error) {
    if (!(error instanceof ProgramFailedError)) throw error;
    fs.writeSync(2, error.report);
    report({ seconds: 0, peakRssKiB: peakRssKiB(), baseRssKiB: base, exitCode: 1 });
  }
}

if (process.argv[1] === SCRIPT) await child(process.argv[2], process.argv[3], process.argv[4]);
