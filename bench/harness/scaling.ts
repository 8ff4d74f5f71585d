// Threads and STM figures: wall time of each program with --stm none (one thread) and with
// each algorithm at 1 and 2 threads (or the counts given), from one run, with the ratios that
// matter: speedup over 1 thread, single-thread overhead over `none`, and the aborts.
//   node dist/bench/harness/scaling.js [--threads 1,2] [program.ts ...]
import os from "node:os";
import path from "node:path";
import { compileFile, formatDiagnostics } from "../../compiler/index.js";
import { runModule, type StmStats } from "../../runtime/host/index.js";
import { packageRoot } from "../../runtime/packageRoot.js";
import type { StmAlgorithm } from "../../runtime/abi.js";

const args = process.argv.slice(2);
const threadsFlag = args.indexOf("--threads");
const threadCounts = threadsFlag >= 0 ? args.splice(threadsFlag, 2)[1].split(",").map(Number) : [1, 2];
const programs = (args.length > 0 ? args : ["richards_steps.ts", "richards_simulations.ts"].map((p) => path.join(packageRoot(), "bench/programs", p))).map((p) =>
  path.resolve(p),
);

interface Row {
  program: string;
  config: string;
  seconds: number;
  stats?: StmStats;
}

async function measure(program: string, stm: StmAlgorithm, threads: number): Promise<Row> {
  const compiled = compileFile(program, { target: "wasm32", optimizeLevel: 3, stm });
  if (!compiled.ok) throw new Error(formatDiagnostics(compiled.diagnostics));
  const start = performance.now();
  const result = await runModule(compiled.wasm, { threads, stdout: () => {} });
  const seconds = (performance.now() - start) / 1000;
  if (result.exitCode !== 0) throw new Error(`${program} --stm ${stm} --threads ${threads} failed: ${result.error?.message}`);
  return { program: path.basename(program), config: `${stm} ×${threads}`, seconds, stats: result.stats };
}

async function main(): Promise<void> {
  process.stderr.write(`${os.availableParallelism()} cores, Node ${process.version}, wasm32 -O3\n`);
  const lines = ["| program | configuration | wall s | vs 1 thread | vs none | aborts | irrevocable |", "| --- | --- | --- | --- | --- | --- | --- |"];
  // A first run warms up what every run shares (worker start-up, V8's compiler) and is not timed.
  await measure(programs[0], "none", 1);
  for (const program of programs) {
    process.stderr.write(`${path.basename(program)}: none\n`);
    const none = await measure(program, "none", 1);
    lines.push(`| ${none.program} | none ×1 | ${none.seconds.toFixed(3)} | - | 1.00 | - | - |`);
    for (const stm of ["gil", "etl"] as StmAlgorithm[]) {
      let single = 0;
      for (const threads of threadCounts) {
        process.stderr.write(`${path.basename(program)}: ${stm} ×${threads}\n`);
        const row = await measure(program, stm, threads);
        if (threads === 1) single = row.seconds;
        const a = row.stats?.aborts;
        const aborts = a === undefined ? "-" : String(a.readLocked + a.readChanged + a.writeLocked + a.validation + a.forced);
        const speedup = single > 0 ? (single / row.seconds).toFixed(2) : "-";
        lines.push(`| ${row.program} | ${row.config} | ${row.seconds.toFixed(3)} | ${speedup} | ${(row.seconds / none.seconds).toFixed(2)} | ${aborts} | ${row.stats?.irrevocable ?? "-"} |`);
      }
    }
  }
  console.log(lines.join("\n"));
}

await main();
