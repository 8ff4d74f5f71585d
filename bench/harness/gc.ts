// Collector figures for one program (default: bench/programs/binary_trees.ts), all in one run:
// the program on V8 through the reference runner (`stmc run --reference`), and compiled (wasm32
// -O3, --stm etl, compiled once) at 1 and 2 threads (or the counts given). Each configuration
// runs in a child process of its own, so that its peak RSS is its own: wall time of the run, peak
// RSS of the process, RSS before the run (Node, the loaded modules, for the reference also
// TypeScript), and the collector's statistics when the runtime reports them. The compiled runs'
// output must equal the reference's.
//   node dist/bench/harness/gc.js [--threads 1,2] [--max-memory MiB] [program.ts]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { packageRoot } from "../../runtime/packageRoot.js";
import { measure } from "../runner/measure.js";
import { markdownTable, timed } from "./common.js";

const mib = (kib: number) => (kib / 1024).toFixed(0);
const fixed = (x: number | undefined, digits: number) => (x === undefined ? "-" : x.toFixed(digits));

async function main(argv: string[]): Promise<void> {
  const args = [...argv];
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const threadCounts = (option("--threads") ?? "1,2").split(",").map(Number);
  const maxMemory = option("--max-memory");
  const program = path.resolve(args[0] ?? path.join(packageRoot(), "bench/programs/binary_trees.ts"));

  const limit = maxMemory === undefined ? "default heap limit" : `--max-memory ${maxMemory}`;
  process.stderr.write(`${path.relative(process.cwd(), program)} on ${os.availableParallelism()} cores, Node ${process.version}, wasm32 -O3 --stm etl, ${limit}\n`);
  // Loaded here, not at the top: the children do not load the compiler (nor its memory).
  const { compileFile, formatDiagnostics } = await import("../../compiler/index.js");
  const [compiled, compileSeconds] = await timed(() =>
    compileFile(program, { target: "wasm32", optimizeLevel: 3, stm: "etl", maximumPages: maxMemory === undefined ? undefined : Number(maxMemory) * 16 }),
  );
  if (!compiled.ok) throw new Error(formatDiagnostics(compiled.diagnostics));
  process.stderr.write(`compiled in ${compileSeconds.toFixed(2)} s\n`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-gc-bench-"));
  const rows: string[][] = [];
  try {
    const wasmFile = path.join(dir, "program.wasm");
    fs.writeFileSync(wasmFile, compiled.wasm);
    process.stderr.write("running the reference (V8)\n");
    const reference = measure(["reference", program]);
    const v8 = reference.m;
    rows.push(["V8 (reference)", v8.seconds.toFixed(3), "1.00", mib(v8.peakRssKiB), mib(v8.baseRssKiB), "-", "-", "-", "-"]);
    for (const threads of threadCounts) {
      process.stderr.write(`running stmc ×${threads}\n`);
      const { output, m } = measure(["stmc", wasmFile, String(threads)]);
      if (output !== reference.output) throw new Error(`stmc ×${threads} printed something else than the reference:\n${output}`);
      rows.push([
        `stmc ×${threads}`,
        m.seconds.toFixed(3),
        (m.seconds / v8.seconds).toFixed(2),
        mib(m.peakRssKiB),
        mib(m.baseRssKiB),
        m.gc?.collections === undefined ? "-" : String(m.gc.collections),
        fixed(m.gc?.pauseTotalMs, 1),
        fixed(m.gc?.pauseMaxMs, 1),
        fixed(m.gc?.heapPeak === undefined ? undefined : m.gc.heapPeak / (1024 * 1024), 1),
      ]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const header = ["configuration", "wall s", "vs V8", "peak RSS MiB", "RSS before run MiB", "collections", "pause total ms", "longest pause ms", "heap peak MiB"];
  console.log(markdownTable(header, rows));
}

await main(process.argv.slice(2));
