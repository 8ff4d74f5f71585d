// Single-thread figures for one program: compile time and run time of the compiled module on
// each target, next to the same program on V8 through the reference runner, all in one run.
//   node dist/bench/harness/sequential.js [program.ts]   (default: bench/programs/richards.ts)
import os from "node:os";
import path from "node:path";
import { compileFile, formatDiagnostics } from "../../compiler/index.js";
import { runModule } from "../../runtime/host/index.js";
import { packageRoot } from "../../runtime/packageRoot.js";
import { runReference } from "../../runtime/reference/run.js";
import type { TargetName } from "../../targets/target.js";
import type { StmAlgorithm } from "../../runtime/abi.js";
import { markdownTable, timed } from "./common.js";

const program = path.resolve(process.argv[2] ?? path.join(packageRoot(), "bench/programs/richards.ts"));

function quiet(): (text: string) => void {
  return () => {};
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  process.stderr.write(`${path.relative(process.cwd(), program)} on ${os.availableParallelism()} cores, Node ${process.version}\n`);
  // The V8 baselines: the program as plain JavaScript, and with the reference's runtime checks.
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  // Untimed first: loads TypeScript (the reference transpiles the program) and warms V8 up.
  await runReference(program, { checks: false });
  const [, plain] = await timed(() => runReference(program, { checks: false }));
  const [, checked] = await timed(() => runReference(program, { checks: true }));
  process.stdout.write = stdoutWrite;
  rows.push(["V8 (reference, plain JS)", "-", plain.toFixed(3), "1.00"]);
  rows.push(["V8 (reference, checked)", "-", checked.toFixed(3), (checked / plain).toFixed(2)]);
  let warm = false;
  for (const stm of ["none", "etl"] as StmAlgorithm[]) {
    for (const target of ["wasm32", "wasm64"] as TargetName[]) {
      process.stderr.write(`compiling and running ${target} -O3 --stm ${stm}\n`);
      const [result, compileTime] = await timed(() => compileFile(program, { target, optimizeLevel: 3, stm }));
      if (!result.ok) throw new Error(formatDiagnostics(result.diagnostics));
      // The host's first run loads the worker script: untimed, like the reference's first run.
      if (!warm) await runModule(result.wasm, { threads: 1, stdout: quiet() });
      warm = true;
      const [run, runTime] = await timed(() => runModule(result.wasm, { threads: 1, stdout: quiet() }));
      if (run.exitCode !== 0) throw new Error(`${target} run failed: ${run.error?.message}`);
      rows.push([`stmc ${target} -O3 --stm ${stm}`, compileTime.toFixed(3), runTime.toFixed(3), (runTime / plain).toFixed(2)]);
    }
  }
  console.log(markdownTable(["configuration", "compile s", "run s", "run time vs plain V8"], rows));
}

await main();
