// `npm run stress`: runtime fault injection across the corpus. Every test program, example and
// bench program (size small) is compiled for each target and run at each thread count with
// forced aborts, the collector running at every chunk (`--gc-stress`) and freed memory poisoned
// (`--gc-poison`), threads oversubscribed on purpose; stdout, stderr and the exit status must
// equal the reference run's. Prints a line per program and a summary; exits 1 on any failure.
//
//   npm run stress -- [--threads 1,2,4,8,16] [--target wasm32,wasm64] [--stm etl,tl2,norec] [--abort-rate 0.2] [names...]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { compileFile, formatDiagnostics } from "../compiler/index.js";
import { runModule } from "../runtime/host/index.js";
import { packageRoot } from "../runtime/packageRoot.js";
import { allPrograms, entryFor } from "../bench/runner/programs.js";
import type { TargetName } from "../targets/target.js";
import type { StmAlgorithm } from "../runtime/abi.js";

interface Program {
  readonly name: string;
  readonly file: string;
}

interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const ROOT = packageRoot();
/** Programs whose compiled run cannot equal the reference's (V8 has no heap limit). */
const NO_REFERENCE = new Set(["test/gc/grows_forever.ts"]);

/**
 * The expected stdout of a program whose reference run differs by design (V8 runs no
 * finalizers): `<program>.expected` beside it.
 */
function statedOutput(file: string): string | null {
  const stated = file.replace(/\.ts$/, ".expected");
  return fs.existsSync(stated) ? fs.readFileSync(stated, "utf8") : null;
}

function corpus(workDir: string): Program[] {
  const dirs = ["test/programs", "test/gc", "test/barriers", "test/stm-large", "test/errors/runtime", "examples"];
  const programs: Program[] = [];
  for (const dir of dirs) {
    const full = path.join(ROOT, dir);
    if (!fs.existsSync(full)) continue;
    for (const f of fs.readdirSync(full).filter((f) => f.endsWith(".ts")).sort()) {
      const name = `${dir}/${f}`;
      if (!NO_REFERENCE.has(name)) programs.push({ name, file: path.join(full, f) });
    }
  }
  for (const p of allPrograms()) programs.push({ name: `bench/${p.name}`, file: entryFor(p, "small", workDir) });
  return programs;
}

/** The reference run, in a child process as a user would start it. */
function reference(file: string): Outcome {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/stmc"), "run", "--reference", file], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
}

async function runCompiled(wasm: Uint8Array, threads: number, abortRate: number): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const result = await runModule(wasm, {
    threads,
    forcedAbortRate: abortRate,
    gcStress: true,
    gcPoison: true,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { stdout, stderr, exitCode: result.exitCode };
}

/** The first difference between two outcomes, or null. */
function difference(expected: Outcome, actual: Outcome): string | null {
  if (actual.exitCode !== expected.exitCode) return `exit status ${actual.exitCode}, reference ${expected.exitCode}; stderr: ${actual.stderr.slice(0, 300)}`;
  if (actual.stderr !== expected.stderr) return `stderr ${JSON.stringify(actual.stderr.slice(0, 300))}, reference ${JSON.stringify(expected.stderr.slice(0, 300))}`;
  if (actual.stdout !== expected.stdout) {
    const a = actual.stdout.split("\n");
    const e = expected.stdout.split("\n");
    const line = a.findIndex((l, i) => l !== e[i]);
    return `stdout line ${line + 1}: ${JSON.stringify(a[line])}, reference ${JSON.stringify(e[line])}`;
  }
  return null;
}

const USAGE = "usage: npm run stress -- [--threads 1,2,4,8,16] [--target wasm32,wasm64] [--stm etl,tl2,norec] [--abort-rate 0.2] [names...]\n";
/** The algorithms whose transactions abort and roll back: the default. gil and none may be named too (none runs on one thread only). */
const STRESSED: readonly StmAlgorithm[] = ["etl", "tl2", "norec"];
const NAMED: readonly StmAlgorithm[] = [...STRESSED, "gil", "none"];

function options(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      threads: { type: "string", default: "1,2,4,8,16" },
      target: { type: "string", default: "wasm32,wasm64" },
      stm: { type: "string", default: "etl,tl2,norec" },
      "abort-rate": { type: "string", default: "0.2" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof options>;
  try {
    parsed = options(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`stress: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const threadCounts = values.threads.split(",").map(Number);
  const targets = values.target.split(",") as TargetName[];
  const abortRate = Number(values["abort-rate"]);
  const stms = values.stm.split(",") as StmAlgorithm[];
  if (threadCounts.some((t) => !Number.isInteger(t) || t < 1) || targets.some((t) => t !== "wasm32" && t !== "wasm64") || stms.some((s) => !NAMED.includes(s)) || !(abortRate >= 0 && abortRate < 1)) {
    process.stderr.write(`stress: --threads takes counts like 1,2,4; --target wasm32,wasm64; --stm ${NAMED.join(",")}; --abort-rate a number in [0, 1)\n${USAGE}`);
    return 2;
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-stress-"));
  try {
    const programs = corpus(workDir).filter((p) => positionals.length === 0 || positionals.some((n) => p.name.includes(n)));
    const started = performance.now();
    let configurations = 0;
    const failures: string[] = [];
    process.stdout.write(`stress: ${programs.length} programs × ${targets.join(", ")} × ${stms.join(", ")} × threads ${threadCounts.join(", ")}, forced aborts ${abortRate}, gc stress and poison\n`);
    for (const [index, program] of programs.entries()) {
      const ran = reference(program.file);
      const stated = statedOutput(program.file);
      const expected = stated === null ? ran : { ...ran, stdout: stated };
      const problems: string[] = [];
      for (const target of targets) {
        for (const stm of stms) {
          const compiled = compileFile(program.file, { target, optimizeLevel: 2, stm });
          if (!compiled.ok) {
            problems.push(`${target} ${stm}: compile errors:\n${formatDiagnostics(compiled.diagnostics)}`);
            continue;
          }
          for (const threads of stm === "none" ? [1] : threadCounts) {
            configurations++;
            const diff = difference(expected, await runCompiled(compiled.wasm, threads, abortRate));
            if (diff !== null) problems.push(`${target} ${stm} ×${threads}: ${diff}`);
          }
        }
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      process.stdout.write(`[${index + 1}/${programs.length}] ${program.name}: ${problems.length === 0 ? "ok" : `${problems.length} FAILED`} (${seconds} s)\n`);
      for (const p of problems) {
        process.stdout.write(`    ${p}\n`);
        failures.push(`${program.name} ${p}`);
      }
    }
    const minutes = ((performance.now() - started) / 60000).toFixed(1);
    process.stdout.write(`\nstress: ${configurations} configurations of ${programs.length} programs in ${minutes} min: ${failures.length} failed\n`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
